import { createClerkClient } from "@clerk/backend";
import { LOCAL_SECRET_KEY } from "../local-clerk/src/app-env";
import { expect, test } from "./support/fixtures";
import { LOCAL_CLERK_URL } from "./support/local-clerk";
import { clerkUserEmail, expectClerkReady } from "./support/sign-in-page";

const clerkClient = createClerkClient({ apiUrl: LOCAL_CLERK_URL, secretKey: LOCAL_SECRET_KEY });

// Invitation links through Clerk's real <SignUp/> (restricted instance: sign-up only with a ticket).
test.describe("accepting an invitation in the browser", () => {
  test("the invitation link opens <SignUp/>, a password completes it, and the new user lands on the customer app", async ({
    page,
    baseURL,
  }) => {
    const email = `e2e-invitee-${Date.now().toString(36)}@example.org`;
    const invitation = await clerkClient.invitations.createInvitation({
      emailAddress: email,
      redirectUrl: `${baseURL}/sign-up`,
      publicMetadata: { plan: "pro" },
    });
    await page.goto(invitation.url!);
    await expect(page).toHaveURL(/\/sign-up/);
    await expectClerkReady(page);
    const password = page.locator("input[name=password]");
    await expect(password).toBeVisible();
    await password.fill("invitee-password-123");
    await page.getByRole("button", { name: "Continue", exact: true }).click();

    await expect(page).toHaveURL(/\/customer$/);
    await expect(page.getByTestId("customer-email")).toHaveText(email);
    expect(await clerkUserEmail(page)).toBe(email);
    const [user] = (await clerkClient.users.getUserList({ emailAddress: [email] })).data;
    expect(user?.publicMetadata).toEqual({ plan: "pro" });
    const accepted = await clerkClient.invitations.getInvitationList({ status: "accepted", query: email });
    expect(accepted.data.map((i) => i.id)).toContain(invitation.id);
  });

  test("a block-listed email cannot accept its invitation: Clerk's not_allowed_access, no user", async ({
    page,
    baseURL,
  }) => {
    // tempmail.test is on the seeded block-list, which the seed turns on.
    const email = `e2e-blocked-invitee-${Date.now().toString(36)}@tempmail.test`;
    const invitation = await clerkClient.invitations.createInvitation({
      emailAddress: email,
      redirectUrl: `${baseURL}/sign-up`,
    });
    await page.goto(invitation.url!);
    await expect(page).toHaveURL(/\/sign-up/);
    await expectClerkReady(page);
    await expect(page.getByText(`${email} is not allowed to access this application.`)).toBeVisible();
    expect(await clerkUserEmail(page)).toBeNull();
    expect((await clerkClient.users.getUserList({ emailAddress: [email] })).data).toHaveLength(0);
  });
});
