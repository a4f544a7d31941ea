import { ask } from "./support/chat";
import { expect, signInAs, test, uniq } from "./support/fixtures";
import { bapi, createUser, publicMetadataOf } from "./support/local-clerk";

// The assistant reads its own history: a change made in the chat is listed by "what did I change
// today?", and "undo the last one" proposes the inverse on an approval card; approved, the value is back.

test("change a value, ask what I changed today, undo the last one: the value is back", async ({ page }) => {
  const user = await createUser({ label: `chathist${uniq()}` });
  await bapi("PATCH", `/v1/users/${user.id}/metadata`, { public_metadata: { tier: "silver" } });
  await signInAs(page, "admin", "/chat");

  await ask(page, `set tier=gold for ${user.email}`);
  const set = page.locator('[data-testid="approval-card"][data-state="pending"]');
  await expect(set).toHaveCount(1, { timeout: 30_000 });
  await set.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Approved and applied: updateUserMetadata")).toBeVisible();
  expect((await publicMetadataOf(user.id)).tier).toBe("gold");
  await expect(page.getByTestId("chat-session")).toHaveAttribute("data-status", "ready");

  await ask(page, "what did I change today?");
  // "N changes by you today:", or "(newest 20)" first when other specs' changes came earlier today.
  await expect(page.getByText(/changes? by you today(?: \(newest \d+\))?:/)).toBeVisible();
  await expect(
    page.getByText(new RegExp(`updateUserMetadata on “${user.email.replace(".", "\\.")}”`)),
  ).toBeVisible();
  await expect(page.getByTestId("chat-session")).toHaveAttribute("data-status", "ready");

  await ask(page, "undo the last one");
  const undo = page.locator('[data-testid="approval-card"][data-state="pending"]');
  await expect(undo).toHaveCount(1);
  await expect(undo.getByTestId("approval-target")).toContainText(user.email);
  await expect(undo.getByTestId("metadata-diff")).toContainText("silver");
  expect((await publicMetadataOf(user.id)).tier).toBe("gold");
  await undo.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(/Undone: updateUserMetadata/)).toBeVisible();
  expect((await publicMetadataOf(user.id)).tier).toBe("silver");
});
