// Deleting a user cannot be undone, so every console surface that approves it (the user page, the
// chat's card, the approvals inbox) asks the admin to type who is deleted; one rule for all of them.

/** What the admin types: the user's primary email, or the user id when the user has none. */
export function deleteConfirmationText(email: string | null | undefined, userId: string): string {
  return email?.trim() || userId;
}

/** Whether `typed` names that user (case and surrounding spaces do not matter). */
export function confirmsDelete(typed: string | null | undefined, expected: string): boolean {
  return expected !== "" && (typed ?? "").trim().toLowerCase() === expected.trim().toLowerCase();
}
