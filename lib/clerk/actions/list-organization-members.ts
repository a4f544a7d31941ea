import { z } from "zod";
import { defineAction } from "../define-action";
import { bothDirections } from "../order";
import { toOrganizationMemberSummary } from "../organization-projections";
import { organizationIdField, orgRoleField } from "./organization-shared";
import { limitField, offsetField, orderByField, orNotFound, pageOf } from "./shared";

const ORDER = bothDirections(["created_at", "email_address", "first_name"]);

export const listOrganizationMembersInput = z.strictObject({
  organization_id: organizationIdField,
  role: orgRoleField.optional().describe('Only members with this role, e.g. "org:admin".'),
  query: z.string().max(200).optional().describe("Search members by name or email (partial)."),
  order_by: orderByField(ORDER),
  limit: limitField,
  offset: offsetField,
});

export const listOrganizationMembers = defineAction({
  name: "listOrganizationMembers",
  title: "List organization members",
  description:
    "List the members of one organization with their role (e.g. only the admins with role org:admin). Returns a page and total_count.",
  kind: "read",
  input: listOrganizationMembersInput,
  run: async (input, { clerk }) => {
    const { data, totalCount } = await orNotFound(
      clerk.organizations.getOrganizationMembershipList({
        organizationId: input.organization_id,
        role: input.role ? [input.role] : undefined,
        query: input.query?.trim() || undefined,
        orderBy: input.order_by,
        ...pageOf(input),
      }),
      "Organization",
      input.organization_id,
    );
    return { members: data.map(toOrganizationMemberSummary), total_count: totalCount };
  },
});
