import { z } from "zod";
import { defineAction } from "../define-action";
import { ORGANIZATION_ORDER, toOrganizationSummary } from "../organization-projections";
import { limitField, offsetField, orderByField, pageOf } from "./shared";

export const listOrganizationsInput = z.strictObject({
  query: z
    .string()
    .max(200)
    .optional()
    .describe("Search by name or slug (partial, case-insensitive) or an exact organization id."),
  order_by: orderByField(ORGANIZATION_ORDER),
  limit: limitField,
  offset: offsetField,
});

export const listOrganizations = defineAction({
  name: "listOrganizations",
  title: "List organizations",
  description:
    "List organizations with their members count, pending invitations and whether they lack an admin (missing_admin), searched by name/slug and sorted by name, created date or members count. Returns a page and total_count.",
  kind: "read",
  input: listOrganizationsInput,
  run: async (input, { clerk }) => {
    const { data, totalCount } = await clerk.organizations.getOrganizationList({
      query: input.query?.trim() || undefined,
      orderBy: input.order_by,
      ...pageOf(input),
      includeMembersCount: true,
      // Clerk's list takes this flag; the SDK's params type does not name it yet.
      ...({ includeMissingMemberWithElevatedPermissions: true } as object),
    });
    return { organizations: data.map(toOrganizationSummary), total_count: totalCount };
  },
});
