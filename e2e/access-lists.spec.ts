import { expect, test } from "./support/fixtures";
import { bapi } from "./support/local-clerk";
import { clerkUserEmail } from "./support/sign-in-page";

// The seed blocks tempmail.test with the block-list on (local-clerk/src/seed-access-lists.ts), so this
// spec changes no instance-wide setting other specs could see.
test("a block-listed email cannot sign in through Clerk's <SignIn/>: Clerk's not_allowed_access message", async ({
  page,
  signInPage,
}) => {
  const email = `e2e-blocked-${Date.now().toString(36)}@tempmail.test`;
  await bapi("POST", "/v1/users", { email_address: [email], password: "blocked-password-123" });

  await signInPage.goto();
  await signInPage.submitEmail(email);
  await expect(page.getByText(`${email} is not allowed to access this application.`)).toBeVisible();
  await expect(page).not.toHaveURL(/factor-one/);
  expect(await clerkUserEmail(page)).toBeNull();
});
