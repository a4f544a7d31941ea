import { expect, signInAs as fixtureSignInAs, test, uniq } from "./support/fixtures";
import { bapi } from "./support/local-clerk";

// Access lists page against Local Clerk: add to the block-list, an invitation to that email is refused,
// remove it again; each outcome is checked through the BAPI as well as the UI.

async function blocklist(): Promise<string[]> {
  const list = await bapi<{ data: { identifier: string }[] }>("GET", "/v1/blocklist_identifiers?limit=500");
  return list.data.map((i) => i.identifier);
}

test("block an email, its invitation is refused, unblock it", async ({ page }) => {
  const email = `blocked-${uniq()}@example.com`;
  await page.goto("/sign-in");
  await page.locator("input[name=identifier]").waitFor({ timeout: 60_000 });
  await fixtureSignInAs(page, "admin", "/access");

  await page.getByTestId("blocklist-identifier").fill(email);
  await page.getByTestId("blocklist-add").click();
  await expect(page.getByText(`${email} added to the block-list.`)).toBeVisible({ timeout: 30_000 });
  const row = page.locator(`[data-testid=blocklist-row][data-identifier="${email}"]`);
  await expect(row).toBeVisible();
  expect(await blocklist()).toContain(email);

  await page.goto("/invitations");
  await page.getByTestId("invite-email").fill(email);
  await page.getByTestId("invite-submit").click();
  await expect(page.getByText(/is on the block-list/).first()).toBeVisible({ timeout: 30_000 });
  const invitations = await bapi<{ data: { email_address: string }[] }>(
    "GET",
    `/v1/invitations?paginated=true&query=${encodeURIComponent(email)}`,
  );
  expect(invitations.data).toEqual([]);

  await page.goto("/access");
  await row.getByTestId("blocklist-remove").click();
  await page.getByTestId("blocklist-remove-confirm").click();
  await expect(page.getByText(`${email} removed.`)).toBeVisible({ timeout: 30_000 });
  await expect(row).toHaveCount(0);
  expect(await blocklist()).not.toContain(email);
});
