import { z } from "zod";
import { AppError } from "@/lib/errors";
import { defineAction } from "../define-action";
import { toOrganizationSummary } from "../organization-projections";
import { organizationIdField, orgSlugField } from "./organization-shared";
import { exactlyOne, orNotFound } from "./shared";

export const getOrganizationInput = exactlyOne(
  z.strictObject({
    organization_id: organizationIdField.optional(),
    slug: orgSlugField.optional().describe("Look the organization up by its slug instead of its id."),
  }),
  "organization_id",
  "slug",
);

export const getOrganization = defineAction({
  name: "getOrganization",
  title: "Get organization",
  description:
    "Get one organization by id or slug: name, slug, members count, pending invitations, membership limit, whether it lacks an admin, and metadata.",
  kind: "read",
  input: getOrganizationInput,
  run: async (input, { clerk }) => {
    const key = input.organization_id ?? input.slug ?? "";
    if (!key) throw AppError.validation({ organization_id: ["Give organization_id or slug."] });
    const lookup = input.organization_id ? { organizationId: input.organization_id } : { slug: key };
    const org = await orNotFound(
      clerk.organizations.getOrganization({
        ...lookup,
        includeMembersCount: true,
        ...({ includeMissingMemberWithElevatedPermissions: true } as object),
      }),
      "Organization",
      key,
    );
    return toOrganizationSummary(org);
  },
});
