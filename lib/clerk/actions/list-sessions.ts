import { z } from "zod";
import { defineAction } from "../define-action";
import { toSessionSummary } from "../projections";
import { getUserOrNotFound, offsetField, pageOf, userIdField } from "./shared";

export const SESSION_STATUSES = [
  "active",
  "revoked",
  "ended",
  "expired",
  "removed",
  "abandoned",
  "replaced",
  "pending",
] as const;

export const listSessionsInput = z.strictObject({
  user_id: userIdField,
  status: z
    .enum(SESSION_STATUSES)
    .optional()
    .describe("Only sessions with this status, e.g. active. Default: all."),
  limit: z.int().min(1).max(500).optional().describe("How many sessions to return, 1 to 500. Default 100."),
  offset: offsetField,
});

export const listSessions = defineAction({
  name: "listSessions",
  title: "List sessions",
  description: "List a user's sign-in sessions (devices), newest first, optionally only active ones.",
  kind: "read",
  input: listSessionsInput,
  run: async (input, { clerk }) => {
    const { data, totalCount } = await clerk.sessions.getSessionList({
      userId: input.user_id,
      status: input.status,
      ...pageOf(input, 100),
    });
    // BAPI answers an unknown user with an empty list; say "not found" instead of "no sessions".
    if (totalCount === 0) await getUserOrNotFound(clerk, input.user_id);
    return { sessions: data.map(toSessionSummary), total_count: totalCount };
  },
});
