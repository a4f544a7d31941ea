import type { Page } from "@playwright/test";
import { expect, signInAs as fixtureSignInAs, test, uniq } from "./support/fixtures";
import { bapi, createUser } from "./support/local-clerk";

// Live updates (webhook -> store -> SSE -> router.refresh()) and the public-metadata filter, against
// Local Clerk delivering signed webhooks to the app (playwright.config.ts).

type BapiUser = { id: string; public_metadata: Record<string, unknown> };

/** ClerkJS loads cold per browser context; give the first sign-in page a longer wait (as users.spec does). */
async function signInAs(page: Page, path: string) {
  await page.goto("/sign-in");
  await page.locator("input[name=identifier]").waitFor({ timeout: 60_000 });
  await fixtureSignInAs(page, "admin", path);
}

/** A marker on window: it survives router.refresh() and is gone after any full page load. */
async function markWindow(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __liveMarker?: string }).__liveMarker = "still here";
  });
}
const marker = (page: Page) =>
  page.evaluate(() => (window as unknown as { __liveMarker?: string }).__liveMarker ?? null);

async function waitLive(page: Page): Promise<void> {
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-status", "live", {
    timeout: 30_000,
  });
}

async function allBapiUsers(): Promise<BapiUser[]> {
  const out: BapiUser[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await bapi<BapiUser[]>("GET", `/v1/users?limit=500&offset=${offset}`);
    out.push(...page);
    if (page.length < 500) return out;
  }
}

test.describe("live updates", () => {
  test("users table: a BAPI metadata change and a new user show up without a reload", async ({ page }) => {
    const label = `live${uniq()}`;
    const user = await createUser({ label });
    await bapi("PATCH", `/v1/users/${user.id}/metadata`, { public_metadata: { plan: "free" } });
    await signInAs(page, `/users?q=${label}`);
    const row = page.locator(`[data-testid=user-row][data-user-id=${user.id}]`);
    await expect(row).toContainText("free");
    await waitLive(page);
    await markWindow(page);

    await bapi("PATCH", `/v1/users/${user.id}/metadata`, { public_metadata: { plan: "enterprise" } });
    await expect(row).toContainText("enterprise", { timeout: 20_000 });
    await expect(page.getByTestId("user-row")).toHaveCount(1);

    const second = await createUser({ label: `${label}b` });
    await expect(page.getByTestId("user-row")).toHaveCount(2, { timeout: 20_000 });
    await expect(page.locator(`[data-testid=user-row][data-user-id=${second.id}]`)).toBeVisible();
    expect(await marker(page)).toBe("still here");
  });

  test("user page: refreshes live, and an in-progress edit is kept behind 'reload diff'", async ({
    page,
  }) => {
    const user = await createUser({ label: `livedetail${uniq()}` });
    const other = await createUser({ label: `liveother${uniq()}` });
    await signInAs(page, `/users/${user.id}`);
    const current = page.getByTestId("metadata-public-current");
    await expect(current).toContainText("{}");
    await waitLive(page);
    await markWindow(page);

    // Someone else's user changes: this page stays as it is.
    await bapi("PATCH", `/v1/users/${other.id}/metadata`, { public_metadata: { plan: "pro" } });
    await bapi("PATCH", `/v1/users/${user.id}/metadata`, { public_metadata: { plan: "pro" } });
    await expect(current).toContainText('"plan": "pro"', { timeout: 20_000 });
    expect(await marker(page)).toBe("still here");

    // The admin starts typing; a change elsewhere must not replace the text.
    const input = page.getByTestId("metadata-public-input");
    await input.fill('{"seats": 3}');
    await bapi("PATCH", `/v1/users/${user.id}/metadata`, { public_metadata: { plan: "enterprise" } });
    const banner = page.getByTestId("metadata-changed-elsewhere");
    await expect(banner).toBeVisible({ timeout: 20_000 });
    await expect(input).toHaveValue('{"seats": 3}');
    await expect(current).toContainText('"plan": "pro"');

    await banner.getByTestId("metadata-reload-diff").click();
    await expect(banner).toBeHidden();
    await expect(current).toContainText('"plan": "enterprise"');
    await expect(input).toHaveValue('{"seats": 3}');

    await page.getByTestId("metadata-public-review").click();
    await page.getByTestId("metadata-public-confirm").click();
    await expect(page.getByText("Public metadata saved.")).toBeVisible({ timeout: 30_000 });
    const stored = await bapi<BapiUser>("GET", `/v1/users/${user.id}`);
    expect(stored.public_metadata).toEqual({ plan: "enterprise", seats: 3 });
    expect(await marker(page)).toBe("still here");
  });

  test("metadata filter plan=pro shows exactly BAPI's pro users, follows changes live, resyncs", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const expected = (await allBapiUsers()).filter((u) => u.public_metadata.plan === "pro").map((u) => u.id);
    expect(expected.length).toBeGreaterThan(0);

    await signInAs(page, "/users?mk=plan&mv=pro&size=100");
    await expect(page.getByTestId("metadata-filter-key")).toHaveValue("plan");
    // The first filter builds the index (a full resync) before it answers.
    await expect(page.getByTestId("metadata-filter-note")).toContainText("plan = pro", { timeout: 60_000 });
    await expect(page.getByTestId("users-total")).toHaveText(String(expected.length), { timeout: 30_000 });
    await expect(page.getByTestId("index-freshness")).toContainText(/index: \d+ users/);
    await expect(page.getByTestId("index-freshness")).toContainText("last full resync");

    const shown: string[] = [];
    for (let p = 1; ; p++) {
      const ids = await page
        .getByTestId("user-row")
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-user-id") ?? ""));
      shown.push(...ids);
      if (shown.length >= expected.length) break;
      await page.getByTestId("users-next").click();
      await expect(page).toHaveURL(new RegExp(`[?&]page=${p + 1}`));
      await expect(page.getByTestId("users-range")).toContainText(`page ${p + 1} of`);
    }
    expect([...shown].sort()).toEqual([...expected].sort());

    // A pro user moves to free elsewhere: it leaves the filtered view without a reload.
    await page.goto("/users?mk=plan&mv=pro&size=100");
    await waitLive(page);
    await markWindow(page);
    const first = await page.getByTestId("user-row").first().getAttribute("data-user-id");
    await bapi("PATCH", `/v1/users/${first}/metadata`, { public_metadata: { plan: "free" } });
    await expect(page.getByTestId("users-total")).toHaveText(String(expected.length - 1), {
      timeout: 20_000,
    });
    await expect(page.locator(`[data-testid=user-row][data-user-id=${first}]`)).toHaveCount(0);
    expect(await marker(page)).toBe("still here");

    await page.getByTestId("index-resync").click();
    await expect(page.getByText(/Index rebuilt: \d+ users/)).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("index-freshness")).toContainText(/last full resync \d+ s ago/);
    await bapi("PATCH", `/v1/users/${first}/metadata`, { public_metadata: { plan: "pro" } });
  });
});
