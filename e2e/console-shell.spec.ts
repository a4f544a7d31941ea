import { NAV_ITEMS } from "../components/shell/nav-items";
import { expect, test } from "./support/fixtures";
import { createUser, type TestUser } from "./support/local-clerk";
import { SignInPage } from "./support/sign-in-page";

// Each link starts with its section label; Approvals may carry a "N pending" badge after it.
const SECTIONS = NAV_ITEMS.map((item) => new RegExp(`^${item.label}`));

let admin: TestUser;

test.beforeAll(async () => {
  admin = await createUser({ label: "shell-admin", role: "admin" });
});

test.beforeEach(async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto("/");
  await signIn.signIn(admin.email, admin.password);
  await expect(page).toHaveURL(/\/$/);
});

test("desktop: header shows the user, role and UserButton; navigation marks the current section", async ({
  page,
}) => {
  const header = page.getByRole("banner");
  await expect(header.getByTestId("signed-in-user")).toHaveText(admin.email);
  await expect(header.getByTestId("console-role")).toHaveText("Admin");
  await expect(header.getByTestId("user-button").getByRole("button")).toBeVisible();

  const nav = page.getByRole("navigation", { name: "Console", exact: true });
  await expect(nav.getByRole("link")).toHaveText(SECTIONS);
  await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await nav.getByRole("link", { name: "Users" }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(nav.getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Overview" })).not.toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("button", { name: "Open navigation" })).toBeHidden();
});

test("skip link is the first tab stop and moves focus to the main content", async ({ page }) => {
  await page.goto("/audit");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main-content")).toBeFocused();
});

test.describe("mobile", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("navigation collapses into a menu that opens, navigates and closes", async ({ page }) => {
    await expect(page.getByRole("navigation", { name: "Console", exact: true })).toBeHidden();
    await page.getByRole("button", { name: "Open navigation" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("link")).toHaveText(SECTIONS);
    await dialog.getByRole("link", { name: "Invitations" }).click();
    await expect(page).toHaveURL(/\/invitations$/);
    await expect(dialog).toBeHidden();
    await page.getByRole("button", { name: "Open navigation" }).click();
    await expect(page.getByRole("dialog").getByRole("link", { name: "Invitations" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
  });
});
