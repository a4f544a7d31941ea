import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { bapi, createUser, type TestUser } from "./support/local-clerk";
import { callServerAction, serverActionId } from "./support/server-actions";
import { SignInPage } from "./support/sign-in-page";

// The authorization matrix: signed-out / member / viewer / admin x every console page, the console's
// route handlers and its server action, at the HTTP level (what a hand-crafted request gets, not
// just what the UI shows). Writes are verified through Local Clerk's BAPI.

type Who = "signed-out" | "member" | "viewer" | "admin";

const PAGES = [
  { path: "/", title: "Overview" },
  { path: "/users", title: "Users" },
  { path: "/invitations", title: "Invitations" },
  { path: "/audit", title: "Audit" },
  { path: "/chat", title: "Chat" },
  { path: "/approvals", title: "Approvals" },
] as const;

const EXPECTED: Record<
  Who,
  { page: "sign-in" | 403 | 200; read: number; write: number; actionCode?: string }
> = {
  "signed-out": { page: "sign-in", read: 401, write: 401, actionCode: "unauthenticated" },
  member: { page: 403, read: 403, write: 403, actionCode: "forbidden" },
  viewer: { page: 200, read: 200, write: 403, actionCode: "forbidden" },
  admin: { page: 200, read: 200, write: 200 },
};

const DOCUMENT_HEADERS = { Accept: "text/html", "Sec-Fetch-Dest": "document", "Sec-Fetch-Mode": "navigate" };

const users: Partial<Record<Exclude<Who, "signed-out">, TestUser>> = {};
let victim: TestUser;

