// The Workflow SDK's routes under /.well-known/workflow/v1/: `flow` and `step` are the engine's own queue
// deliveries (run a workflow's next replay, run a step), `webhook/[token]` resumes webhooks made with
// createWebhook(). None carries a person's credentials. Off Vercel, the local and PostgreSQL worlds
// deliver over loopback (http://localhost:<port>), so only such requests pass: Next.js fills in
// X-Forwarded-For with the socket's address when a request has none, so a loopback delivery carries
// exactly a loopback address there, while one through a reverse proxy carries the client's (the proxy
// must set the header, as nginx and Caddy do) and one from elsewhere its own. On Vercel the queue
// delivers through Vercel's own trigger, so flow/step pass there. The console creates no webhooks
// (its hooks, a job's approval and control, are resumed only by lib/jobs/engine after the approve,
// pause, resume and cancel actions), so `webhook` is always 404.

const WORKFLOW_ROUTE_PREFIX = "/.well-known/workflow/";

const PROXY_HEADERS = ["forwarded", "x-real-ip"];
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const LOOPBACK_ADDRESSES = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

export function isWorkflowRoute(pathname: string): boolean {
  return pathname.startsWith(WORKFLOW_ROUTE_PREFIX);
}

function hostName(host: string | null): string {
  if (!host) return "";
  return host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : (host.split(":")[0] ?? "");
}

/** Whether a request to a workflow route may reach it (see the header of this file). */
export function workflowRouteAllowed(
  pathname: string,
  headers: Pick<Headers, "get">,
  env: Record<string, string | undefined> = process.env,
): boolean {
  const rest = pathname.slice(WORKFLOW_ROUTE_PREFIX.length);
  if (rest !== "v1/flow" && rest !== "v1/step") return false;
  if (env.VERCEL) return true;
  if (PROXY_HEADERS.some((h) => headers.get(h) !== null)) return false;
  const host = headers.get("host");
  const forwardedHost = headers.get("x-forwarded-host");
  if (forwardedHost !== null && forwardedHost !== host) return false;
  const from = headers.get("x-forwarded-for");
  if (from !== null && !LOOPBACK_ADDRESSES.has(from.trim())) return false;
  return LOOPBACK_HOSTS.has(hostName(host).toLowerCase());
}
