import { z } from "zod";
import { defineAction } from "../define-action";
import { toSessionSummary } from "../projections";
import { offsetField, pageOf } from "./shared";
import { emailsOf } from "./sign-in-shared";

export const listActiveSessionsInput = z.strictObject({
  limit: z.int().min(1).max(100).optional().describe("How many sessions to return, 1 to 100. Default 50."),
  offset: offsetField,
});

export const listActiveSessions = defineAction({
  name: "listActiveSessions",
  title: "List active sessions",
  description:
    "Every active session of the instance right now (any user), newest first, with the user's email and the device, browser, IP and location Clerk reports. Revoke one with revokeSession.",
  kind: "read",
  input: listActiveSessionsInput,
  run: async (input, { clerk }) => {
    const { data, totalCount } = await clerk.sessions.getSessionList({
      status: "active",
      ...pageOf(input, 50),
    });
    const emails = await emailsOf(
      clerk,
      data.map((s) => s.userId),
    );
    return {
      sessions: data.map((s) => ({ ...toSessionSummary(s), user_email: emails.get(s.userId) ?? null })),
      total_count: totalCount,
    };
  },
});
