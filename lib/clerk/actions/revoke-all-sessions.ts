import { z } from "zod";
import { defineAction } from "../define-action";
import { getUserOrNotFound, userIdField } from "./shared";
import { activeSessionIds } from "./user-sessions";

export const revokeAllSessionsInput = z.strictObject({ user_id: userIdField });

export const revokeAllSessions = defineAction({
  name: "revokeAllSessions",
  title: "Revoke all sessions",
  description:
    "Sign a user out everywhere: revoke every active session (device). They can sign in again. Needs human approval.",
  kind: "write",
  input: revokeAllSessionsInput,
  target: (input) => ({ type: "user", id: input.user_id }),
  snapshot: async (input, { clerk }) => {
    await getUserOrNotFound(clerk, input.user_id);
    return { active_session_ids: await activeSessionIds(clerk, input.user_id) };
  },
  preview: () => ({ active_session_ids: [] as string[] }),
  checks: (_input, snap) => {
    const n = snap.active_session_ids.length;
    return [
      {
        id: "has_active_sessions",
        ok: n > 0,
        message: n > 0 ? `${n} active session${n === 1 ? "" : "s"} will be revoked.` : "No active sessions.",
      },
    ];
  },
  applied: (_input, current) => current.active_session_ids.length === 0,
  undo: { reason: "Revoked sessions cannot be restored; the user signs in again." },
  run: async (input, { clerk }) => {
    const ids = await activeSessionIds(clerk, input.user_id);
    const revoked: string[] = [];
    // One by one: BAPI has no "revoke all"; a failure part-way leaves the rest active, reported below.
    for (const id of ids) {
      await clerk.sessions.revokeSession(id);
      revoked.push(id);
    }
    return { user_id: input.user_id, revoked_session_ids: revoked };
  },
});
