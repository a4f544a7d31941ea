import { z } from "zod";
import { defineAction } from "../define-action";
import { getUserOrNotFound, orNotFound, preCheck, userIdField } from "./shared";

export const disableMfaInput = z.strictObject({ user_id: userIdField });

export const disableMfa = defineAction({
  name: "disableMfa",
  title: "Disable MFA",
  description:
    "Turn off every second factor of a user (authenticator app, backup codes, SMS codes), e.g. after they lost their device. Needs human approval.",
  kind: "write",
  input: disableMfaInput,
  target: (input) => ({ type: "user", id: input.user_id }),
  snapshot: async (input, { clerk }) => {
    const user = await getUserOrNotFound(clerk, input.user_id);
    return {
      two_factor_enabled: user.twoFactorEnabled,
      totp_enabled: user.totpEnabled,
      backup_code_enabled: user.backupCodeEnabled,
      updated_at: user.updatedAt,
    };
  },
  preview: () => ({ two_factor_enabled: false, totp_enabled: false, backup_code_enabled: false }),
  checks: (_input, snap) => [
    preCheck(
      "has_mfa",
      snap.two_factor_enabled || snap.totp_enabled || snap.backup_code_enabled,
      "The user's second factors will be removed; they sign in with their first factor only.",
      "The user has no second factor; nothing will change.",
    ),
  ],
  applied: (_input, current) => !current.two_factor_enabled && !current.totp_enabled,
  undo: { reason: "Second factors cannot be re-enrolled by an admin; the user sets them up again." },
  run: async (input, { clerk }) => {
    await orNotFound(clerk.users.disableUserMFA(input.user_id), "User", input.user_id);
    return { user_id: input.user_id, mfa_disabled: true };
  },
});
