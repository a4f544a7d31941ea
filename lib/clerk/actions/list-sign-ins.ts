import { z } from "zod";
import { querySignIns } from "@/lib/sign-ins/queries";
import { defineAction } from "../define-action";
import { offsetField, pageOf, userIdField } from "./shared";
import { emailsOf, signInView, signInWindowShape, windowOf } from "./sign-in-shared";
import { refineWindow } from "./user-filters";

export const listSignInsInput = z
  .strictObject({
    ...signInWindowShape,
    user_id: userIdField.optional().describe("Only this user's sign-ins (user_…)."),
    limit: z.int().min(1).max(100).optional().describe("How many sign-ins to return, 1 to 100. Default 20."),
    offset: offsetField,
  })
  .superRefine(refineWindow);

export const listSignIns = defineAction({
  name: "listSignIns",
  title: "List sign-ins",
  description:
    "Sign-ins to the Clerk instance (sessions as they were created), newest first, with the user, time, device, browser, IP address and location Clerk reported, and whether the session is still active. Filter by time window and user. Use it for “who signed in in the last hour?”.",
  kind: "read",
  input: listSignInsInput,
  run: async (input, { clerk, db }) => {
    const { rows, total } = await querySignIns(
      { ...windowOf(input), userId: input.user_id, ...pageOf(input, 20) },
      await db(),
    );
    const emails = await emailsOf(
      clerk,
      rows.map((r) => r.userId),
    );
    return { sign_ins: rows.map((r) => signInView(r, emails)), total_count: total };
  },
});
