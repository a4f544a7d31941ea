import { z } from "zod";
import { type ActionContext, defineAction, type PreCheck, preWriteRead } from "../define-action";
import { toOrganizationSummary } from "../organization-projections";
import {
  getOrganizationWithCounts,
  maxMembershipsField,
  organizationIdField,
  orgNameField,
  orgSlugField,
  refuseFailedChecks,
  slugOwner,
} from "./organization-shared";
import { orNotFound, preCheck } from "./shared";

const FIELDS = ["name", "slug", "max_allowed_memberships"] as const;

export const updateOrganizationInput = z
  .strictObject({
    organization_id: organizationIdField,
    name: orgNameField.optional(),
    slug: orgSlugField.optional(),
    max_allowed_memberships: maxMembershipsField.optional(),
  })
  .refine((v) => FIELDS.some((k) => v[k] !== undefined), {
    message: "Give at least one of name, slug or max_allowed_memberships.",
  });

type Input = z.output<typeof updateOrganizationInput>;

type OrganizationProfileSnapshot = Awaited<ReturnType<typeof snapshot>>;

function checks(input: Input, snap: OrganizationProfileSnapshot): PreCheck[] {
  const out: PreCheck[] = [];
  if (input.slug !== undefined && input.slug !== snap.slug) {
    out.push(
      preCheck(
        "slug_free",
        snap.slug_taken_by === null,
        `The slug ${input.slug} is free.`,
        `The slug ${input.slug} is taken by ${snap.slug_taken_by}.`,
      ),
    );
  }
  const max = input.max_allowed_memberships;
  if (max !== undefined && max > 0) {
    const used = snap.members_count + snap.pending_invitations_count;
    out.push(
      preCheck(
        "max_fits_members",
        used <= max,
        `${used} members and pending invitations fit in ${max}.`,
        `The organization already has ${used} members and pending invitations; the limit cannot go below that (${max}).`,
      ),
    );
  }
  return out;
}

async function snapshot(input: Input, { clerk }: ActionContext) {
  const org = await getOrganizationWithCounts(clerk, input.organization_id);
  const owner = input.slug && input.slug !== org.slug ? await slugOwner(clerk, input.slug) : null;
  const summary = toOrganizationSummary(org);
  return {
    name: org.name,
    slug: org.slug,
    max_allowed_memberships: org.maxAllowedMemberships,
    members_count: summary.members_count ?? 0,
    pending_invitations_count: summary.pending_invitations_count ?? 0,
    // Who holds the requested slug, when it is another organization.
    slug_taken_by: owner && owner !== org.id ? owner : null,
    updated_at: org.updatedAt,
  };
}

export const updateOrganization = defineAction({
  name: "updateOrganization",
  title: "Update organization",
  description:
    "Rename an organization, change its slug or its membership limit (0 = unlimited). Refused when the slug is taken or the limit is below the current members and pending invitations. Needs human approval.",
  kind: "write",
  input: updateOrganizationInput,
  target: (input) => ({ type: "organization", id: input.organization_id }),
  snapshot,
  preview: (input) =>
    Object.fromEntries(FIELDS.filter((k) => input[k] !== undefined).map((k) => [k, input[k]])) as Partial<
      Pick<OrganizationProfileSnapshot, (typeof FIELDS)[number]>
    >,
  checks,
  applied: (input, current) => FIELDS.every((k) => input[k] === undefined || input[k] === current[k]),
  undo: {
    // The fields this write set, back to their values before it.
    inverse: (input, before) => ({
      organization_id: input.organization_id,
      ...Object.fromEntries(FIELDS.filter((k) => input[k] !== undefined).map((k) => [k, before[k]])),
    }),
  },
  run: async (input, ctx) => {
    const snap = await preWriteRead(() => snapshot(input, ctx), "updateOrganization.current");
    refuseFailedChecks(checks(input, snap), "The organization cannot be changed:");
    const org = await orNotFound(
      ctx.clerk.organizations.updateOrganization(input.organization_id, {
        name: input.name,
        slug: input.slug,
        maxAllowedMemberships: input.max_allowed_memberships,
      }),
      "Organization",
      input.organization_id,
    );
    return toOrganizationSummary(org);
  },
});
