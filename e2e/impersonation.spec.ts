import { createClerkClient, verifyToken } from "@clerk/backend";
import { LOCAL_SECRET_KEY, SEEDED_ACCOUNTS } from "../local-clerk/src/app-env";
import { expect, test } from "./support/fixtures";
import { createUser, LOCAL_CLERK_URL } from "./support/local-clerk";
import { guardOffline } from "./support/offline-guard";
import { expectClerkReady } from "./support/sign-in-page";

const clerkClient = createClerkClient({ apiUrl: LOCAL_CLERK_URL, secretKey: LOCAL_SECRET_KEY });
const adminEmail = SEEDED_ACCOUNTS[0].email;

test("an actor token's URL signs a fresh browser in as the user, with the actor banner and Clerk's act claim", async ({
  browser,
  baseURL,
}) => {
  const [admin] = (await clerkClient.users.getUserList({ emailAddress: [adminEmail] })).data;
  const customer = await createUser({ label: "impersonated" });
  const token = await clerkClient.actorTokens.create({
    userId: customer.id,
    actor: { sub: admin!.id },
    expiresInSeconds: 600,
  });
  expect(token.status).toBe("pending");

  // The impersonation happens in its own browser context: the admin's own session is untouched.
  const context = await browser.newContext();
  const guard = await guardOffline(context);
  const page = await context.newPage();
  const link = new URL(token.url!);
  link.searchParams.set("redirect_url", `${baseURL}/customer`);
  await page.goto(link.toString());

  await expect(page).toHaveURL(/\/customer$/);
  await expectClerkReady(page);
  await expect(page.getByTestId("customer-email")).toHaveText(customer.email);
  await expect(page.getByTestId("impersonation-banner")).toBeVisible();
  await expect(page.getByTestId("impersonation-actor")).toHaveText(adminEmail);
  await expect(page.getByTestId("customer-actor-id")).toHaveText(admin!.id);

  const jwt = await page.evaluate(() => window.Clerk?.session?.getToken());
  const claims = await verifyToken(jwt!, { secretKey: LOCAL_SECRET_KEY, apiUrl: LOCAL_CLERK_URL });
  expect(claims.sub).toBe(customer.id);
  expect(claims.act).toEqual({ sub: admin!.id });
  const session = await clerkClient.sessions.getSession(claims.sid);
  expect(session.actor).toEqual({ sub: admin!.id });

  // The customer app needs only a signed-in user; the console stays closed to a user without a role,
  // impersonated or not.
  await page.goto("/users");
  await expect(page.getByTestId("forbidden-message")).toBeVisible();

  // The link is single-use: a second browser gets Clerk's refusal, not a session.
  const replay = await browser.newContext();
  await guardOffline(replay);
  const again = await replay.newPage();
  await again.goto(link.toString());
  await expect(again.getByText("This actor token has already been used", { exact: false })).toBeVisible();
  expect(await again.evaluate(() => window.Clerk?.user ?? null)).toBeNull();

  expect(guard.external).toEqual([]);
  await replay.close();
  await context.close();
});
