import { z } from "zod";
import { querySuspiciousUsers } from "@/lib/sign-ins/queries";
import { defineAction } from "../define-action";
import { emailsOf, moreThanField, signInWindowShape, spanOf } from "./sign-in-shared";
import { refineWindow } from "./user-filters";

const WEEK_MS = 7 * 86_400_000;

export const listSuspiciousSignInsInput = z
  .strictObject({
    ...signInWindowShape,
    more_than: moreThanField,
    limit: z.int().min(1).max(100).optional().describe("How many users to return, 1 to 100. Default 20."),
  })
  .superRefine(refineWindow);

export const listSuspiciousSignIns = defineAction({
  name: "listSuspiciousSignIns",
  title: "List suspicious sign-ins",
  description:
    "Users who signed in from more than N distinct locations or devices in a window (default: more than 2, the last 7 days), with those locations and devices and the ids of their sessions from the window that are still active (what revokeSession would sign out). Use it for “show suspicious sign-ins this week”.",
  kind: "read",
  input: listSuspiciousSignInsInput,
  run: async (input, { clerk, db }) => {
    const { from, to } = spanOf(input, WEEK_MS);
    const moreThan = input.more_than ?? 2;
    const users = await querySuspiciousUsers({ from, to, moreThan, limit: input.limit ?? 20 }, await db());
    const emails = await emailsOf(
      clerk,
      users.map((u) => u.userId),
    );
    return {
      more_than: moreThan,
      from: from.getTime(),
      to: to.getTime(),
      users: users.map((u) => ({
        user_id: u.userId,
        user_email: emails.get(u.userId) ?? null,
        sign_ins: u.signIns,
        locations: u.locations,
        devices: u.devices,
        last_sign_in_at: u.lastSignInAt.getTime(),
        active_session_ids: u.activeSessionIds,
      })),
    };
  },
});
