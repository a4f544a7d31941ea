import { readFile } from "node:fs/promises";
import { expect, signInAs as fixtureSignInAs, test } from "./support/fixtures";
import { bapi, createUser } from "./support/local-clerk";

// The users table's status and date filters as URL state, and the CSV export honouring them, compared
// with what Local Clerk's BAPI returns for the same filters.

async function signInAs(page: import("@playwright/test").Page, path: string) {
  await page.goto("/sign-in");
  await page.locator("input[name=identifier]").waitFor({ timeout: 60_000 });
  await fixtureSignInAs(page, "admin", path);
}

type BapiUser = { id: string };

test("filter by banned + signed up in the last 30 days, then export exactly those users as CSV", async ({
  page,
}) => {
  const fresh = await Promise.all(
    [1, 2].map((i) => createUser({ label: `filtered-banned-${i}`, banned: true })),
  );
  const from = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  const afterMs = Date.parse(`${from}T00:00:00Z`) - 1;

  await signInAs(page, "/users?size=100");
  await page.getByTestId("users-status-filter").selectOption("banned");
  await expect(page).toHaveURL(/[?&]status=banned/);
  await page.getByTestId("users-created-from").fill(from);
  await expect(page).toHaveURL(new RegExp(`[?&]created_from=${from}`));

  const expected = await bapi<BapiUser[]>(
    "GET",
    `/v1/users?banned=true&created_at_after=${afterMs}&limit=500&order_by=-created_at`,
  );
  const ids = expected.map((u) => u.id);
  for (const u of fresh) expect(ids).toContain(u.id);
  await expect(page.getByTestId("users-total")).toHaveText(String(expected.length));
  await expect(page.getByTestId("user-row")).toHaveCount(expected.length);
  for (const u of fresh) await expect(page.getByTestId("users-table")).toContainText(u.email);

  // The URL alone reproduces the view; the export carries the same filters.
  await page.goto(`/users?size=100&status=banned&created_from=${from}`);
  await expect(page.getByTestId("user-row")).toHaveCount(expected.length);
  await expect(page.getByTestId("users-export")).toHaveAttribute("href", /status=banned/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("users-export").click(),
  ]);
  const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const rows = csv.trimEnd().split("\r\n").slice(1);
  expect(rows.map((line) => line.split(",")[0]).sort()).toEqual([...ids].sort());
  // banned is the 6th column (id,name,primary_email,created_at,last_sign_in_at,banned,…).
  for (const line of rows) expect(line.split(",")[5]).toBe("true");

  // Clearing the filters brings back every user.
  await page.getByTestId("users-filters-clear").click();
  await expect(page).not.toHaveURL(/status=/);
  const total = await bapi<{ total_count: number }>("GET", "/v1/users/count");
  await expect(page.getByTestId("users-total")).toHaveText(String(total.total_count));
});
