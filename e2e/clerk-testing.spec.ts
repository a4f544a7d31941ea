import { clerk, clerkSetup, setupClerkTestingToken } from "@clerk/testing/playwright";
import { LOCAL_PUBLISHABLE_KEY, LOCAL_SECRET_KEY } from "../local-clerk/src/app-env";
import { expect, test } from "./support/fixtures";
import { bapi, createUser, LOCAL_CLERK_URL } from "./support/local-clerk";
import { expectClerkReady } from "./support/sign-in-page";

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

// Clerk's own Playwright helpers, run as a user of @clerk/testing would, against Local Clerk.
test.describe("@clerk/testing against Local Clerk", () => {
  test.beforeAll(async () => {
    // What a project's .env would hold; clerkSetup reads CLERK_API_URL for the Backend API.
    process.env.CLERK_API_URL = LOCAL_CLERK_URL;
    delete process.env.CLERK_TESTING_TOKEN;
    await clerkSetup({ publishableKey: LOCAL_PUBLISHABLE_KEY, secretKey: LOCAL_SECRET_KEY, dotenv: false });
  });

  test("clerkSetup gets a testing token from Local Clerk; clerk.signIn (password) and clerk.signOut work", async ({
    page,
  }) => {
    expect(process.env.CLERK_TESTING_TOKEN).toMatch(/^\d+-[A-Za-z0-9_-]{43}$/);
    expect(process.env.CLERK_FAPI).toBe("clerk.local-clerk.test");
    const log = await bapi<{ data: LoggedRequest[] }>(
      "GET",
      "/__local_clerk/requests?path_prefix=/v1/testing_tokens",
    );
    expect(log.data.some((r) => r.method === "POST" && r.status === 200)).toBe(true);

    const customer = await createUser({ label: "clerk-testing" });
    await setupClerkTestingToken({ page });
    await page.goto("/sign-in");
    await expectClerkReady(page);
    await clerk.signIn({
      page,
      signInParams: { strategy: "password", identifier: customer.email, password: customer.password },
    });
    await expect.poll(() => page.evaluate(() => window.Clerk?.user?.id ?? null)).toBe(customer.id);

    await page.goto("/customer");
    await expect(page.getByTestId("customer-email")).toHaveText(customer.email);
    await expect(page.getByTestId("impersonation-banner")).toHaveCount(0);

    await clerk.signOut({ page });
    await expect.poll(() => page.evaluate(() => window.Clerk?.user ?? null)).toBeNull();
    await page.goto("/customer");
    await expect(page).toHaveURL(/\/sign-in\?redirect_url=/);
  });

  test("clerk.signIn with the ticket strategy uses a BAPI sign-in token", async ({ page }) => {
    const customer = await createUser({ label: "clerk-testing-ticket" });
    const { token } = await bapi<{ token: string }>("POST", "/v1/sign_in_tokens", {
      user_id: customer.id,
      expires_in_seconds: 300,
    });
    await page.goto("/sign-in");
    await expectClerkReady(page);
    await clerk.signIn({ page, signInParams: { strategy: "ticket", ticket: token } });
    await expect.poll(() => page.evaluate(() => window.Clerk?.user?.id ?? null)).toBe(customer.id);
    await page.goto("/customer");
    await expect(page.getByTestId("customer-email")).toHaveText(customer.email);
  });

  test("a wrong password through clerk.signIn fails with Clerk's error and signs nobody in", async ({
    page,
  }) => {
    const customer = await createUser({ label: "clerk-testing-bad" });
    await page.goto("/sign-in");
    await expectClerkReady(page);
    await expect(
      clerk.signIn({
        page,
        signInParams: { strategy: "password", identifier: customer.email, password: "not-the-password" },
      }),
    ).rejects.toThrow(/Password is incorrect/);
    expect(await page.evaluate(() => window.Clerk?.user ?? null)).toBeNull();
  });
});
