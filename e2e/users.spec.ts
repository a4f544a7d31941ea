import { readFile } from "node:fs/promises";
import { expect, signInAs as fixtureSignInAs, test, uniq } from "./support/fixtures";
import { bapi, createUser, publicMetadataOf } from "./support/local-clerk";
import { callServerAction, serverActionId } from "./support/server-actions";
import { SignInPage } from "./support/sign-in-page";

// Users table, user detail and CSV export against Local Clerk (500 seeded users), compared with the BAPI.

/**
 * ClerkJS + @clerk/ui load cold in each new browser context (a dozen chunks through the proxy), which on a
 * busy machine can outlast the sign-in page object's 10 s wait; load them once with a longer wait first.
 */
async function signInAs(page: import("@playwright/test").Page, role: "admin" | "viewer", path: string) {
  await page.goto("/sign-in");
  await page.locator("input[name=identifier]").waitFor({ timeout: 60_000 });
  await fixtureSignInAs(page, role, path);
}

type BapiUser = {
  id: string;
  email_addresses: { email_address: string; id: string }[];
  primary_email_address_id: string | null;
  public_metadata: Record<string, unknown>;
  updated_at: number;
};

const primaryEmail = (u: BapiUser) =>
  (u.email_addresses.find((e) => e.id === u.primary_email_address_id) ?? u.email_addresses[0])?.email_address;

async function tableEmails(page: import("@playwright/test").Page): Promise<string[]> {
  const rows = page.getByTestId("user-row");
  await expect(rows.first()).toBeVisible();
  // By header, not position: a selection column may come first (bulk jobs).
  const headers = await page.getByTestId("users-table").locator("thead th").allInnerTexts();
  const col = headers.findIndex((h) => h.includes("Primary email")) + 1;
  expect(col).toBeGreaterThan(0);
  return rows.locator(`td:nth-child(${col})`).allInnerTexts();
}

