import { ask } from "./support/chat";
import { expect, signInAs, test } from "./support/fixtures";
import { bapi, createUser } from "./support/local-clerk";

// "delete user …" in the chat: the card shows what is lost and enables Approve only once the user's
// email is typed; the typed email travels with the approval and the server checks it before deleting.

test("delete a user from the chat after typing the email: the user is gone", async ({ page }) => {
  const user = await createUser({ label: `chatdel${Date.now().toString(36)}` });
  await signInAs(page, "admin", "/chat");

  await ask(page, `delete user ${user.email}`);
  const card = page.locator('[data-testid="approval-card"][data-state="pending"]');
  await expect(card).toHaveCount(1, { timeout: 30_000 });
  await expect(card.getByTestId("approval-target")).toContainText(user.email);
  await expect(card.getByTestId("approval-checks")).toContainText("cannot be undone");
  const approve = card.getByRole("button", { name: "Approve" });
  await expect(approve).toBeDisabled();
  await card.getByTestId("approval-typed-confirm").fill(`${user.email}x`);
  await expect(approve).toBeDisabled();
  await card.getByTestId("approval-typed-confirm").fill(user.email.toUpperCase());
  await expect(approve).toBeEnabled();
  await bapi("GET", `/v1/users/${user.id}`);

  await approve.click();
  await expect(page.getByText("Approved and applied: deleteUser")).toBeVisible({ timeout: 30_000 });
  await expect(bapi("GET", `/v1/users/${user.id}`)).rejects.toThrow(/404/);
});
