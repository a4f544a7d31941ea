import { z } from "zod";
import { defineAction } from "../define-action";
import { orNotFound, preCheck, userIdField } from "./shared";
import { userFlagSnapshot } from "./user-flag";

export const SIGN_IN_TOKEN_DEFAULT_SECONDS = 3600;

export const createSignInTokenInput = z.strictObject({
  user_id: userIdField,
  expires_in_seconds: z
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .optional()
    .describe("How long the link works, 60 s to 7 days. Default 1 hour."),
});

export const createSignInToken = defineAction({
  name: "createSignInToken",
  title: "Create sign-in link",
  description:
    "Create a one-time sign-in link for a user (support: sign them in without their password). The link is shown once to the admin in the console and expires. Console only. Needs human approval.",
  kind: "write",
  input: createSignInTokenInput,
  secretOutputs: ["token", "url"],
  target: (input) => ({ type: "user", id: input.user_id }),
  snapshot: userFlagSnapshot,
  preview: (input) => ({
    sign_in_link: "one-time, shown once",
    expires_in_seconds: input.expires_in_seconds ?? SIGN_IN_TOKEN_DEFAULT_SECONDS,
  }),
  checks: (_input, snap) => [
    preCheck(
      "can_sign_in",
      !snap.banned,
      "The user may sign in.",
      "The user is banned; the link would not sign them in.",
    ),
  ],
  // A new token leaves no trace on the user; a lost outcome is never claimed as done.
  applied: () => false,
  undo: { reason: "A link cannot be taken back once shown; it works once and expires on its own." },
  run: async (input, { clerk }) => {
    const seconds = input.expires_in_seconds ?? SIGN_IN_TOKEN_DEFAULT_SECONDS;
    const token = await orNotFound(
      clerk.signInTokens.createSignInToken({ userId: input.user_id, expiresInSeconds: seconds }),
      "User",
      input.user_id,
    );
    return {
      id: token.id,
      user_id: token.userId,
      status: token.status,
      url: token.url,
      token: token.token,
      expires_at: token.createdAt + seconds * 1000,
    };
  },
});
