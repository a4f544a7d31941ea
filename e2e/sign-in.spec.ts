import { spawn } from "node:child_process";
import { test as baseTest } from "@playwright/test";
import { appEnvForLocalClerk } from "../local-clerk/src/app-env";
import { expect, signInAs, signOutViaUserButton, test } from "./support/fixtures";
import { createUser, LOCAL_CLERK_URL, seededAccount } from "./support/local-clerk";
import { guardOffline } from "./support/offline-guard";
import { clerkUserEmail, expectClerkReady } from "./support/sign-in-page";

const admin = seededAccount("admin");

test.describe("Clerk's real <SignIn/> against Local Clerk", () => {
  test("a signed-out visitor is sent to sign-in, signs in as the seeded admin and comes back", async ({
    page,
    signInPage,
  }) => {
    await page.goto("/users");
    await expect(page).toHaveURL(/\/sign-in\?redirect_url=/);
    expect(new URL(page.url()).searchParams.get("redirect_url")).toMatch(/\/users$/);
    await signInPage.expectLoaded();

    await signInPage.submitEmail(admin.email);
    await signInPage.submitPassword(admin.password);
    await expect(page).toHaveURL(/\/users$/);
    await expectClerkReady(page);
    expect(await clerkUserEmail(page)).toBe(admin.email);
    await expect(page.getByTestId("signed-in-user")).toHaveText(admin.email);

    await page.reload();
    await expect(page).toHaveURL(/\/users$/);
    await expectClerkReady(page);
    await expect(page.getByTestId("signed-in-user")).toHaveText(admin.email);
    expect(await clerkUserEmail(page)).toBe(admin.email);
  });

  test("wrong password and unknown email show Clerk's own error messages", async ({ page, signInPage }) => {
    await signInPage.goto();
    await signInPage.submitEmail("nobody-here@example.com");
    await expect(signInPage.identifierError).toHaveText("Couldn't find your account.");
    await expect(signInPage.identifier).toHaveAttribute("aria-invalid", "true");

    await signInPage.submitEmail(admin.email);
    await signInPage.submitPassword("definitely-not-it");
    await expect(signInPage.passwordError).toHaveText(
      "Password is incorrect. Try again, or use another method.",
    );
    await expect(page).toHaveURL(/\/sign-in/);
    expect(await clerkUserEmail(page)).toBeNull();
  });

  test("a banned user cannot sign in", async ({ page, signInPage }) => {
    const banned = await createUser({ label: "banned", role: "admin", banned: true });
    await signInPage.goto();
    await signInPage.submitEmail(banned.email);
    await expect(page.getByText(/because this account has been banned/)).toBeVisible();
    await expect(page).not.toHaveURL(/factor-one/);
    expect(await clerkUserEmail(page)).toBeNull();
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("sign-out through <UserButton/> returns to sign-in and protected pages redirect again", async ({
    page,
  }) => {
    await signInAs(page, "admin");
    await expect(page.getByTestId("signed-in-user")).toHaveText(admin.email);

    await signOutViaUserButton(page);
    await expect(page).toHaveURL(/\/sign-in/);
    await expect.poll(() => clerkUserEmail(page)).toBeNull();

    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in\?redirect_url=/);
    await page.goto("/users");
    await expect(page).toHaveURL(/\/sign-in\?redirect_url=/);
  });
});

// The guard itself must be able to fail, or "nothing left localhost" would prove nothing.
baseTest(
  "the offline guard records and blocks a request to a non-localhost host",
  async ({ page, context }) => {
    const guard = await guardOffline(context);
    await page.goto("/sign-in");
    const outcome = await page.evaluate(() =>
      fetch("https://api.clerk.com/v1/environment").then(
        () => "reached",
        () => "blocked",
      ),
    );
    expect(outcome).toBe("blocked");
    expect(guard.external).toEqual(["GET https://api.clerk.com/v1/environment"]);
  },
);

// proxy.ts must never forward /__clerk to Local Clerk unless the secret key is Local Clerk's own.
baseTest.describe("the /__clerk proxy gate", () => {
  baseTest(
    "forwards to Local Clerk with Local Clerk's keys, and refuses to with any other secret key",
    async ({ baseURL }) => {
      baseTest.setTimeout(90_000);
      const local = await fetch(`${baseURL}/__clerk/v1/environment`);
      expect(local.status).toBe(200);
      expect(((await local.json()) as { object?: string }).object).toBe("environment");

      const appPort = Number(new URL(baseURL as string).port);
      const port = appPort + 20;
      const child = spawn("npx", ["next", "start", "-p", String(port)], {
        env: {
          ...process.env,
          ...appEnvForLocalClerk(clerkPortFromEnv()),
          CLERK_SECRET_KEY: "sk_live_a_real_instance_key",
        },
        detached: true,
        stdio: "ignore",
      });
      try {
        await expect
          .poll(
            () =>
              fetch(`http://localhost:${port}/sign-in`).then(
                (r) => r.status,
                () => 0,
              ),
            { timeout: 60_000 },
          )
          .toBe(200);
        const gated = await fetch(`http://localhost:${port}/__clerk/v1/environment`);
        expect(gated.status).toBe(404);
        expect(await gated.text()).not.toContain('"object":"environment"');
      } finally {
        if (child.pid) process.kill(-child.pid, "SIGTERM");
      }
    },
  );
});

function clerkPortFromEnv(): number {
  return Number(new URL(LOCAL_CLERK_URL).port);
}
