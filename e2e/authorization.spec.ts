import type { BrowserContext, Page } from "@playwright/test";
import { type ConsoleRole, can, mayAsk, type Permission } from "../lib/auth/policy";
import {
  actionPermission,
  apiRoutes,
  appServerActions,
  consolePages,
  routePermissions,
} from "./support/console-surface";
import { expect, test } from "./support/fixtures";
import { bapi, createUser, type TestUser } from "./support/local-clerk";
import { callServerAction } from "./support/server-actions";
import { SignInPage } from "./support/sign-in-page";

// The authorization matrix: signed-out / member / viewer / support / admin x every console page, every
// route handler and every server action of the build, at the HTTP level (what a hand-crafted request
// gets, not what the UI shows). Pages, routes and actions are discovered, and what each role may do is
// read from lib/auth/policy's table, so new ones are covered too. Writes are verified through Local
// Clerk's BAPI.

type Who = "signed-out" | "member" | "viewer" | "support" | "admin";
type Role = Exclude<Who, "signed-out">;
const ROLE_OF: Record<Role, ConsoleRole> = {
  member: "none",
  viewer: "viewer",
  support: "support",
  admin: "admin",
};

/** Whether the policy lets this caller reach a surface guarded by `permission` (the handler may still refuse). */
function reaches(who: Who, permission: Permission): boolean {
  return who !== "signed-out" && mayAsk(ROLE_OF[who], permission);
}

// Connection: close: no keep-alive socket reuse, whose close race on a loaded machine shows up as ECONNRESET.
const DOCUMENT_HEADERS = {
  Accept: "text/html",
  "Sec-Fetch-Dest": "document",
  "Sec-Fetch-Mode": "navigate",
  Connection: "close",
};
const REVOKE_ACTION = { file: "lib/actions/sessions.ts", name: "revokeSessionAction" };

const users: Partial<Record<Role, TestUser>> = {};
let victim: TestUser;

test.beforeAll(async () => {
  // Fresh accounts: other specs revoke the seeded accounts' sessions; this one must not race them.
  users.admin = await createUser({ label: "authz-admin", role: "admin" });
  users.viewer = await createUser({ label: "authz-viewer", role: "viewer" });
  users.support = await createUser({ label: "authz-support", role: "support" });
  users.member = await createUser({ label: "authz-member" });
  victim = await createUser({ label: "authz-victim" });
});

async function newVictimSession(): Promise<string> {
  const session = await bapi<{ id: string; status: string }>("POST", "/v1/sessions", { user_id: victim.id });
  expect(session.status).toBe("active");
  return session.id;
}

async function sessionStatus(id: string): Promise<string> {
  return (await bapi<{ status: string }>("GET", `/v1/sessions/${id}`)).status;
}

async function signIn(page: Page, user: TestUser): Promise<void> {
  const signInPage = new SignInPage(page);
  await signInPage.goto("/api/health");
  await signInPage.signIn(user.email, user.password);
}

/** Status of a request carrying the context's cookies; the body is not awaited (SSE routes never end). */
async function statusOf(
  context: BrowserContext,
  baseURL: string,
  method: string,
  urlPath: string,
): Promise<number> {
  const cookies = await context.cookies(baseURL);
  const res = await fetch(new URL(urlPath, baseURL), {
    method,
    headers: {
      cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; "),
      accept: "application/json",
      ...(method === "GET" ? {} : { "content-type": "application/json" }),
    },
    body: method === "GET" ? undefined : "{}",
    redirect: "manual",
    // Generous: the first request that opens the embedded database also runs its migrations.
    signal: AbortSignal.timeout(90_000),
  });
  await res.body?.cancel();
  return res.status;
}

function expectedPage(who: Who): "sign-in" | 403 | 200 {
  return who === "signed-out" ? "sign-in" : who === "member" ? 403 : 200;
}

async function checkPages(page: Page, who: Who, baseURL: string) {
  const expected = expectedPage(who);
  for (const path of consolePages()) {
    const dynamic = path.includes("authz_probe");
    await test.step(`page ${path} -> ${expected}`, async () => {
      const res = await page.request.get(path, { headers: DOCUMENT_HEADERS, maxRedirects: 0 });
      if (expected === "sign-in") {
        expect.soft(res.status(), path).toBe(307);
        const location = new URL(res.headers().location ?? "", baseURL);
        expect.soft(location.pathname, path).toBe("/sign-in");
        expect
          .soft(location.searchParams.get("redirect_url") ?? "", path)
          .toContain(new URL(path, baseURL).href);
        return;
      }
      const html = await res.text();
      if (expected === 403) {
        expect.soft(res.status(), path).toBe(403);
        // Next streams the forbidden UI in the RSC payload of an error shell; the console shell is absent.
        expect.soft(html, path).toContain("No access to this console");
        expect.soft(html, path).not.toContain("Skip to content");
        return;
      }
      // A probe id may legitimately be "not found"; it must never be refused or redirected.
      if (dynamic) expect.soft([200, 404], path).toContain(res.status());
      else expect.soft(res.status(), path).toBe(200);
      expect.soft(html, path).toContain(`data-role="${who}"`);
    });
  }
}

