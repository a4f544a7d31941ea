"use server";
import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth";
import {
  bulkInviteSchema,
  inviteFormSchema,
  revokeInvitationFormSchema,
} from "@/lib/console/invitation-schemas";
import { inviteMany, inviteOne, revokeOne } from "@/lib/console/invitation-writes";

export const createInvitationAction = authorizedAction("write", inviteFormSchema, async (input, auth) => {
  const inv = await inviteOne(input, auth);
  revalidatePath("/invitations");
  return inv;
});

export const revokeInvitationAction = authorizedAction(
  "write",
  revokeInvitationFormSchema,
  async (input, auth) => {
    const inv = await revokeOne(input, auth);
    revalidatePath("/invitations");
    return { id: inv.id, status: inv.status, email_address: inv.email_address };
  },
);

export const bulkInviteAction = authorizedAction("write", bulkInviteSchema, async (input, auth) => {
  const rows = await inviteMany(input, auth);
  revalidatePath("/invitations");
  return rows;
});