test.beforeAll(async () => {
  // Fresh accounts: other specs revoke the seeded accounts' sessions, this one must not race them.
  users.admin = await createUser({ label: "authz-admin", role: "admin" });
  users.viewer = await createUser({ label: "authz-viewer", role: "viewer" });
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

async function checkPages(request: APIRequestContext, who: Who, baseURL: string) {
  const expected = EXPECTED[who].page;
  for (const { path, title } of PAGES) {
    await test.step(`GET ${path} -> ${expected}`, async () => {
      const res = await request.get(path, { headers: DOCUMENT_HEADERS, maxRedirects: 0 });
      if (expected === "sign-in") {
        expect.soft(res.status(), path).toBe(307);
        const location = new URL(res.headers().location ?? "", baseURL);
        expect.soft(location.pathname, path).toBe("/sign-in");
        expect
          .soft(location.searchParams.get("redirect_url") ?? "", path)
          .toContain(path === "/" ? baseURL : path);
        return;
      }
      const html = await res.text();
      expect.soft(res.status(), path).toBe(expected);
      if (expected === 403) {
        expect.soft(html, path).toContain("No access to this console");
        expect.soft(html, path).not.toContain(`>${title}</h1>`);
      } else {
        expect.soft(html, path).toContain(`>${title}</h1>`);
        expect.soft(html, path).toContain(`data-role="${who}"`);
      }
    });
  }
}

async function checkRoutes(request: APIRequestContext, who: Who, user: TestUser | undefined) {
  const { read, write } = EXPECTED[who];

  await test.step("GET /api/health is public", async () => {
    expect.soft((await request.get("/api/health")).status()).toBe(200);
  });

  await test.step(`GET /api/me -> ${read}`, async () => {
    const res = await request.get("/api/me");
    expect.soft(res.status()).toBe(read);
    const body = await res.json();
    if (read === 200) expect.soft(body).toMatchObject({ userId: user?.id, role: who, email: user?.email });
    else
      expect
        .soft(body)
        .toEqual({
          error: { code: read === 401 ? "unauthenticated" : "forbidden", message: expect.any(String) },
        });
  });

  await test.step(`POST /api/sessions/:id/revoke -> ${write}`, async () => {
    const sessionId = await newVictimSession();
    const res = await request.post(`/api/sessions/${sessionId}/revoke`);
    expect.soft(res.status()).toBe(write);
    if (write === 200) {
      expect.soft(await res.json()).toMatchObject({ id: sessionId, status: "revoked" });
      expect.soft(await sessionStatus(sessionId)).toBe("revoked");
    } else {
      expect.soft((await res.json()).error.code).toBe(write === 401 ? "unauthenticated" : "forbidden");
      expect.soft(await sessionStatus(sessionId), "a refused write changes nothing").toBe("active");
    }
  });

  await test.step("POST /api/sessions/:id/revoke with a malformed id", async () => {
    const res = await request.post("/api/sessions/not-a-session/revoke");
    expect.soft(res.status()).toBe(write === 200 ? 422 : write);
  });
}

async function checkServerAction(request: APIRequestContext, who: Who, baseURL: string) {
  const actionId = serverActionId("app/(console)/_actions/sessions.ts", "revokeSessionAction");
  const expectedCode = EXPECTED[who].actionCode;

  await test.step(`server action revokeSessionAction -> ${expectedCode ?? "ok"}`, async () => {
    const sessionId = await newVictimSession();
    const { response, result } = await callServerAction(request, {
      pagePath: "/",
      actionId,
      args: [{ session_id: sessionId }],
      origin: baseURL,
    });
    expect.soft(response.status()).toBe(200);
    if (expectedCode) {
      expect.soft(result).toMatchObject({ ok: false, error: { code: expectedCode } });
      expect.soft(await sessionStatus(sessionId), "a refused write changes nothing").toBe("active");
    } else {
      expect.soft(result).toMatchObject({ ok: true, data: { id: sessionId, status: "revoked" } });
      expect.soft(await sessionStatus(sessionId)).toBe("revoked");
    }
  });

  await test.step("server action validates input after authorization", async () => {
    const { result } = await callServerAction(request, {
      pagePath: "/",
      actionId,
      args: [{ session_id: "'; DROP TABLE users; --" }],
      origin: baseURL,
    });
    expect.soft(result).toMatchObject({ ok: false, error: { code: expectedCode ?? "validation_failed" } });
  });
}

test.describe("authorization matrix", () => {
  test("signed out: pages redirect to sign-in, endpoints answer 401, the action refuses", async ({
    page,
    baseURL,
  }) => {
    await checkPages(page.request, "signed-out", baseURL!);
    await checkRoutes(page.request, "signed-out", undefined);
    await checkServerAction(page.request, "signed-out", baseURL!);
  });

  for (const who of ["member", "viewer", "admin"] as const) {
    test(`${who}: pages, route handlers and server action`, async ({ page, baseURL }) => {
      const user = users[who]!;
      await signIn(page, user);
      await checkPages(page.request, who, baseURL!);
      await checkRoutes(page.request, who, user);
      await checkServerAction(page.request, who, baseURL!);
    });
  }

  test("the member sees the 403 page on every console page, the shell never renders", async ({ page }) => {
    await signIn(page, users.member!);
    for (const { path } of PAGES) {
      const res = await page.goto(path);
      expect.soft(res?.status(), path).toBe(403);
      await expect.soft(page.getByRole("heading", { name: /403/ })).toBeVisible();
      await expect.soft(page.getByText(users.member!.email)).toBeVisible();
      await expect.soft(page.getByRole("navigation", { name: "Console" })).toHaveCount(0);
    }
  });

  test("the viewer sees the shell read-only: role shown, revoke disabled", async ({ page }) => {
    const viewer = users.viewer!;
    await bapi("POST", "/v1/sessions", { user_id: viewer.id });
    await signIn(page, viewer);
    await page.goto("/");
    await expect(page.getByTestId("console-role")).toHaveAttribute("data-role", "viewer");
    await expect(page.getByTestId("signed-in-user")).toHaveText(viewer.email);
    const revoke = page.getByTestId("session-list").getByRole("button", { name: "Revoke" });
    await expect(revoke.first()).toBeDisabled();
  });
});
