import { LOCAL_CLERK_URL } from "./local-clerk";

const Q = "?__clerk_api_version=2026-08-20&_clerk_js_version=6.40.0";
const APP_ORIGIN = `http://localhost:${Number(process.env.E2E_APP_PORT ?? 3100)}`;

/**
 * A password sign-in straight against Local Clerk's Frontend API, as a browser behind a proxy at `ip`
 * (X-Forwarded-For) with `userAgent` would make it: Clerk records that place and device on the
 * session. Returns the new session id. For sign-ins from several places at once, which one machine's
 * browser contexts cannot be.
 */
export async function signInFrom(
  user: { email: string; password: string },
  from: { ip: string; userAgent: string },
): Promise<string> {
  const headers = {
    "content-type": "application/x-www-form-urlencoded",
    origin: APP_ORIGIN,
    "x-forwarded-host": new URL(APP_ORIGIN).host,
    "x-forwarded-proto": "http",
    "x-forwarded-for": from.ip,
    "user-agent": from.userAgent,
  };
  const start = await fetch(`${LOCAL_CLERK_URL}/v1/client/sign_ins${Q}`, {
    method: "POST",
    headers,
    body: new URLSearchParams({ identifier: user.email }).toString(),
  });
  const client = start.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith("__client="));
  const signIn = ((await start.json()) as { response?: { id?: string } }).response?.id;
  if (!start.ok || !client || !signIn) throw new Error(`sign-in start failed: ${start.status}`);
  const done = await fetch(`${LOCAL_CLERK_URL}/v1/client/sign_ins/${signIn}/attempt_first_factor${Q}`, {
    method: "POST",
    headers: { ...headers, cookie: client },
    body: new URLSearchParams({ strategy: "password", password: user.password }).toString(),
  });
  const body = (await done.json()) as { response?: { created_session_id?: string } };
  const session = body.response?.created_session_id;
  if (!done.ok || !session) throw new Error(`sign-in failed: ${done.status}`);
  return session;
}
