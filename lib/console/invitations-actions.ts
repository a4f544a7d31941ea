"use server";
import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth";
import type { ActionResult } from "@/lib/errors";
import { bulkInviteSchema, inviteFormSchema, revokeInvitationFormSchema } from "./invitation-schemas";
import { inviteMany, inviteOne, revokeOne } from "./invitation-writes";

const create = authorizedAction("write", inviteFormSchema, async (input, auth) => {
  const inv = await inviteOne(input, auth);
  revalidatePath("/invitations");
  return inv;
});

const revoke = authorizedAction("write", revokeInvitationFormSchema, async (input, auth) => {
  const inv = await revokeOne(input, auth);
  revalidatePath("/invitations");
  return { id: inv.id, status: inv.status, email_address: inv.email_address };
});

const bulk = authorizedAction("write", bulkInviteSchema, async (input, auth) => {
  const rows = await inviteMany(input, auth);
  revalidatePath("/invitations");
  return rows;
});

export async function createInvitationAction(input: unknown): ReturnType<typeof create> {
  return create(input as never);
}

export async function revokeInvitationAction(input: unknown): ReturnType<typeof revoke> {
  return revoke(input as never);
}

export async function bulkInviteAction(
  input: unknown,
): Promise<ActionResult<Awaited<ReturnType<typeof inviteMany>>>> {
  return bulk(input as never);
}
