"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { decideInboxItems, pendingInboxCount } from "@/lib/approvals/inbox";
import { authorizedAction } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { surfaceDeps } from "@/lib/runtime/deps";

const decisionsInput = z.strictObject({
  decisions: z
    .array(
      z.strictObject({
        approvalId: z.string().min(1).max(200),
        approved: z.boolean(),
        argsHash: z.string().regex(/^[0-9a-f]{64}$/, "invalid arguments hash"),
        reason: z.string().max(500).optional(),
        confirm: z.string().max(320).optional(),
      }),
    )
    .min(1)
    .max(100),
});

/** Approve/deny one or many inbox items; approved ones run now, each through the bound last gate. */
export const decideApprovalsAction = authorizedAction(
  "approve",
  decisionsInput,
  async ({ decisions }, me) => {
    const results = await decideInboxItems(await surfaceDeps(), me, decisions);
    revalidatePath("/approvals");
    return results;
  },
);

export const pendingApprovalsCountAction = authorizedAction("read", z.strictObject({}), async (_input, me) =>
  pendingInboxCount(await getDb(), me.userId),
);
