import { z } from "zod";
import { defineAction } from "../define-action";
import { toOrganizationInvitationSummary } from "../organization-projections";
import { organizationIdField } from "./organization-shared";
import { limitField, offsetField, orNotFound, pageOf } from "./shared";

export const ORG_INVITATION_STATUSES = ["pending", "accepted", "revoked", "expired"] as const;

export const listOrganizationInvitationsInput = z.strictObject({
  organization_id: organizationIdField,
  status: z
    .enum(ORG_INVITATION_STATUSES)
    .optional()
    .describe("Only invitations with this status. Default: all."),
  limit: limitField,
  offset: offsetField,
});

export const listOrganizationInvitations = defineAction({
  name: "listOrganizationInvitations",
  title: "List organization invitations",
  description:
    "List one organization's invitations (email, role, status), optionally only pending ones. Returns a page and total_count.",
  kind: "read",
  input: listOrganizationInvitationsInput,
  run: async (input, { clerk }) => {
    const { data, totalCount } = await orNotFound(
      clerk.organizations.getOrganizationInvitationList({
        organizationId: input.organization_id,
        status: input.status ? [input.status] : undefined,
        ...pageOf(input),
      }),
      "Organization",
      input.organization_id,
    );
    return { invitations: data.map(toOrganizationInvitationSummary), total_count: totalCount };
  },
});
