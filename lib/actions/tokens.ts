"use server";

import { revalidatePath } from "next/cache";
import { cancelTokenProposals } from "@/lib/approvals/inbox";
import { authorizedAction } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import {
  createAccessToken,
  createTokenInput,
  revokeAccessToken,
  revokeTokenInput,
} from "@/lib/tokens/tokens";

/** Admins: any scope; viewers: `read` only (enforced in createAccessToken). The plaintext is returned once. */
export const createTokenAction = authorizedAction("read", createTokenInput, async (input, me) => {
  const created = await createAccessToken(await getDb(), me, input);
  revalidatePath("/settings/tokens");
  return created;
});

/** Revokes a token and cancels its undecided proposals in the approvals inbox. */
export const revokeTokenAction = authorizedAction("read", revokeTokenInput, async ({ id }, me) => {
  const db = await getDb();
  const view = await revokeAccessToken(db, me, id);
  const cancelled = await cancelTokenProposals(db, id);
  revalidatePath("/settings/tokens");
  revalidatePath("/approvals");
  return { token: view, cancelledProposals: cancelled };
});
