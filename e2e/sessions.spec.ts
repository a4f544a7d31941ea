import { ask } from "./support/chat";
import { signInFrom } from "./support/fapi-sign-in";
import { expect, signInAs, test, uniq } from "./support/fixtures";
import { bapi, createUser } from "./support/local-clerk";
import { SignInPage } from "./support/sign-in-page";

// The Sessions page and the chat's sign-in questions against Local Clerk: a real <SignIn/> in a second
// browser context reaches the page through the session.created webhook, the store and the live stream.

const MAC_CHROME =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36";
// Local Clerk places these documentation-range addresses (local-clerk/src/state/session-activity.ts).
const PLACES = [
  { ip: "203.0.113.45", city: "London, GB" },
  { ip: "192.0.2.14", city: "Paris, FR" },
  { ip: "192.0.2.201", city: "Tokyo, JP" },
];

test.describe("sessions", () => {
  // Cold ClerkJS in two browser contexts, the first SSE connection and a chat of three turns on a loaded machine.
  test.describe.configure({ timeout: 240_000 });

  test("a sign-in in another browser shows up live with device, IP and place; revoke it from the list", async ({
    page,
    browser,
  }) => {
    const victim = await createUser({ label: `signin${uniq()}` });
    await page.goto("/sign-in");
    await page.locator("input[name=identifier]").waitFor({ timeout: 60_000 });
    await signInAs(page, "admin", "/sessions");
    await expect(page.getByTestId("sign-ins-chart")).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-status", "live", {
      timeout: 90_000,
    });
    await page.evaluate(() => {
      (window as unknown as { __marker?: string }).__marker = "still here";
    });

    const other = await browser.newContext();
    try {
      const second = await other.newPage();
      const signIn = new SignInPage(second);
      await signIn.goto("/customer");
      await signIn.signIn(victim.email, victim.password);
      const signedInAt = Date.now();

      const row = page.getByTestId("sign-in-row").filter({ hasText: victim.email });
      await expect(row).toHaveCount(1, { timeout: 30_000 });
      const seenAfterMs = Date.now() - signedInAt;
      test.info().annotations.push({ type: "sign-in visible after (ms)", description: String(seenAfterMs) });
      console.log(`[sessions.spec] sign-in visible on /sessions ${seenAfterMs} ms after <SignIn/> completed`);
      await expect(row).toContainText("Chrome");
      await expect(row).toContainText(/\d+\.\d+\.\d+\.\d+/);
      await expect(row).toContainText(/[A-Z][a-z]+.*, [A-Z]{2}/);
      await expect(row).toContainText("active");
      expect(await page.evaluate(() => (window as unknown as { __marker?: string }).__marker)).toBe(
        "still here",
      );

      const active = page.getByTestId("active-session-row").filter({ hasText: victim.email });
      await expect(active).toHaveCount(1, { timeout: 30_000 });
      const sessionId = (await active.getAttribute("data-session-id")) ?? "";
      expect(sessionId).toMatch(/^sess_/);
      await active.getByTestId(`revoke-session-${sessionId}`).click();
      await page.getByTestId(`revoke-session-${sessionId}-confirm`).click();
      await expect(page.getByText("Session revoked.")).toBeVisible({ timeout: 30_000 });
      expect((await bapi<{ status: string }>("GET", `/v1/sessions/${sessionId}`)).status).toBe("revoked");
      await expect(active).toHaveCount(0, { timeout: 30_000 });
      await expect(row).toContainText("revoked", { timeout: 30_000 });
    } finally {
      await other.close();
    }
  });

  test("suspicious users follow N in the URL", async ({ page }) => {
    const roamer = await createUser({ label: `roam${uniq()}` });
    for (const place of PLACES) await signInFrom(roamer, { ip: place.ip, userAgent: MAC_CHROME });
    await signInAs(page, "admin", "/sessions?more_than=2&window=7");
    const row = page.getByTestId("suspicious-row").filter({ hasText: roamer.email });
    await expect(row).toHaveCount(1, { timeout: 60_000 });
    for (const place of PLACES) await expect(row).toContainText(place.city);
    await page.getByLabel("More than").selectOption("3");
    await expect(page).toHaveURL(/more_than=3/);
    await expect(row).toHaveCount(0, { timeout: 30_000 });
    await page.reload();
    await expect(page.getByLabel("More than")).toHaveValue("3");
  });

  test("a viewer reads the page with revoke disabled; a member gets the 403 page", async ({
    page,
    browser,
  }) => {
    await signInAs(page, "viewer", "/sessions");
    await expect(page.getByTestId("sign-ins-chart")).toBeVisible({ timeout: 60_000 });
    const revoke = page.getByTestId("active-session-row").first().getByRole("button", { name: "Revoke" });
    await expect(revoke).toBeDisabled();
    const other = await browser.newContext();
    try {
      const member = await other.newPage();
      await signInAs(member, "member", "/sessions");
      await expect(member.getByText("No access to this console").first()).toBeVisible({ timeout: 60_000 });
      await expect(member.getByTestId("sign-ins-chart")).toHaveCount(0);
    } finally {
      await other.close();
    }
  });

  test("chat: who signed in in the last hour, suspicious sign-ins this week, and a revoke proposal", async ({
    page,
  }) => {
    const roamer = await createUser({ label: `chatroam${uniq()}` });
    const sessions: string[] = [];
    for (const place of PLACES)
      sessions.push(await signInFrom(roamer, { ip: place.ip, userAgent: MAC_CHROME }));
    await signInAs(page, "admin", "/chat");

    await ask(page, "who signed in in the last hour?");
    const answer = page.getByTestId("assistant-message").last();
    await expect(answer).toContainText("in the last hour", { timeout: 60_000 });
    await expect(answer).toContainText(roamer.email);
    await expect(answer).toContainText("London, GB");
    await expect(page.getByTestId("chat-session")).toHaveAttribute("data-status", "ready");

    await ask(page, "show suspicious sign-ins this week");
    const suspicious = page.getByTestId("assistant-message").last();
    await expect(suspicious).toContainText("locations or devices this week", { timeout: 60_000 });
    await expect(suspicious).toContainText(roamer.email);
    await expect(page.getByTestId("chat-session")).toHaveAttribute("data-status", "ready");

    await ask(page, `revoke the suspicious sessions of ${roamer.email}`);
    const cards = page.locator('[data-testid="approval-card"][data-state="pending"]');
    await expect(cards).toHaveCount(3, { timeout: 60_000 });
    // The three cards of one step: approve the first, deny the others; the step then runs.
    await cards.first().getByRole("button", { name: "Approve" }).click();
    for (let i = 0; i < 2; i++) {
      await cards.first().getByRole("button", { name: "Deny" }).click();
      await expect(cards).toHaveCount(1 - i, { timeout: 30_000 });
    }
    await expect(page.getByText("Approved and applied: revokeSession")).toBeVisible({ timeout: 60_000 });
    const statuses = await Promise.all(
      sessions.map((id) => bapi<{ status: string }>("GET", `/v1/sessions/${id}`)),
    );
    expect(statuses.map((s) => s.status).sort()).toEqual(["active", "active", "revoked"]);
  });
});
