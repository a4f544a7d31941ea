import type { Locator, Page, TestInfo } from "@playwright/test";
import { expect, signInAs, test } from "./support/fixtures";
import { seededAccount } from "./support/local-clerk";
import { SignInPage } from "./support/sign-in-page";

// Dark mode: the header toggle sets it, every surface reads the `.dark` tokens of app/globals.css, the
// choice survives a reload (set before the first paint), and with no choice the system decides.

const html = (page: Page) => page.locator("html");

/** A theme token as the browser resolves it right now (a probe element, so formats match computed styles). */
async function token(page: Page, name: string): Promise<string> {
  return page.evaluate((name) => {
    const probe = document.createElement("div");
    probe.style.backgroundColor = `var(--${name})`;
    document.body.append(probe);
    const value = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return value;
  }, name);
}

async function computed(locator: Locator, property: "backgroundColor" | "color" | "borderBottomColor") {
  return locator.evaluate((el, property) => getComputedStyle(el)[property], property);
}

/** Every sRGB channel below 64 (painted on a canvas, whatever the CSS colour syntax): a dark colour. */
async function isDark(page: Page, colour: string): Promise<boolean> {
  const [r, g, b] = await page.evaluate((colour) => {
    const context = document.createElement("canvas").getContext("2d");
    if (!context) throw new Error("no 2d canvas");
    context.fillStyle = colour;
    context.fillRect(0, 0, 1, 1);
    return [...context.getImageData(0, 0, 1, 1).data];
  }, colour);
  return [r, g, b].every((c) => c !== undefined && c < 64);
}

/** Saved in the test's output folder (kept after a passing run) and attached to the report. */
async function attachScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

async function chooseTheme(page: Page, label: "Light" | "Dark" | "System") {
  await page.getByRole("banner").getByTestId("theme-toggle").click();
  await page.getByRole("menuitemradio", { name: label }).click();
}

test.describe("theme", () => {
  test.use({ colorScheme: "light" });

  test("header toggle -> dark tokens on /users and the chat panel; kept across reloads, before any script", async ({
    page,
  }, testInfo) => {
    // Sign-in, the users table, a chat answer and three reloads on a fresh server.
    test.slow();
    await signInAs(page, "admin", "/users");
    const table = page.getByTestId("users-table");
    await expect(table.getByTestId("user-row").first()).toBeVisible();
    await expect(html(page)).not.toHaveClass(/\bdark\b/);
    const lightBackground = await token(page, "background");
    expect(await computed(page.locator("body"), "backgroundColor")).toBe(lightBackground);

    await chooseTheme(page, "Dark");
    await expect(html(page)).toHaveClass(/\bdark\b/);
    await expect(page.getByTestId("theme-toggle")).toHaveAttribute("data-theme-choice", "dark");

    const dark = {
      background: await token(page, "background"),
      foreground: await token(page, "foreground"),
      mutedForeground: await token(page, "muted-foreground"),
      border: await token(page, "border"),
      card: await token(page, "card"),
    };
    expect(dark.background).not.toBe(lightBackground);
    expect(await isDark(page, dark.background)).toBe(true);
    expect(await isDark(page, dark.card)).toBe(true);

    expect(await computed(page.locator("body"), "backgroundColor")).toBe(dark.background);
    expect(await computed(page.getByRole("banner"), "backgroundColor")).not.toBe(lightBackground);
    expect(await computed(table, "color")).toBe(dark.foreground);
    expect(await computed(table.locator("thead th").first(), "color")).toBe(dark.mutedForeground);
    expect(await computed(table.getByTestId("user-row").first(), "borderBottomColor")).toBe(dark.border);
    await attachScreenshot(page, testInfo, "users-dark");

    await page.getByRole("button", { name: "Assistant" }).click();
    const panel = page.getByTestId("chat-panel");
    await expect(panel).toBeVisible();
    expect(await computed(panel, "backgroundColor")).toBe(dark.card);
    const box = panel.getByRole("textbox", { name: "Message the assistant" });
    await box.fill(`show ${seededAccount("admin").email}`);
    await box.press("Enter");
    const profile = panel.getByTestId("tool-user-profile");
    // The first chat request of a fresh server also opens the embedded database.
    await expect(profile).toBeVisible({ timeout: 30_000 });
    expect(await computed(profile, "backgroundColor")).toBe(dark.card);
    expect(await computed(profile, "color")).toBe(dark.foreground);
    await attachScreenshot(page, testInfo, "chat-panel-dark");

    await page.reload();
    await expect(html(page)).toHaveClass(/\bdark\b/);
    await expect(page.getByTestId("theme-toggle")).toHaveAttribute("data-theme-choice", "dark");
    expect(await computed(page.locator("body"), "backgroundColor")).toBe(dark.background);

    // With every Next.js script blocked, only the inline script in <head> can have set the class: the
    // stored theme is in place before hydration, so a reload does not flash the light theme.
    await page.route(/\/_next\/static\/.+\.js(\?|$)/, (route) => route.abort());
    await page.goto("/users");
    await expect(html(page)).toHaveClass(/\bdark\b/);
    expect(await computed(page.locator("body"), "backgroundColor")).toBe(dark.background);
    await page.unroute(/\/_next\/static\/.+\.js(\?|$)/);
  });

  test("no stored choice follows the system, Clerk's <SignIn/> included; Light overrides it", async ({
    page,
  }, testInfo) => {
    await page.emulateMedia({ colorScheme: "dark" });
    const signIn = new SignInPage(page);
    await signIn.goto("/");
    await expect(html(page)).toHaveClass(/\bdark\b/);
    const card = await token(page, "card");
    expect(await isDark(page, card)).toBe(true);
    expect(await computed(page.locator(".cl-card").first(), "backgroundColor")).toBe(card);
    expect(await computed(signIn.identifier, "color")).toBe(await token(page, "card-foreground"));
    await attachScreenshot(page, testInfo, "sign-in-dark");

    const admin = seededAccount("admin");
    await signIn.signIn(admin.email, admin.password);
    await expect(page.getByTestId("theme-toggle")).toHaveAttribute("data-theme-choice", "system");
    await expect(html(page)).toHaveClass(/\bdark\b/);
    await page.emulateMedia({ colorScheme: "light" });
    await expect(html(page)).not.toHaveClass(/\bdark\b/);
    await page.emulateMedia({ colorScheme: "dark" });
    await expect(html(page)).toHaveClass(/\bdark\b/);

    await chooseTheme(page, "Light");
    await expect(html(page)).not.toHaveClass(/\bdark\b/);
    await page.reload();
    await expect(page.getByTestId("theme-toggle")).toHaveAttribute("data-theme-choice", "light");
    await expect(html(page)).not.toHaveClass(/\bdark\b/);
    expect(await isDark(page, await computed(page.locator("body"), "backgroundColor"))).toBe(false);
  });
});
