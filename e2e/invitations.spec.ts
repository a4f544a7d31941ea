import { expect, signInAs as fixtureSignInAs, test, uniq } from "./support/fixtures";
import { bapi, createUser } from "./support/local-clerk";

// Invitations page against Local Clerk; every outcome is checked through the BAPI as well as the UI.

/**
 * ClerkJS + @clerk/ui load cold in each new browser context (a dozen chunks through the proxy), which on a
 * busy machine can outlast the sign-in page object's 10 s wait; load them once with a longer wait first.
 */
async function signInAs(page: import("@playwright/test").Page, role: "admin" | "viewer", path: string) {
  await page.goto("/sign-in");
  await page.locator("input[name=identifier]").waitFor({ timeout: 60_000 });
  await fixtureSignInAs(page, role, path);
}

type BapiInvitation = {
  id: string;
  email_address: string;
  status: string;
  public_metadata: Record<string, unknown>;
};

async function invitationsFor(email: string): Promise<BapiInvitation[]> {
  const list = await bapi<{ data: BapiInvitation[] }>(
    "GET",
    `/v1/invitations?paginated=true&limit=100&query=${encodeURIComponent(email)}`,
  );
  return list.data.filter((i) => i.email_address === email);
}

test.describe("invitations", () => {
  test("invite -> appears as pending -> revoke -> revoked", async ({ page }) => {
    const email = `invitee-${uniq()}@example.com`;
    await signInAs(page, "admin", "/invitations");
    await page.getByTestId("invite-email").fill(email);
    await page.getByTestId("invite-metadata").fill('{"role": "viewer"}');
    await page.getByTestId("invite-days").fill("7");
    await page.getByTestId("invite-submit").click();
    // The first write of a cold server also opens the audit database.
    await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible({ timeout: 30_000 });

    const row = page.locator(`[data-testid=invitation-row][data-email="${email}"]`);
    await expect(row.getByTestId("invitation-status")).toHaveText("pending");
    const [created] = await invitationsFor(email);
    expect(created).toMatchObject({ status: "pending", public_metadata: { role: "viewer" } });

    await row.getByTestId("revoke-invitation").click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(email);
    await expect(page.getByTestId("revoke-invitation-confirm"))
      .toBeFocused({ timeout: 2_000 })
      .catch(() => {});
    await page.getByTestId("revoke-invitation-confirm").click();
    await expect(page.getByText("Invitation revoked.")).toBeVisible({ timeout: 30_000 });
    await expect(row.getByTestId("invitation-status")).toHaveText("revoked");
    expect((await invitationsFor(email))[0]?.status).toBe("revoked");

    // The status filter narrows the list, in the URL.
    await page.getByTestId("invitations-status").selectOption("revoked");
    await expect(page).toHaveURL(/status=revoked/);
    await expect(page.locator("[data-testid=invitation-row][data-status=pending]")).toHaveCount(0);
    await expect(row).toBeVisible();
  });

  test("inviting an existing user's email is refused, and nothing is created", async ({ page }) => {
    const user = await createUser({ label: `exists${uniq()}` });
    await signInAs(page, "admin", "/invitations");
    await page.getByTestId("invite-email").fill(user.email);
    await page.getByTestId("invite-submit").click();
    await expect(page.getByRole("alert").filter({ hasText: "already exists" }).first()).toBeVisible();
    expect(await invitationsFor(user.email)).toEqual([]);
  });

  test("invalid metadata JSON is refused as you type", async ({ page }) => {
    await signInAs(page, "admin", "/invitations");
    await page.getByTestId("invite-email").fill(`x-${uniq()}@example.com`);
    await page.getByTestId("invite-metadata").fill("{role: viewer}");
    await expect(page.getByText(/Invalid JSON/)).toBeVisible();
    await expect(page.getByTestId("invite-submit")).toBeDisabled();
  });

  test("bulk invite with one bad email reports that row and invites the rest", async ({ page }) => {
    const tag = uniq();
    const good = [`bulk1-${tag}@example.com`, `bulk2-${tag}@example.com`, `bulk3-${tag}@example.com`];
    await signInAs(page, "admin", "/invitations");
    await page.getByTestId("bulk-text").fill([good[0], "not-an-email", good[1], good[2]].join("\n"));

    const preview = page.getByTestId("bulk-row");
    await expect(preview).toHaveCount(4);
    await expect(page.locator("[data-testid=bulk-row][data-row='2']")).toContainText(
      "Not a valid email address",
    );
    await expect(page.getByTestId("bulk-submit")).toHaveText("Invite 3 valid rows");
    await page.getByTestId("bulk-submit").click();

    await expect(page.getByTestId("bulk-summary")).toContainText("Done: 3 invited, 1 not invited.");
    await expect(page.locator("[data-testid=bulk-row][data-row='2']")).toContainText("skipped");
    for (const email of good) {
      expect((await invitationsFor(email))[0]?.status).toBe("pending");
    }
  });

  test("bulk invite from a CSV file uses its email column", async ({ page }) => {
    const tag = uniq();
    const csv = `name,email\n"Doe, Jane",csv1-${tag}@example.com\nBob,csv2-${tag}@example.com\n`;
    await signInAs(page, "admin", "/invitations");
    await page
      .getByTestId("bulk-file")
      .setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await expect(page.getByTestId("bulk-row")).toHaveCount(2);
    await page.getByTestId("bulk-submit").click();
    await expect(page.getByTestId("bulk-summary")).toContainText("Done: 2 invited, 0 not invited.");
    expect((await invitationsFor(`csv1-${tag}@example.com`))[0]?.status).toBe("pending");
  });

  test("a viewer cannot invite", async ({ page }) => {
    await signInAs(page, "viewer", "/invitations");
    await expect(page.getByTestId("invite-email")).toBeDisabled();
    await expect(page.getByTestId("invite-submit")).toBeDisabled();
    await expect(page.getByTestId("bulk-submit")).toBeDisabled();
  });
});
