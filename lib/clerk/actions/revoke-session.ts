import { z } from "zod";
import { defineAction } from "../define-action";
import { toSessionSummary } from "../projections";
import { orNotFound, preCheck, sessionIdField } from "./shared";

export const revokeSessionInput = z.strictObject({ session_id: sessionIdField });

export const revokeSession = defineAction({
  name: "revokeSession",
  title: "Revoke session",
  description: "Sign a user out of one session (device) by revoking it. Needs human approval.",
  kind: "write",
  input: revokeSessionInput,
  target: (input) => ({ type: "session", id: input.session_id }),
  snapshot: async (input, { clerk }) => {
    const s = await orNotFound(clerk.sessions.getSession(input.session_id), "Session", input.session_id);
    return { status: s.status, user_id: s.userId, updated_at: s.updatedAt };
  },
  preview: () => ({ status: "revoked" }),
  checks: (_input, snap) => [
    preCheck(
      "active",
      snap.status === "active",
      "The session is active.",
      `The session is already ${snap.status}.`,
    ),
  ],
  applied: (_input, current) => current.status === "revoked",
  run: async (input, { clerk }) =>
    toSessionSummary(
      await orNotFound(clerk.sessions.revokeSession(input.session_id), "Session", input.session_id),
    ),
});
