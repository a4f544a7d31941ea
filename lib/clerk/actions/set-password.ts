import { z } from "zod";
import { defineAction } from "../define-action";
import { getUserOrNotFound, note, orNotFound, userIdField } from "./shared";
import { passwordField } from "./user-fields";
import { activeSessionIds } from "./user-sessions";

export const setPasswordInput = z.strictObject({
  user_id: userIdField,
  password: passwordField,
  sign_out_of_other_sessions: z
    .boolean()
    .optional()
    .describe("Also revoke every active session of the user. Default false."),
});

export const setPassword = defineAction({
  name: "setPassword",
  title: "Set password",
  description:
    "Set a new password for a user, optionally signing them out of every session. Only from the console: a password is never sent through the agent. Needs human approval.",
  kind: "write",
  input: setPasswordInput,
  secretFields: ["password"],
  target: (input) => ({ type: "user", id: input.user_id }),
  snapshot: async (input, { clerk }) => {
    const user = await getUserOrNotFound(clerk, input.user_id);
    return {
      password_enabled: user.passwordEnabled,
      active_sessions: (await activeSessionIds(clerk, user.id)).length,
      updated_at: user.updatedAt,
    };
  },
  preview: (input, snap) => ({
    password_enabled: true,
    active_sessions: input.sign_out_of_other_sessions ? 0 : snap.active_sessions,
  }),
  checks: (input, snap) => [
    note(
      "password",
      snap.password_enabled ? "Replaces the current password." : "The user has no password yet.",
    ),
    note(
      "sessions",
      input.sign_out_of_other_sessions
        ? `${snap.active_sessions} active session(s) will be revoked.`
        : `${snap.active_sessions} active session(s) stay signed in.`,
    ),
  ],
  // A password cannot be read back, so a re-read never proves it changed: a lost outcome stays
  // "not applied" (nothing moved) or "unknown", never a false "ok".
  applied: () => false,
  undo: { reason: "The earlier password is not known (Clerk keeps only a hash), so it cannot be put back." },
  run: async (input, { clerk }) => {
    const user = await orNotFound(
      clerk.users.updateUser(input.user_id, {
        password: input.password,
        signOutOfOtherSessions: input.sign_out_of_other_sessions ?? false,
      }),
      "User",
      input.user_id,
    );
    return { id: user.id, password_enabled: user.passwordEnabled, updated_at: user.updatedAt };
  },
});