test.describe("users table", () => {
  test("search narrows the table and the URL; back restores the full list", async ({ page }) => {
    const label = `needle${uniq()}`;
    const target = await createUser({ label });
    await signInAs(page, "admin", "/users");
    await expect(page.getByTestId("user-row")).toHaveCount(20);
    const total = await bapi<{ total_count: number }>("GET", "/v1/users/count");
    await expect(page.getByTestId("users-total")).toHaveText(String(total.total_count));

    await page.getByTestId("users-search").fill(label);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${label}`));
    await expect(page.getByTestId("user-row")).toHaveCount(1);
    await expect(page.getByTestId("user-row")).toContainText(target.email);
    await expect(page.getByTestId("users-total")).toHaveText("1");

    // Back returns to the unfiltered view, forward to the search (each view is a history entry).
    await page.goBack();
    await expect(page).not.toHaveURL(/q=/);
    await expect(page.getByTestId("user-row")).toHaveCount(20);
    await page.goForward();
    await expect(page).toHaveURL(new RegExp(`[?&]q=${label}`));
    await expect(page.getByTestId("user-row")).toHaveCount(1);

    // The URL alone reproduces the view (shareable).
    await page.goto(`/users?q=${label}`);
    await expect(page.getByTestId("user-row")).toHaveCount(1);
    await expect(page.getByTestId("users-search")).toHaveValue(label);
  });

  test("row links: arrow keys move between them, Enter and click open the user in-app", async ({ page }) => {
    await signInAs(page, "admin", "/users");
    const links = page.getByTestId("user-row").locator("a[data-row-link]");
    await expect(links).toHaveCount(20);
    // A marker on window survives client-side navigation only (a full page load would drop it).
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    await links.first().focus();
    await page.keyboard.press("ArrowDown");
    await expect(links.nth(1)).toBeFocused();
    const second = await links.nth(1).getAttribute("href");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`${second}$`));
    await expect(page.getByTestId("user-name")).toBeVisible();
    expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    await page.goBack();
    const third = await links.nth(2).getAttribute("href");
    await links.nth(2).click();
    await expect(page).toHaveURL(new RegExp(`${third}$`));
    expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });

  test("an email filter and a search with no match show the empty state", async ({ page }) => {
    await signInAs(page, "admin", `/users?q=nothing-matches-${uniq()}`);
    await expect(page.getByTestId("users-empty")).toBeVisible();
    await page.goto("/users?email=admin%40example.com");
    await expect(page.getByTestId("user-row")).toHaveCount(1);
    await expect(page.getByTestId("user-row")).toContainText("admin@example.com");
  });

  test("pagination, page size and sort match what the BAPI returns", async ({ page }) => {
    await signInAs(page, "admin", "/users");
    await page.getByTestId("users-page-size").selectOption("10");
    await expect(page).toHaveURL(/size=10/);
    await expect(page.getByTestId("user-row")).toHaveCount(10);

    await page.getByTestId("sort-email_address").click();
    await expect(page).toHaveURL(/sort=-email_address/);
    await page.getByTestId("sort-email_address").click();
    await expect(page).toHaveURL(/sort=%2Bemail_address|sort=\+email_address/);
    await page.getByTestId("users-next").click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByTestId("users-range")).toContainText("page 2");

    const expected = await bapi<BapiUser[]>("GET", "/v1/users?limit=10&offset=10&order_by=%2Bemail_address");
    expect(await tableEmails(page)).toEqual(expected.map(primaryEmail));

    // Newest first is the default, so nuqs drops it from the URL.
    await page.getByTestId("sort-created_at").click();
    await expect(page).not.toHaveURL(/sort=|page=2/);
    await expect(page.getByRole("columnheader", { name: "Created" })).toHaveAttribute(
      "aria-sort",
      "descending",
    );
    const newest = await bapi<BapiUser[]>("GET", "/v1/users?limit=10&order_by=-created_at");
    await expect.poll(() => tableEmails(page)).toEqual(newest.map(primaryEmail));
  });

  test("CSV export downloads the rows shown, with metadata columns", async ({ page }) => {
    const label = `csv${uniq()}`;
    const users = await Promise.all([1, 2, 3].map((i) => createUser({ label: `${label}-${i}` })));
    await bapi("PATCH", `/v1/users/${users[0]!.id}/metadata`, {
      public_metadata: { plan: "=cmd|calc", role: "viewer" },
    });
    await signInAs(page, "admin", `/users?q=${label}&sort=%2Bemail_address`);
    // Choose the metadata columns: the table and the export follow.
    await page.getByTestId("users-columns").fill("plan,role");
    await expect(page).toHaveURL(/cols=plan(%2C|,)role/);
    await expect(page.getByRole("columnheader", { name: "role" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "company" })).toHaveCount(0);
    await expect(page.getByTestId("user-row")).toHaveCount(3);
    const shown = await tableEmails(page);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("users-export").click(),
    ]);
    const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "id,name,primary_email,created_at,last_sign_in_at,banned,locked,public_metadata.plan,public_metadata.role",
    );
    expect(lines.slice(1).map((l) => l.split(",")[2])).toEqual(shown);
    // Formula-injection guard: the cell starts with a quote, never with "=".
    expect(lines.find((l) => l.startsWith(users[0]!.id))).toMatch(/,'=cmd\|calc,viewer$/);
  });
});

test.describe("user detail", () => {
  test("edit public metadata: diff shown, confirm, value visible after reload and in BAPI", async ({
    page,
  }) => {
    const user = await createUser({ label: `meta${uniq()}` });
    await bapi("PATCH", `/v1/users/${user.id}/metadata`, {
      public_metadata: { plan: "free", keep: { a: 1, b: 2 } },
    });
    await signInAs(page, "admin", `/users/${user.id}`);

    const input = page.getByTestId("metadata-public-input");
    await input.fill('{"plan": "pro", "keep": {"b": null, "c": 3}, "tags": ["x"]}');
    const diff = page.getByTestId("metadata-public").getByTestId("metadata-diff");
    await expect(diff).toContainText('~ plan: "free" → "pro"');
    await expect(diff).toContainText("− keep.b: 2");
    await expect(diff).toContainText("+ keep.c: 3");
    await expect(diff).toContainText('+ tags: ["x"]');
    await expect(page.getByTestId("metadata-public-bytes")).toContainText("/ 8192 bytes");

    await page.getByTestId("metadata-public-review").click();
    const dialog = page.getByTestId("metadata-public-confirm-dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId("metadata-diff")).toContainText('~ plan: "free" → "pro"');
    await dialog.getByTestId("metadata-public-confirm").click();
    await expect(page.getByText("Public metadata saved.")).toBeVisible({ timeout: 30_000 });

    await page.reload();
    await expect(page.getByTestId("metadata-public-current")).toContainText('"plan": "pro"');
    const stored = await bapi<BapiUser>("GET", `/v1/users/${user.id}`);
    expect(stored.public_metadata).toEqual({ plan: "pro", keep: { a: 1, c: 3 }, tags: ["x"] });
  });

  test("a concurrent change through BAPI is detected, nothing is overwritten, and the diff is refreshed", async ({
    page,
  }) => {
    const user = await createUser({ label: `race${uniq()}` });
    await bapi("PATCH", `/v1/users/${user.id}/metadata`, { public_metadata: { plan: "free" } });
    await signInAs(page, "admin", `/users/${user.id}`);
    await expect(page.getByTestId("metadata-public-current")).toContainText('"plan": "free"');

    await page.getByTestId("metadata-public-input").fill('{"plan": "pro"}');
    await page.getByTestId("metadata-public-review").click();
    // Someone else changes the user between load and save.
    await new Promise((r) => setTimeout(r, 5));
    await bapi("PATCH", `/v1/users/${user.id}/metadata`, {
      public_metadata: { plan: "enterprise", seats: 50 },
    });

    const dialog = page.getByTestId("metadata-public-confirm-dialog");
    await dialog.getByTestId("metadata-public-confirm").click();
    await expect(dialog.getByTestId("metadata-conflict")).toContainText("changed meanwhile");
    await expect(dialog.getByTestId("metadata-diff")).toContainText('~ plan: "enterprise" → "pro"');
    let stored = await bapi<BapiUser>("GET", `/v1/users/${user.id}`);
    expect(stored.public_metadata).toEqual({ plan: "enterprise", seats: 50 });

    // Confirming the fresh diff saves on top of the other change.
    await dialog.getByTestId("metadata-public-confirm").click();
    await expect(page.getByText("Public metadata saved.")).toBeVisible({ timeout: 30_000 });
    stored = await bapi<BapiUser>("GET", `/v1/users/${user.id}`);
    expect(stored.public_metadata).toEqual({ plan: "pro", seats: 50 });
  });

  test("invalid JSON and > 8 KB are refused with clear messages, in the UI and by the server", async ({
    page,
    baseURL,
  }) => {
    const user = await createUser({ label: `bad${uniq()}` });
    await signInAs(page, "admin", `/users/${user.id}`);
    const input = page.getByTestId("metadata-public-input");
    const error = page.getByTestId("metadata-public-error");
    const review = page.getByTestId("metadata-public-review");

    await input.fill('{"plan": pro}');
    await expect(error).toContainText("Invalid JSON");
    await expect(review).toBeDisabled();

    await input.fill("[1, 2]");
    await expect(error).toContainText("must be a JSON object");
    await expect(review).toBeDisabled();

    await input.fill(JSON.stringify({ blob: "x".repeat(8200) }));
    await expect(error).toContainText("Too large");
    await expect(error).toContainText("8 KB");
    await expect(review).toBeDisabled();

    // A hand-crafted request gets the same refusals from the server action, and nothing is written.
    const actionId = serverActionId("lib/actions/users.ts", "saveUserMetadataAction");
    const { updated_at } = await bapi<BapiUser>("GET", `/v1/users/${user.id}`);
    const call = (patch: string) =>
      callServerAction(page.request, {
        pagePath: `/users/${user.id}`,
        actionId,
        args: [{ user_id: user.id, kind: "public", patch, expected_updated_at: updated_at }],
        origin: baseURL!,
      });
    expect((await call('{"plan": pro}')).result).toMatchObject({
      ok: false,
      error: { code: "validation_failed", message: expect.stringContaining("Invalid JSON") },
    });
    expect((await call(JSON.stringify({ blob: "x".repeat(8200) }))).result).toMatchObject({
      ok: false,
      error: { code: "validation_failed", message: expect.stringContaining("8192") },
    });
    expect(await publicMetadataOf(user.id)).toEqual({});
  });

  test("ban a user: badge shows in detail and table, and they cannot sign in", async ({ page, browser }) => {
    const user = await createUser({ label: `ban${uniq()}` });
    await signInAs(page, "admin", `/users/${user.id}`);
    await page.getByTestId("ban-user").click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await page.getByTestId("ban-user-confirm").click();
    await expect(page.getByText("User banned.")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("user-status").getByTestId("badge-banned")).toBeVisible();
    await expect(page.getByTestId("unban-user")).toBeVisible();

    await page.goto(`/users?email=${encodeURIComponent(user.email)}`);
    await expect(page.getByTestId("user-row").getByTestId("badge-banned")).toBeVisible();

    const other = await browser.newContext();
    const otherPage = await other.newPage();
    const signIn = new SignInPage(otherPage);
    await signIn.goto();
    await signIn.submitEmail(user.email);
    await expect(otherPage.getByText(/banned/)).toBeVisible();
    await other.close();
  });

  test("revoke a session from the detail page", async ({ page, browser }) => {
    const victim = await createUser({ label: `sess${uniq()}`, role: "viewer" });
    const ctx = await browser.newContext();
    const victimPage = await ctx.newPage();
    const signIn = new SignInPage(victimPage);
    await signIn.goto();
    await signIn.signIn(victim.email, victim.password);
    await ctx.close();

    await signInAs(page, "admin", `/users/${victim.id}`);
    const row = page.getByTestId("session-row").first();
    await expect(row).toContainText("active");
    const sessionId = await row.getAttribute("data-session-id");
    await page.getByTestId(`revoke-session-${sessionId}`).click();
    await page.getByTestId(`revoke-session-${sessionId}-confirm`).click();
    await expect(page.getByText("Session revoked.")).toBeVisible({ timeout: 30_000 });
    const s = await bapi<{ status: string }>("GET", `/v1/sessions/${sessionId}`);
    expect(s.status).toBe("revoked");
  });

  test("a viewer sees writes disabled and the server refuses them", async ({ page, baseURL }) => {
    const user = await createUser({ label: `ro${uniq()}` });
    await signInAs(page, "viewer", `/users/${user.id}`);
    await expect(page.getByTestId("read-only-note")).toBeVisible();
    await expect(page.getByTestId("ban-user")).toBeDisabled();
    await expect(page.getByTestId("lock-user")).toBeDisabled();
    await expect(page.getByTestId("metadata-public-review")).toBeDisabled();

    const { result } = await callServerAction(page.request, {
      pagePath: `/users/${user.id}`,
      actionId: serverActionId("lib/actions/users.ts", "banUserAction"),
      args: [{ user_id: user.id }],
      origin: baseURL!,
    });
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await bapi<{ banned: boolean }>("GET", `/v1/users/${user.id}`)).banned).toBe(false);
  });
});
