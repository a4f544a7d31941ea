import { z } from "zod";
import { defineAction } from "../define-action";
import { toOrganizationRoleSummary } from "../organization-projections";
import { limitField, offsetField, pageOf } from "./shared";

export const listOrganizationRolesInput = z.strictObject({
  query: z.string().max(200).optional().describe("Search roles by key or name (partial)."),
  limit: limitField,
  offset: offsetField,
});

export const listOrganizationRoles = defineAction({
  name: "listOrganizationRoles",
  title: "List organization roles",
  description:
    "List the organization roles of the instance (key such as org:admin, name, permissions). Use a role's key when adding members or inviting.",
  kind: "read",
  input: listOrganizationRolesInput,
  run: async (input, { clerk }) => {
    const { data, totalCount } = await clerk.organizationRoles.getOrganizationRoleList({
      query: input.query?.trim() || undefined,
      ...pageOf(input, 100),
    });
    return { roles: data.map(toOrganizationRoleSummary), total_count: totalCount };
  },
});
