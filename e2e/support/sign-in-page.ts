import { expect, type Locator, type Page } from "@playwright/test";

/** Page object for Clerk's real <SignIn/> at /sign-in (email step, then password step). */
export class SignInPage {
  readonly identifier: Locator;
  /** The password field of the factor-one step (the start step also hides one for autofill). */
  readonly password: Locator;
  readonly continueButton: Locator;
  readonly identifierError: Locator;
  readonly passwordError: Locator;

  constructor(readonly page: Page) {
    this.identifier = page.locator("input[name=identifier]");
    this.password = page.locator("input[name=password]");
    this.continueButton = page.getByRole("button", { name: "Continue", exact: true });
    this.identifierError = page.locator("#error-identifier");
    this.passwordError = page.locator("#error-password");
  }

  async goto(redirectPath?: string): Promise<void> {
    await this.page.goto(
      redirectPath ? `/sign-in?redirect_url=${encodeURIComponent(redirectPath)}` : "/sign-in",
    );
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    await expect(this.page).toHaveURL(/\/sign-in/);
    await expect(this.identifier).toBeVisible();
    await expectClerkReady(this.page);
  }

  async submitEmail(email: string): Promise<void> {
    await this.identifier.fill(email);
    await this.continueButton.click();
  }

  async submitPassword(password: string): Promise<void> {
    await this.page.waitForURL(/\/sign-in\/factor-one/);
    await expect(this.password).toBeVisible();
    await this.password.fill(password);
    await this.continueButton.click();
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.submitEmail(email);
    await this.submitPassword(password);
    await this.page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  }
}

// window.Clerk is typed by @clerk/testing (its Playwright helpers declare the global ClerkJS instance).

/** Clerk silently degrades on a bad environment, so every test insists on "ready". */
export async function expectClerkReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.Clerk?.status === "ready", undefined, { timeout: 20_000 });
}

export async function clerkUserEmail(page: Page): Promise<string | null> {
  return page.evaluate(() => window.Clerk?.user?.primaryEmailAddress?.emailAddress ?? null);
}

export async function clerkSessionId(page: Page): Promise<string | null> {
  return page.evaluate(() => window.Clerk?.session?.id ?? null);
}