async function checkRouteSweep(context: BrowserContext, who: Who, baseURL: string) {
  for (const route of apiRoutes()) {
    for (const [method, permission] of routePermissions(route)) {
      if (permission === "public") continue;
      await test.step(`${method} ${route.path} (${permission})`, async () => {
        expect
          .soft(permission, `${method} ${route.file} must be wrapped in authorizedRoute()`)
          .not.toBe("unwrapped");
        if (permission === "unwrapped") return;
        if (reaches(who, permission) && permission === "read") {
          const status = await statusOf(context, baseURL, method, route.path);
          expect.soft([401, 403], `${method} ${route.path}`).not.toContain(status);
          return;
        }
        if (reaches(who, permission)) return; // allowed writes are exercised below with real targets
        const expected = who === "signed-out" ? 401 : 403;
        expect
          .soft(await statusOf(context, baseURL, method, route.path), `${method} ${route.path}`)
          .toBe(expected);
      });
    }
  }
}

async function checkActionSweep(page: Page, who: Who, baseURL: string) {
  if (who === "admin") return;
  for (const action of appServerActions()) {
    const permission = actionPermission(action);
    const code = who === "signed-out" ? "unauthenticated" : "forbidden";
    const allowed = reaches(who, permission);
    await test.step(`action ${action.exportedName} [${permission}] -> ${allowed ? "allowed" : code}`, async () => {
      const { response, result } = await callServerAction(page.request, {
        pagePath: "/",
        actionId: action.id,
        args: [{}],
        origin: baseURL,
      });
      expect.soft(response.status(), action.exportedName).toBe(200);
      if (allowed) {
        // Empty input: it may be invalid, but it must not be refused.
        expect
          .soft(JSON.stringify(result), action.exportedName)
          .not.toMatch(/"code":"(forbidden|unauthenticated)"/);
      } else {
        expect.soft(result, action.exportedName).toMatchObject({ ok: false, error: { code } });
      }
    });
  }
}

async function checkConsoleEndpoints(page: Page, who: Who, user: TestUser | undefined, baseURL: string) {
  const read = who === "signed-out" ? 401 : who === "member" ? 403 : 200;
  const refusal = who === "signed-out" ? "unauthenticated" : "forbidden";

  await test.step("GET /api/health is public", async () => {
    expect
      .soft((await page.request.get("/api/health", { headers: { Connection: "close" } })).status())
      .toBe(200);
  });

  await test.step("POST /api/mcp: a console session is not an MCP credential -> 401", async () => {
    const status = await statusOf(page.context(), baseURL, "POST", "/api/mcp");
    expect.soft(status).toBe(401);
  });

  await test.step(`GET /api/me -> ${read}`, async () => {
    const res = await page.request.get("/api/me", { headers: { Connection: "close" } });
    expect.soft(res.status()).toBe(read);
    const body = await res.json();
    if (read === 200) expect.soft(body).toMatchObject({ userId: user?.id, role: who, email: user?.email });
    else expect.soft(body).toEqual({ error: { code: refusal, message: expect.any(String) } });
  });

  const actionId = appServerActions().find(
    (a) => a.filename === REVOKE_ACTION.file && a.exportedName === REVOKE_ACTION.name,
  )?.id;
  expect(actionId, "revokeSessionAction is in the build").toBeTruthy();

  const revokes = who !== "signed-out" && can(ROLE_OF[who], "revoke_access");
  await test.step(`server action revokeSessionAction -> ${revokes ? "ok" : refusal}`, async () => {
    const sessionId = await newVictimSession();
    const { result } = await callServerAction(page.request, {
      pagePath: "/",
      actionId: actionId!,
      args: [{ session_id: sessionId }],
      origin: baseURL,
    });
    if (revokes) {
      expect.soft(result).toMatchObject({ ok: true, data: { id: sessionId, status: "revoked" } });
      expect.soft(await sessionStatus(sessionId)).toBe("revoked");
    } else {
      expect.soft(result).toMatchObject({ ok: false, error: { code: refusal } });
      expect.soft(await sessionStatus(sessionId), "a refused write changes nothing").toBe("active");
    }
  });

  await test.step("server action validates input only after authorization", async () => {
    const { result } = await callServerAction(page.request, {
      pagePath: "/",
      actionId: actionId!,
      args: [{ session_id: "'; DROP TABLE users; --" }],
      origin: baseURL,
    });
    const code = revokes ? "validation_failed" : refusal;
    expect.soft(result).toMatchObject({ ok: false, error: { code } });
  });
}

