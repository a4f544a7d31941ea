"use server";
import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth";
import { revokeInvitation, revokeInvitationInput } from "@/lib/clerk/actions/revoke-invitation";
import { checkedWrite } from "@/lib/console/audited-write";
import { bulkInviteSchema, inviteFormSchema } from "@/lib/console/invitation-schemas";
import { inviteMany, inviteOne } from "@/lib/console/invitation-writes";

export const createInvitationAction = authorizedAction("write", inviteFormSchema, async (input, auth) => {
  const inv = await inviteOne(input, auth);
  revalidatePath("/invitations");
  return inv;
});

export const revokeInvitationAction = authorizedAction(
  "write",
  revokeInvitationInput,
  async (input, auth) => {
    const inv = await checkedWrite(auth, revokeInvitation, input);
    revalidatePath("/invitations");
    return { id: inv.id, status: inv.status, email_address: inv.email_address };
  },
);

export const bulkInviteAction = authorizedAction("write", bulkInviteSchema, async (input, auth) => {
  const rows = await inviteMany(input, auth);
  revalidatePath("/invitations");
  return rows;
});
