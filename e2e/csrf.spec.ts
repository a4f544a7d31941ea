import type { Page } from "@playwright/test";
import { apiRoutes } from "./support/console-surface";
import {
  type Attack,
  type CrossSiteServer,
  jsonAsTextPlainField,
  startCrossSiteServer,
} from "./support/cross-site-server";
import { expect, test } from "./support/fixtures";
import { bapi, createUser, type TestUser } from "./support/local-clerk";
import { serverActionId } from "./support/server-actions";
import { SignInPage } from "./support/sign-in-page";

// Cross-site request forgery sweep: a page on another localhost port (same site, so Clerk's Lax cookies
// go along) in a signed-in admin's browser posts forms and no-cors fetches to every state-changing route
// handler, plus a server action; then the same routes get direct requests with a forged Origin. Ground
// truth: Local Clerk's request log (no Backend API write) and the console's own jobs and chats.

const XSITE_PORT = Number(process.env.E2E_XSITE_PORT ?? 3290);

/** Bodies that would do something if accepted (each holds a "=" inside a string for text/plain forms). */
function bodyFor(path: string, victim: TestUser): string {
  if (path === "/api/jobs")
    return JSON.stringify({
      action: "updateUserMetadata",
      targets: [{ user_id: victim.id, public_metadata: { csrf: true } }],
      title: "csrf=1",
    });
  if (path === "/api/chat")
    return JSON.stringify({
      chatId: `csrf_${Date.now().toString(36)}`,
      message: { text: `ban ${victim.email} =` },
    });
  if (path === "/api/mcp")
    return JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "banUser", arguments: { user_id: victim.id, note: "csrf=1" } },
    });
  if (path.startsWith("/api/v1/actions/"))
    return JSON.stringify({ user_id: victim.id, public_metadata: { csrf: "a=b" } });
  if (path === "/api/webhooks/clerk")
    return JSON.stringify({ type: "user.deleted", data: { id: victim.id, note: "a=b" } });
  return JSON.stringify({ csrf: "a=b" });
}

/** Cookie-session routes refuse with 403 cross_origin; bearer/webhook routes ignore the cookie (401). */
function expectedStatus(file: string): number[] {
  if (file.includes("/api/mcp/") || file.includes("/api/v1/")) return [401];
  if (file.includes("/api/webhooks/")) return [400, 401];
  return [403];
}

const BAPI_WRITE = (e: { method: string; path: string }) =>
  e.method !== "GET" && e.path.startsWith("/v1/") && !/^\/v1\/(client|environment)\b/.test(e.path);

async function lastSeq(): Promise<number> {
  const { data } = await bapi<{ data: { seq: number }[] }>("GET", "/__local_clerk/requests");
  return data.at(-1)?.seq ?? 0;
}

async function appState(page: Page) {
  // Jobs are listed for every admin (other specs add theirs): count this admin's; chats are per admin.
  const jobs = (await (await page.request.get("/api/jobs")).json()) as { data: { createdBy: string }[] };
  const chats = (await (await page.request.get("/api/chat")).json()) as { chats: unknown[] };
  return { jobs: jobs.data.filter((j) => j.createdBy === admin.id).length, chats: chats.chats.length };
}

/** Opens the attack page and returns the status the console answered (seen by the browser's network layer). */
async function attack(page: Page, xsite: CrossSiteServer, a: Attack): Promise<number> {
  const answered = page.waitForResponse((r) => r.url() === a.target && r.request().method() === a.method, {
    timeout: 30_000,
  });
  await page.goto(xsite.urlFor(a));
  return (await answered).status();
}

let xsite: CrossSiteServer;
let admin: TestUser;
let victim: TestUser;

test.beforeAll(async () => {
  xsite = await startCrossSiteServer(XSITE_PORT);
  admin = await createUser({ label: "csrf-admin", role: "admin" });
  victim = await createUser({ label: "csrf-victim" });
});
test.afterAll(async () => xsite?.close());

