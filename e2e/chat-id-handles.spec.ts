import { ask } from "./support/chat";
import { expect, signInAs, test, uniq } from "./support/fixtures";
import { createUser, publicMetadataOf } from "./support/local-clerk";

// The model reads short id handles (user_482131); the admin reads the assistant's reply with the
// real id, and the write it proposed targets that id.

test("the assistant's reply names the user by its real id, not the handle the model read", async ({
  page,
}) => {
  const user = await createUser({ label: `handles${uniq()}` });
  const value = `h${uniq()}`;
  await signInAs(page, "admin", "/chat");

  await ask(page, `set tier=${value} for ${user.email}`);
  const card = page.locator('[data-testid="approval-card"][data-state="pending"]');
  await expect(card).toHaveCount(1, { timeout: 30_000 });
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Approved and applied: updateUserMetadata")).toBeVisible();
  expect((await publicMetadataOf(user.id)).tier).toBe(value);

  const reply = page.getByTestId("assistant-message").last();
  await expect(reply).toContainText(`(${user.id}): updated`);
  await expect(reply).not.toContainText(/\buser_\d{6}\b/);
});
