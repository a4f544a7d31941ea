import { SEEDED_ACCOUNTS } from "../local-clerk/src/app-env";
import { expect, signInAs, test } from "./support/fixtures";
import { openImpersonationLink } from "./support/impersonation-link";
import { createUser } from "./support/local-clerk";

// Issue 17 item 5: support may only propose an impersonation. The request waits in Approvals, an admin
// approves it there, and then support (not the admin) creates the link once and is the actor.
const supportEmail = SEEDED_ACCOUNTS.find((a) => a.role === "support")!.email;

test("support requests sign-in as a user, an admin approves in Approvals, support creates the link and is the actor", async ({
  page,
  supportPage,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const customer = await createUser({ label: "support-impersonated" });
  const reason = `E2E support ticket ${Date.now().toString(36)}`;

  await supportPage.goto(`/users/${customer.id}`);
  const section = supportPage.getByTestId("impersonation");
  await section.getByTestId("impersonate-open").click();
  await supportPage.getByTestId("impersonation-reason").fill(reason);
  await supportPage.getByTestId("impersonation-confirm").click();
  const request = section.getByTestId("impersonation-request").filter({ hasText: reason });
  await expect(request).toHaveAttribute("data-status", "pending", { timeout: 30_000 });
  await expect(request.getByTestId("impersonation-request-create")).toBeDisabled();

  await signInAs(page, "admin", "/approvals");
  const card = page.getByTestId("inbox-item").filter({ hasText: customer.email }).filter({ hasText: reason });
  await card.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(card.getByTestId("inbox-outcome")).toHaveText(
    "Approved; the proposer can now create the link.",
  );

  await supportPage.reload();
  await expect(request).toHaveAttribute("data-status", "approved", { timeout: 30_000 });
  await request.getByTestId("impersonation-request-create").click();
  const url = await supportPage.getByTestId("impersonation-url").inputValue();
  expect(url).toContain("ticket=");
  await supportPage.reload();
  await expect(section.getByTestId("impersonation-request")).toHaveCount(0);
  await expect(section.getByTestId("active-impersonations")).toContainText(reason);

  await openImpersonationLink(browser, url, baseURL, {
    customerEmail: customer.email,
    actorEmail: supportEmail,
  });

  // The audit register learns the use from the session.created webhook (the impersonated sign-in).
  const used = section.getByTestId("impersonation-history-entry").filter({ hasText: reason });
  await expect(async () => {
    await supportPage.reload();
    await expect(used).toHaveAttribute("data-state", "used", { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await expect(used).toContainText(/used .*\(session sess_/);
  await expect(
    section.locator("[data-testid=active-impersonations] li").filter({ hasText: reason }),
  ).toHaveCount(0);
});
