import { SEEDED_ACCOUNTS } from "../local-clerk/src/app-env";
import { expect, signInAs, test } from "./support/fixtures";
import { openImpersonationLink } from "./support/impersonation-link";
import { createUser } from "./support/local-clerk";

// Issue 17 item 2 through the console: the admin approves "Sign in as this user" with a reason, gets the
// link once, and a second browser context lands on the demo customer app as the user with the banner.
const adminEmail = SEEDED_ACCOUNTS[0].email;

test("impersonate from the user page: reason, approval, link shown once, customer app with banner, revoke", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const customer = await createUser({ label: "console-impersonated" });
  await page.goto("/sign-in");
  await page.locator("input[name=identifier]").waitFor({ timeout: 60_000 });
  await signInAs(page, "admin", `/users/${customer.id}`);

  const section = page.getByTestId("impersonation");
  await section.getByTestId("impersonate-open").click();
  const confirm = page.getByTestId("impersonation-confirm");
  await expect(confirm).toBeDisabled();
  await page.getByTestId("impersonation-reason").fill("E2E ticket: cannot see invoices");
  await confirm.click();
  const url = await page.getByTestId("impersonation-url").inputValue();
  expect(url).toContain("ticket=");
  await page.keyboard.press("Escape");
  await expect(section.getByTestId("active-impersonations")).toContainText("E2E ticket: cannot see invoices");

  await openImpersonationLink(browser, url, baseURL, {
    customerEmail: customer.email,
    actorEmail: adminEmail,
  });

  // A second link, revoked from the list before anyone opens it.
  await section.getByTestId("impersonate-open").click();
  await page.getByTestId("impersonation-reason").fill("E2E second link, revoked");
  await page.getByTestId("impersonation-confirm").click();
  await expect(page.getByTestId("impersonation-url")).toBeVisible();
  await page.keyboard.press("Escape");
  const row = section
    .getByTestId("active-impersonations")
    .locator("li")
    .filter({ hasText: "E2E second link, revoked" });
  await row.getByTestId("impersonation-revoke").click();
  await expect(row).toHaveCount(0);
  // The audit register shows what became of each link: revoked, and (from the sign-in webhook) used.
  const history = section.getByTestId("impersonation-history-entry");
  await expect(history.filter({ hasText: "E2E second link, revoked" })).toHaveAttribute(
    "data-state",
    "revoked",
  );
  await expect(async () => {
    await page.reload();
    await expect(history.filter({ hasText: "E2E ticket: cannot see invoices" })).toHaveAttribute(
      "data-state",
      "used",
      { timeout: 5_000 },
    );
  }).toPass({ timeout: 60_000 });
});
