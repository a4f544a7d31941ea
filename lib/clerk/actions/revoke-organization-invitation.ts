import { z } from "zod";
import { defineAction } from "../define-action";
import { toOrganizationInvitationSummary } from "../organization-projections";
import { organizationIdField, orgInvitationIdField } from "./organization-shared";
import { orNotFound, pendingInvitationCheck } from "./shared";

export const revokeOrganizationInvitationInput = z.strictObject({
  organization_id: organizationIdField,
  invitation_id: orgInvitationIdField,
});

export const revokeOrganizationInvitation = defineAction({
  name: "revokeOrganizationInvitation",
  title: "Revoke organization invitation",
  description:
    "Revoke a pending organization invitation so it can no longer be accepted. Needs human approval.",
  kind: "write",
  input: revokeOrganizationInvitationInput,
  target: (input) => ({ type: "organization", id: input.organization_id }),
  snapshot: async (input, { clerk }) => {
    const inv = await orNotFound(
      clerk.organizations.getOrganizationInvitation({
        organizationId: input.organization_id,
        invitationId: input.invitation_id,
      }),
      "Organization invitation",
      input.invitation_id,
    );
    return { status: inv.status ?? "pending", email_address: inv.emailAddress, updated_at: inv.updatedAt };
  },
  preview: () => ({ status: "revoked" }),
  checks: (_input, snap) => pendingInvitationCheck(snap, "The invitation"),
  applied: (_input, current) => current.status === "revoked",
  undo: { reason: "A revoked invitation cannot be reinstated; invite the person again." },
  run: async (input, { clerk }) =>
    toOrganizationInvitationSummary(
      await orNotFound(
        clerk.organizations.revokeOrganizationInvitation({
          organizationId: input.organization_id,
          invitationId: input.invitation_id,
        }),
        "Organization invitation",
        input.invitation_id,
      ),
    ),
});
