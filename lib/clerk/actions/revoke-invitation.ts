import { z } from "zod";
import { AppError } from "@/lib/errors";
import { type ActionContext, defineAction } from "../define-action";
import { toInvitationSummary } from "../projections";
import { invitationIdField, orNotFound, pendingInvitationCheck } from "./shared";

export const revokeInvitationInput = z.strictObject({ invitation_id: invitationIdField });

// The SDK has no single-invitation getter; BAPI's list `query` matches ids too.
async function findInvitation(clerk: ActionContext["clerk"], id: string) {
  const { data } = await clerk.invitations.getInvitationList({ query: id, limit: 10 });
  const inv = data.find((i) => i.id === id);
  if (!inv) throw AppError.notFound("Invitation", id);
  return inv;
}

export const revokeInvitation = defineAction({
  name: "revokeInvitation",
  title: "Revoke invitation",
  description: "Revoke a pending invitation so its link stops working. Needs human approval.",
  kind: "write",
  input: revokeInvitationInput,
  target: (input) => ({ type: "invitation", id: input.invitation_id }),
  snapshot: async (input, { clerk }) => {
    const inv = await findInvitation(clerk, input.invitation_id);
    return { status: inv.status, email_address: inv.emailAddress, updated_at: inv.updatedAt };
  },
  preview: () => ({ status: "revoked" }),
  checks: (_input, snap) => pendingInvitationCheck(snap, "Invitation"),
  applied: (_input, current) => current.status === "revoked",
  run: async (input, { clerk }) =>
    toInvitationSummary(
      await orNotFound(
        clerk.invitations.revokeInvitation(input.invitation_id),
        "Invitation",
        input.invitation_id,
      ),
    ),
});
