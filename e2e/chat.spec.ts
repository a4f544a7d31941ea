import { ask } from "./support/chat";
import { expect, signInAs, test, uniq } from "./support/fixtures";
import { createUser, publicMetadataOf } from "./support/local-clerk";

// The assistant with the built-in offline model, against Local Clerk: reads answer directly, every
// write waits for an approval card, and a denial changes nothing.

test.describe("chat", () => {
  test("show a user by email -> profile card; the active model is shown", async ({ page }) => {
    await signInAs(page, "admin", "/chat");
    await expect(page.getByTestId("chat-model")).toContainText("Built-in offline model");
    await ask(page, "show member@example.com");
    const card = page.getByTestId("tool-user-profile").last();
    // The first chat request of a fresh server also opens the embedded database.
    await expect(card).toBeVisible({ timeout: 30_000 });
    await expect(card).toContainText("member@example.com");
    await expect(card.getByRole("link").first()).toHaveAttribute("href", /\/users\/user_/);
  });

  test("set a metadata key: diff card -> deny changes nothing -> ask again -> approve (reply names the real id) -> users table shows it", async ({
    page,
  }) => {
    const user = await createUser({ label: `chatmeta${uniq()}` });
    const value = `gold${uniq()}`;
    await signInAs(page, "admin", "/chat");

    await ask(page, `set plan=${value} for ${user.email}`);
    const first = page.getByTestId("approval-card").last();
    await expect(first).toHaveAttribute("data-state", "pending");
    await expect(first.getByTestId("approval-target")).toContainText(user.email);
    await expect(first.getByTestId("metadata-diff")).toContainText(`public_metadata.plan: "${value}"`);
    await expect(first.getByTestId("approval-checks")).toContainText("of 8192 bytes");
    await first.getByRole("textbox", { name: "Reason (optional)" }).fill("not yet");
    await first.getByRole("button", { name: "Deny" }).click();
    await expect(first).toHaveAttribute("data-state", "denied");
    await expect(page.getByTestId("chat-session")).toHaveAttribute("data-status", "ready");
    expect((await publicMetadataOf(user.id)).plan).toBeUndefined();

    await ask(page, `set plan=${value} for ${user.email}`);
    const second = page.locator('[data-testid="approval-card"][data-state="pending"]');
    await expect(second).toHaveCount(1);
    await second.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByText("Approved and applied: updateUserMetadata")).toBeVisible();
    expect((await publicMetadataOf(user.id)).plan).toBe(value);
    // The model read a short id handle (user_482131); the admin reads the reply with the real id.
    const reply = page.getByTestId("assistant-message").last();
    await expect(reply).toContainText(`(${user.id}): updated`);
    await expect(reply).not.toContainText(/\buser_\d{6}\b/);

    await page.goto(`/users?q=${encodeURIComponent(user.email)}`);
    await expect(page.getByTestId("user-row")).toHaveCount(1);
    await expect(page.getByTestId("user-row")).toContainText(value);
  });

  test("invite by chat -> approve -> appears on the Invitations page", async ({ page }) => {
    const email = `chatinvite-${uniq()}@example.com`;
    await signInAs(page, "admin", "/chat");
    await ask(page, `invite ${email} as an editor`);
    const card = page.locator('[data-testid="approval-card"][data-state="pending"]');
    await expect(card).toHaveCount(1);
    await expect(card.getByTestId("approval-checks")).toContainText(`No user has ${email} yet.`);
    await card.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByText("Approved and applied: createInvitation")).toBeVisible();
    await page.goto(`/invitations?q=${encodeURIComponent(email)}`);
    await expect(page.getByTestId("invitations-table")).toContainText(email);
  });

  test("the docked assistant works from any console page", async ({ page }) => {
    await signInAs(page, "admin", "/users");
    await page.getByRole("button", { name: "Assistant" }).click();
    const panel = page.getByTestId("chat-panel");
    await expect(panel).toBeVisible();
    await ask(page, "show admin@example.com");
    await expect(panel.getByTestId("tool-user-profile")).toContainText("admin@example.com");
    await panel.getByRole("button", { name: "Collapse assistant" }).click();
    await expect(panel).toBeHidden();
  });

  test("a viewer's chat offers no write tools", async ({ page }) => {
    await signInAs(page, "viewer", "/chat");
    await expect(page.getByTestId("chat-read-only")).toBeVisible();
    await ask(page, "set plan=pro for member@example.com");
    await expect(page.getByTestId("assistant-message").last()).toBeVisible();
    await expect(page.getByTestId("chat-session")).toHaveAttribute("data-status", "ready");
    await expect(page.getByTestId("approval-card")).toHaveCount(0);
  });
});
