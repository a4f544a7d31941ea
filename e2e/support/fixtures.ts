import { test as base, expect, type Page } from "@playwright/test";
import { type SeededRole, seededAccount } from "./local-clerk";
import { guardOffline } from "./offline-guard";
import { SignInPage } from "./sign-in-page";

export { expect };

/**
 * Every spec that imports `test` from here fails if the browser sent any request to a
 * non-localhost host (the guard is automatic).
 */
export const test = base.extend<{
  offlineGuard: { external: string[] };
  signInPage: SignInPage;
  /** A page of its own browser context, signed in as the seeded `support` account (lib/auth/policy). */
  supportPage: Page;
}>({
  offlineGuard: [
    async ({ context }, use) => {
      const guard = await guardOffline(context);
      await use(guard);
      expect(guard.external, "requests that left localhost").toEqual([]);
    },
    { auto: true },
  ],
  signInPage: async ({ page }, use) => {
    await use(new SignInPage(page));
  },
  supportPage: async ({ browser }, use) => {
    const context = await browser.newContext();
    const guard = await guardOffline(context);
    const page = await context.newPage();
    await signInAs(page, "support");
    await use(page);
    await context.close();
    expect(guard.external, "requests that left localhost (support context)").toEqual([]);
  },
});

/** Signs a seeded account in through Clerk's real <SignIn/>, then lands on `redirectPath` (default "/"). */
export async function signInAs(page: Page, role: SeededRole, redirectPath = "/"): Promise<void> {
  const account = seededAccount(role);
  const signIn = new SignInPage(page);
  await signIn.goto(redirectPath);
  await signIn.signIn(account.email, account.password);
}

/** Signs out through Clerk's real <UserButton/> popover, as a person would. */
export async function signOutViaUserButton(page: Page): Promise<void> {
  await page.locator(".cl-userButtonTrigger").click();
  await page.getByRole("dialog", { name: "Account panel" }).getByRole("button", { name: "Sign out" }).click();
}

/** A short suffix no other test run picks, for names and emails a test creates. */
export const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
