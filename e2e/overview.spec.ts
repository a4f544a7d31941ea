import { expect, signInAs, test } from "./support/fixtures";
import { bapi } from "./support/local-clerk";

// Overview page against Local Clerk (500 seeded users); every figure is compared with the BAPI.

const DAY = 86_400_000;

test("the overview's numbers equal what the BAPI counts", async ({ page }) => {
  test.setTimeout(120_000);
  // ClerkJS loads cold in a new context; wait for the sign-in form generously before the fixture's own wait.
  await page.goto("/sign-in");
  await page.locator("input[name=identifier]").waitFor({ timeout: 60_000 });
  await signInAs(page, "admin");
  // Other specs may create users meanwhile: the page's count must lie between BAPI counts taken before
  // and after it rendered (equal to both when nothing changed).
  const before = await bapi<{ total_count: number }>("GET", "/v1/users/count");
  await page.goto("/");

  const total = page.getByTestId("overview-user-count");
  await expect(total).toBeVisible({ timeout: 30_000 });
  const after = await bapi<{ total_count: number }>("GET", "/v1/users/count");
  const shown = Number(await total.getAttribute("data-value"));
  expect(shown).toBeGreaterThanOrEqual(before.total_count);
  expect(shown).toBeLessThanOrEqual(after.total_count);
  await expect(total).toHaveText(shown.toLocaleString("en-US"));

  const since = Date.now() - 30 * DAY;
  const active30 = await bapi<{ total_count: number }>(
    "GET",
    `/v1/users/count?last_active_at_after=${since}`,
  );
  const shown30 = Number(await page.getByTestId("overview-active-30d").getAttribute("data-value"));
  // The page counted a moment earlier; an activity timestamp may have crossed the 30-day edge since.
  expect(Math.abs(shown30 - active30.total_count)).toBeLessThanOrEqual(1);

  const chart = page.getByTestId("signups-chart");
  await expect(chart).toBeVisible();
  const end = Math.floor(Date.now() / DAY) * DAY + DAY;
  const signups = await bapi<{ total_count: number }>(
    "GET",
    `/v1/users/count?created_at_after=${end - 91 * DAY - 1}&created_at_before=${end}`,
  );
  const charted = Number(await chart.getAttribute("data-total"));
  expect(charted).toBeLessThanOrEqual(signups.total_count);
  expect(charted).toBeGreaterThanOrEqual(signups.total_count - (after.total_count - before.total_count));
  expect(charted).toBeGreaterThan(0);
  await expect(chart.getByRole("img", { name: /Bar chart of signups per week/ })).toBeVisible();
});

test("a viewer sees the overview too", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/sign-in");
  await page.locator("input[name=identifier]").waitFor({ timeout: 60_000 });
  await signInAs(page, "viewer");
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  await expect(page.getByTestId("overview-user-count")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("signups-chart")).toBeVisible();
});
