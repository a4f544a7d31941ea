import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { createUser, revokeSession, type TestUser } from "./support/local-clerk";
import { clerkSessionId, clerkUserEmail, expectClerkReady, SignInPage } from "./support/sign-in-page";

// These tests use their own admin with short session tokens (a Local Clerk per-user TTL), so
// refreshes and expiries happen within seconds without shortening any other spec's tokens.
const TTL_SECONDS = 10;

interface JwtClaims {
  iat: number;
  exp: number;
  sid: string;
  sub: string;
  metadata?: { role?: string };
}

function decodeJwt(jwt: string): JwtClaims {
  const payload = jwt.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as JwtClaims;
}

async function sessionCookie(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies()).find((c) => c.name === "__session")?.value;
}

async function signInFresh(page: Page, user: TestUser): Promise<void> {
  const signIn = new SignInPage(page);
  await signIn.goto("/");
  await signIn.signIn(user.email, user.password);
  await expect(page.getByTestId("signed-in-user")).toHaveText(user.email);
}

test.describe("session lifecycle", () => {
  test("the session token is refreshed while the page stays open", async ({ page, context }) => {
    const user = await createUser({ label: "refresh", role: "admin", tokenTtlSeconds: TTL_SECONDS });
    const minted: string[] = [];
    page.on("response", (res) => {
      if (/\/__clerk\/v1\/client\/sessions\/[^/]+\/tokens/.test(res.url()) && res.status() === 200)
        minted.push(res.url());
    });
    await signInFresh(page, user);
    const first = await sessionCookie(context);
    expect(first).toBeTruthy();
    const firstClaims = decodeJwt(first as string);
    expect(firstClaims.exp - firstClaims.iat).toBe(TTL_SECONDS);
    expect(firstClaims.metadata?.role).toBe("admin");

    // ClerkJS's poller must fetch a new token before the old one runs out.
    await expect
      .poll(async () => decodeJwt((await sessionCookie(context)) ?? first ?? "").iat, {
        timeout: TTL_SECONDS * 2_000,
      })
      .toBeGreaterThan(firstClaims.iat);
    expect(minted.length).toBeGreaterThan(0);
    const latest = decodeJwt((await sessionCookie(context)) as string);
    expect(latest.sid).toBe(firstClaims.sid);
    expect(latest.exp).toBeGreaterThan(firstClaims.exp);

    // Still signed in on a server-rendered navigation with the refreshed cookie.
    await page.goto("/users");
    await expect(page).toHaveURL(/\/users$/);
    await expect(page.getByTestId("signed-in-user")).toHaveText(user.email);
  });

  test("after the token expires with the tab closed, the next navigation recovers through the handshake", async ({
    page,
    context,
  }) => {
    test.setTimeout(90_000);
    const user = await createUser({ label: "handshake", role: "admin", tokenTtlSeconds: TTL_SECONDS });
    await signInFresh(page, user);
    await page.close();

    const stale = await sessionCookie(context);
    expect(stale).toBeTruthy();
    const staleClaims = decodeJwt(stale as string);
    // Past exp plus the backend's 5 s clock-skew allowance.
    const waitMs = (staleClaims.exp + 6) * 1000 - Date.now();
    if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));

    const next = await context.newPage();
    const handshakes: string[] = [];
    next.on("request", (req) => {
      if (req.url().includes("/__clerk/v1/client/handshake")) handshakes.push(req.url());
    });
    await next.goto("/users");
    await expect(next).toHaveURL(/\/users$/);
    await expect(next.getByTestId("signed-in-user")).toHaveText(user.email);
    expect(handshakes.length).toBeGreaterThan(0);
    expect(new URL(handshakes[0] as string).searchParams.get("redirect_url")).toMatch(/\/users$/);
    const fresh = decodeJwt((await sessionCookie(context)) as string);
    expect(fresh.iat).toBeGreaterThan(staleClaims.iat);
    expect(fresh.sid).toBe(staleClaims.sid);
    await expectClerkReady(next);
  });

  test("revoking the session through BAPI signs the browser out within one token lifetime", async ({
    page,
  }) => {
    const user = await createUser({ label: "revoke", role: "admin", tokenTtlSeconds: TTL_SECONDS });
    await signInFresh(page, user);
    await expectClerkReady(page);
    const sessionId = await clerkSessionId(page);
    expect(sessionId).toMatch(/^sess_/);

    const revoked = await revokeSession(sessionId as string);
    expect(revoked.status).toBe("revoked");

    await expect.poll(() => clerkUserEmail(page), { timeout: TTL_SECONDS * 1_000 }).toBeNull();
    // The app reacts on its own: the open console page lands on sign-in without a manual navigation.
    await expect(page).toHaveURL(/\/sign-in/, { timeout: TTL_SECONDS * 1_000 });
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
