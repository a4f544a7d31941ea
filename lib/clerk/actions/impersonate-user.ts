import { z } from "zod";
import { AppError } from "@/lib/errors";
import { defineAction } from "../define-action";
import { getUserOrNotFound, orNotFound, preCheck, userIdField } from "./shared";

export const IMPERSONATION_DEFAULT_SECONDS = 600;
export const IMPERSONATION_MAX_SECONDS = 3600;

export const impersonationReasonField = z
  .string()
  .trim()
  .min(3, "Say why (at least 3 characters); the audit keeps it.")
  .max(500, "At most 500 characters.")
  .describe("Why the admin signs in as the user (a support ticket, a bug report). Required; audited.");

export const impersonateUserInput = z.strictObject({
  user_id: userIdField,
  reason: impersonationReasonField,
  expires_in_seconds: z
    .int()
    .min(60, "At least 60 seconds.")
    .max(IMPERSONATION_MAX_SECONDS, "At most 3600 seconds (1 hour).")
    .optional()
    .describe("How long the link works, 60 s to 1 hour. Default 10 minutes."),
});

export const impersonateUser = defineAction({
  name: "impersonateUser",
  title: "Sign in as user (impersonate)",
  description:
    "Create a Clerk actor token so the admin can sign in as a user for support, with a required reason. The session carries the admin as actor (act claim); the link is shown once to the admin in the console, works once and expires (default 10 minutes, at most 1 hour). Console only. Needs human approval.",
  kind: "write",
  input: impersonateUserInput,
  secretOutputs: ["token", "url"],
  target: (input) => ({ type: "user", id: input.user_id }),
  snapshot: async (input, { clerk }) => {
    const user = await getUserOrNotFound(clerk, input.user_id);
    return { banned: user.banned, locked: user.locked };
  },
  preview: (input) => ({
    impersonation_link: "one-time, shown once",
    reason: input.reason,
    expires_in_seconds: input.expires_in_seconds ?? IMPERSONATION_DEFAULT_SECONDS,
  }),
  checks: (_input, snap) => [
    preCheck(
      "can_sign_in",
      !snap.banned && !snap.locked,
      "The user may be signed in as.",
      "The user is banned or locked; the link would not sign in.",
    ),
  ],
  // A new token leaves no trace on the user; a lost outcome is never claimed as done.
  applied: () => false,
  undo: { reason: "Revoke the token with revokeImpersonation (only while it is unused and unexpired)." },
  run: async (input, { clerk, actor }) => {
    // The actor is the admin who runs (approves) the write; without one there is nobody to record.
    if (!actor?.userId) throw new AppError("forbidden", "Impersonation needs a signed-in admin as actor.");
    const seconds = input.expires_in_seconds ?? IMPERSONATION_DEFAULT_SECONDS;
    const token = await orNotFound(
      clerk.actorTokens.create({
        userId: input.user_id,
        actor: { sub: actor.userId },
        expiresInSeconds: seconds,
      }),
      "User",
      input.user_id,
    );
    return {
      id: token.id,
      user_id: token.userId,
      actor_user_id: actor.userId,
      actor_email: actor.email,
      reason: input.reason,
      status: token.status,
      url: token.url ?? "",
      token: token.token ?? "",
      created_at: token.createdAt,
      expires_at: token.createdAt + seconds * 1000,
    };
  },
});
