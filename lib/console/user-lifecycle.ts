import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth";
import { userProfile } from "@/lib/clerk/actions/update-user-profile";
import { getClerkClient } from "@/lib/clerk/client";
import { confirmsDelete, deleteConfirmationText } from "@/lib/clerk/delete-confirmation";
import { actions } from "@/lib/clerk/registry";
import { AppError } from "@/lib/errors";
import { auditedWrite, checkedWrite, proposeConsoleWrite } from "./audited-write";

export type UserLifecycleView = Awaited<ReturnType<typeof loadUserLifecycle>>;
export type IdentifierView = UserLifecycleView["emails"][number];

/** What the user page's email/phone management and danger zone need, from one read. */
export async function loadUserLifecycle(userId: string) {
  const user = await getClerkClient().users.getUser(userId);
  const emails = user.emailAddresses.map((e) => ({
    value: e.emailAddress,
    verified: e.verification?.status === "verified",
    primary: e.id === user.primaryEmailAddressId,
  }));
  return {
    userId,
    profile: userProfile(user),
    primaryEmail: emails.find((e) => e.primary)?.value ?? null,
    emails,
    phones: user.phoneNumbers.map((p) => ({
      value: p.phoneNumber,
      verified: p.verification?.status === "verified",
      primary: p.id === user.primaryPhoneNumberId,
    })),
    mfa: user.twoFactorEnabled || user.totpEnabled || user.backupCodeEnabled,
    hasImage: user.hasImage,
  };
}

export const deleteUserConsoleInput = z.strictObject({
  user_id: z.string().max(64),
  confirm_email: z.string().max(320),
});

/** The admin typed the user's primary email (or, without one, the id): then the delete runs. */
export async function deleteUserTyped(input: z.output<typeof deleteUserConsoleInput>, actor: Actor) {
  const proposal = await proposeConsoleWrite(actions.deleteUser, { user_id: input.user_id });
  const before = proposal.before;
  const expected = deleteConfirmationText(before.exists ? before.primary_email : null, input.user_id);
  if (!confirmsDelete(input.confirm_email, expected)) {
    throw AppError.validation(
      { confirm_email: ["Type the user's email address exactly to confirm."] },
      "The typed email does not match; nothing was deleted.",
    );
  }
  return auditedWrite(actor, actions.deleteUser, proposal.input, { proposal });
}

export const IDENTIFIER_ACTIONS = {
  addEmailAddress: actions.addEmailAddress,
  verifyEmailAddress: actions.verifyEmailAddress,
  setPrimaryEmailAddress: actions.setPrimaryEmailAddress,
  removeEmailAddress: actions.removeEmailAddress,
  addPhoneNumber: actions.addPhoneNumber,
  verifyPhoneNumber: actions.verifyPhoneNumber,
  setPrimaryPhoneNumber: actions.setPrimaryPhoneNumber,
  removePhoneNumber: actions.removePhoneNumber,
} as const;

export const identifierChangeInput = z.strictObject({
  action: z.enum(Object.keys(IDENTIFIER_ACTIONS) as [keyof typeof IDENTIFIER_ACTIONS]),
  user_id: z.string().max(64),
  value: z.string().max(320),
  verified: z.boolean().optional(),
  primary: z.boolean().optional(),
});

export function changeIdentifier(input: z.output<typeof identifierChangeInput>, actor: Actor) {
  const action = IDENTIFIER_ACTIONS[input.action];
  const key = input.action.endsWith("EmailAddress") ? "email_address" : "phone_number";
  const args: Record<string, unknown> = { user_id: input.user_id, [key]: input.value };
  if (input.action.startsWith("add")) {
    if (input.verified !== undefined) args.verified = input.verified;
    if (input.primary !== undefined) args.primary = input.primary;
  }
  return checkedWrite(actor, action, args);
}