test.describe("authorization matrix", () => {
  test.describe.configure({ timeout: 300_000 });

  test("signed out: pages redirect to sign-in, endpoints answer 401, actions refuse", async ({
    page,
    context,
    baseURL,
  }) => {
    await checkPages(page, "signed-out", baseURL!);
    await checkRouteSweep(context, "signed-out", baseURL!);
    await checkActionSweep(page, "signed-out", baseURL!);
    await checkConsoleEndpoints(page, "signed-out", undefined, baseURL!);
  });

  for (const who of ["member", "viewer", "support", "admin"] as const) {
    test(`${who}: every page, route handler and server action`, async ({ page, context, baseURL }) => {
      const user = users[who]!;
      await signIn(page, user);
      await checkPages(page, who, baseURL!);
      await checkRouteSweep(context, who, baseURL!);
      await checkActionSweep(page, who, baseURL!);
      await checkConsoleEndpoints(page, who, user, baseURL!);
    });
  }

  test("the member sees the 403 page on every console page, never the shell", async ({ page }) => {
    const member = users.member!;
    await signIn(page, member);
    for (const path of consolePages()) {
      const res = await page.goto(path);
      expect.soft(res?.status(), path).toBe(403);
      await expect.soft(page.getByRole("heading", { name: /403/ })).toBeVisible();
      await expect.soft(page.getByTestId("forbidden-message")).toContainText(member.email);
      await expect.soft(page.getByRole("navigation", { name: "Console" })).toHaveCount(0);
    }
  });

  test("the viewer sees the shell read-only: role shown, revoke disabled", async ({ page }) => {
    const viewer = users.viewer!;
    await bapi("POST", "/v1/sessions", { user_id: viewer.id });
    await signIn(page, viewer);
    await page.goto("/");
    const header = page.getByRole("banner");
    await expect(header.getByTestId("console-role")).toHaveAttribute("data-role", "viewer");
    await expect(header.getByTestId("signed-in-user")).toHaveText(viewer.email);
    const revoke = page.getByTestId("session-list").getByRole("button", { name: "Revoke" });
    await expect(revoke.first()).toBeDisabled();
  });
});

test.describe("support role", () => {
  test.describe.configure({ timeout: 180_000 });

  function actionId(file: string, name: string): string {
    const id = appServerActions().find((a) => a.filename === file && a.exportedName === name)?.id;
    expect(id, `${name} is in the build`).toBeTruthy();
    return id!;
  }

  async function actorTokenRequests(): Promise<number> {
    const log = await bapi<{ data: { method: string; path: string }[] }>(
      "GET",
      `/__local_clerk/requests?path_prefix=${encodeURIComponent("/v1/actor_tokens")}`,
    );
    return log.data.filter((r) => r.method === "POST").length;
  }

  test("revokes sessions and creates a sign-in link; a ban, a delete and a direct impersonation are refused and write nothing", async ({
    supportPage,
    baseURL,
  }) => {
    const call = (file: string, name: string, input: unknown) =>
      callServerAction(supportPage.request, {
        pagePath: "/",
        actionId: actionId(file, name),
        args: [input],
        origin: baseURL!,
      }).then((r) => r.result);
    const target = await createUser({ label: "support-target" });

    const sessionId = await newVictimSession();
    expect(
      await call("lib/actions/sessions.ts", "revokeSessionAction", { session_id: sessionId }),
    ).toMatchObject({
      ok: true,
    });
    expect(await sessionStatus(sessionId)).toBe("revoked");

    const link = await call("lib/actions/user-lifecycle.ts", "createSignInTokenAction", {
      user_id: target.id,
    });
    expect(link).toMatchObject({ ok: true, data: { url: expect.stringMatching(/^https?:\/\//) } });

    expect(await call("lib/actions/users.ts", "banUserAction", { user_id: target.id })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(
      await call("lib/actions/user-lifecycle.ts", "deleteUserAction", {
        user_id: target.id,
        confirm_email: target.email,
      }),
    ).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const before = await actorTokenRequests();
    expect(
      await call("lib/actions/impersonation.ts", "impersonateUserAction", {
        user_id: target.id,
        reason: "support ticket 42",
      }),
    ).toMatchObject({ ok: false, error: { code: "forbidden", message: expect.stringMatching(/admin/) } });
    const user = await bapi<{ banned: boolean; id: string }>("GET", `/v1/users/${target.id}`);
    expect(user).toMatchObject({ id: target.id, banned: false });
    expect(await actorTokenRequests(), "no actor token created").toBe(before);
  });

  test("the user page: session revoke, revoke-all and sign-in link enabled; editing, ban and delete disabled", async ({
    supportPage,
  }) => {
    const target = await createUser({ label: "support-page" });
    await bapi("POST", "/v1/sessions", { user_id: target.id });
    await supportPage.goto(`/users/${target.id}`);
    await expect(supportPage.getByRole("banner").getByTestId("console-role")).toHaveAttribute(
      "data-role",
      "support",
    );
    await expect(supportPage.getByTestId("read-only-note")).toContainText("Support access");
    await expect(
      supportPage.getByTestId("session-row").getByRole("button", { name: "Revoke" }).first(),
    ).toBeEnabled();
    await expect(supportPage.getByTestId("sign-in-link-open")).toBeEnabled();
    await expect(supportPage.getByTestId("delete-user")).toBeDisabled();
  });
});