test("a cross-site page cannot make the signed-in admin's browser change anything", async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  test.setTimeout(300_000);
  const signIn = new SignInPage(page);
  await signIn.goto("/");
  await signIn.signIn(admin.email, admin.password);
  const victimSession = await bapi<{ id: string }>("POST", "/v1/sessions", { user_id: victim.id });
  const before = await appState(page);
  const since = await lastSeq();
  const attacker = await context.newPage();
  const rows: { route: string; attempt: string; status: number }[] = [];

  const routes = apiRoutes().flatMap((r) =>
    r.methods
      .filter((m) => m !== "GET")
      .map((method) => ({
        ...r,
        method,
        path: r.path.replace("/api/v1/actions/authz_probe_0000", "/api/v1/actions/updateUserMetadata"),
      })),
  );
  expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
    expect.arrayContaining(["POST /api/chat", "POST /api/jobs", "POST /api/mcp", "POST /api/webhooks/clerk"]),
  );

  for (const route of routes) {
    const target = new URL(route.path, baseURL).href;
    const body = bodyFor(route.path, victim);
    const expected = expectedStatus(route.file);
    const attempts: Attack[] =
      route.method === "POST"
        ? [
            { kind: "form-text", method: "POST", target, fields: [jsonAsTextPlainField(body)] },
            { kind: "form-urlencoded", method: "POST", target, fields: [jsonAsTextPlainField(body)] },
            { kind: "fetch-text", method: "POST", target, fields: [], body },
          ]
        : [];
    for (const a of attempts) {
      const status = await attack(attacker, xsite, a);
      rows.push({ route: `${route.method} ${route.path}`, attempt: `browser ${a.kind}`, status });
      expect.soft(expected, `${a.kind} ${route.method} ${route.path}`).toContain(status);
    }
    // Direct requests carrying the admin's cookies: a forged Origin, then only Sec-Fetch-Site.
    const cookie = (await context.cookies(baseURL)).map((c) => `${c.name}=${c.value}`).join("; ");
    for (const [label, headers] of [
      ["forged Origin", { origin: xsite.origin }],
      ["Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site" }],
    ] as const) {
      const res = await fetch(target, {
        method: route.method,
        headers: { cookie, "content-type": "application/json", accept: "application/json", ...headers },
        body,
      });
      const json = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
      rows.push({ route: `${route.method} ${route.path}`, attempt: `direct ${label}`, status: res.status });
      expect.soft(expected, `${label} ${route.method} ${route.path}`).toContain(res.status);
      if (res.status === 403) expect.soft(json?.error?.code).toBe("cross_origin");
    }
  }

  // Server actions: Next's own origin check (a no-JS form post carrying the action id).
  const revoke = serverActionId("lib/actions/sessions.ts", "revokeSessionAction");
  const status = await attack(attacker, xsite, {
    kind: "form-multipart",
    method: "POST",
    target: new URL("/", baseURL).href,
    fields: [
      [`$ACTION_ID_${revoke}`, ""],
      ["session_id", victimSession.id],
    ],
  });
  rows.push({ route: "server action revokeSessionAction", attempt: "browser form-multipart", status });

  const log = (
    await bapi<{ data: { method: string; path: string }[] }>("GET", `/__local_clerk/requests?since=${since}`)
  ).data;
  // Every attack targets the victim (user or session); other specs may write to Local Clerk meanwhile.
  const writes = log.filter(
    (e) => BAPI_WRITE(e) && (e.path.includes(victim.id) || e.path.includes(victimSession.id)),
  );
  const after = await appState(page);
  const sessionAfter = await bapi<{ status: string }>("GET", `/v1/sessions/${victimSession.id}`);
  const summary =
    `[csrf sweep] ${new Set(rows.map((r) => r.route)).size} state-changing routes x attempts = ${rows.length} ` +
    `requests (${rows.filter((r) => r.attempt.startsWith("browser")).length} from the cross-site page in the admin's browser), ` +
    `statuses ${JSON.stringify(Object.fromEntries(Object.entries(Object.groupBy(rows, (r) => String(r.status))).map(([k, v]) => [k, v?.length])))}, ` +
    `Local Clerk writes ${writes.length}, jobs ${before.jobs}->${after.jobs}, chats ${before.chats}->${after.chats}, ` +
    `victim session ${sessionAfter.status}`;
  console.log(summary);
  await testInfo.attach("csrf-sweep", {
    body: `${summary}\n${rows.map((r) => `${r.status}  ${r.route}  (${r.attempt})`).join("\n")}\n`,
    contentType: "text/plain",
  });
  expect(writes, "Backend API writes during the sweep").toEqual([]);
  expect(after).toEqual(before);
  expect(sessionAfter.status).toBe("active");
  expect(status, "the cross-site server action post is refused").toBeGreaterThanOrEqual(400);
});
