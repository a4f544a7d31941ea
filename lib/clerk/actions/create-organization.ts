import { z } from "zod";
import { type ActionContext, defineAction, type PreCheck, preWriteRead } from "../define-action";
import { type Metadata, metadataSizeChecks } from "../metadata";
import { toOrganizationSummary } from "../organization-projections";
import {
  maxMembershipsField,
  orgNameField,
  orgSlugField,
  refuseFailedChecks,
  slugFromName,
  slugOwner,
} from "./organization-shared";
import { assertMetadataFits, metadataField, preCheck, userExists, userIdField } from "./shared";

export const createOrganizationInput = z.strictObject({
  name: orgNameField,
  slug: orgSlugField
    .optional()
    .describe("URL-safe unique identifier, e.g. acme-inc. Default: derived from the name."),
  max_allowed_memberships: maxMembershipsField.optional(),
  created_by: userIdField.optional().describe("A user who becomes the organization's first admin."),
  public_metadata: metadataField("Public"),
  private_metadata: metadataField("Private", " Backend only."),
});

type Input = z.output<typeof createOrganizationInput>;

type CreateOrganizationSnapshot = Awaited<ReturnType<typeof snapshot>>;

const slugOf = (input: Input) => input.slug ?? slugFromName(input.name);

function checks(input: Input, snap: CreateOrganizationSnapshot): PreCheck[] {
  const out: PreCheck[] = [
    preCheck(
      "slug_free",
      snap.slug_taken_by === null,
      `The slug ${snap.slug} is free.`,
      `The slug ${snap.slug} is taken by ${snap.slug_taken_by}; choose another.`,
    ),
  ];
  if (input.created_by) {
    out.push(
      preCheck(
        "creator_exists",
        snap.creator_exists === true,
        `${input.created_by} becomes its first admin.`,
        `No user ${input.created_by}.`,
      ),
    );
  }
  return [...out, ...metadataSizeChecks(metadataOf(input))];
}

function metadataOf(input: Input): Partial<Record<string, Metadata>> {
  return {
    ...(input.public_metadata ? { public_metadata: input.public_metadata } : {}),
    ...(input.private_metadata ? { private_metadata: input.private_metadata } : {}),
  };
}

async function snapshot(input: Input, { clerk }: ActionContext) {
  const slug = slugOf(input);
  const [owner, creator] = await Promise.all([
    slugOwner(clerk, slug),
    input.created_by ? userExists(clerk, input.created_by) : Promise.resolve(null),
  ]);
  return { slug, slug_taken_by: owner, creator_exists: creator };
}

export const createOrganization = defineAction({
  name: "createOrganization",
  title: "Create organization",
  description:
    "Create an organization with a name, optional slug, membership limit, first admin (created_by) and metadata. Refused when the slug is taken. Needs human approval.",
  kind: "write",
  input: createOrganizationInput,
  target: () => ({ type: "organization" as const }),
  snapshot,
  preview: (input, snap) => ({
    name: input.name,
    slug: snap.slug,
    max_allowed_memberships: input.max_allowed_memberships ?? 0,
    ...metadataOf(input),
  }),
  checks,
  applied: (_input, current) => current.slug_taken_by !== null,
  undo: { reason: "Undo a creation by deleting the organization from its page (typing its slug)." },
  run: async (input, ctx) => {
    assertMetadataFits(metadataOf(input), "Metadata is over Clerk's 8 KB limit; nothing was created.");
    const snap = await preWriteRead(() => snapshot(input, ctx), "createOrganization.current");
    refuseFailedChecks(checks(input, snap), "The organization cannot be created:", "slug");
    const org = await ctx.clerk.organizations.createOrganization({
      name: input.name,
      slug: snap.slug,
      createdBy: input.created_by,
      maxAllowedMemberships: input.max_allowed_memberships,
      publicMetadata: input.public_metadata,
      privateMetadata: input.private_metadata,
    });
    return toOrganizationSummary(org);
  },
});
