import { z } from "zod";
import { AppError } from "@/lib/errors";
import { type ActionContext, defineAction, preWriteRead } from "../define-action";
import { getOrganizationWithCounts, organizationIdField, orgSlugField } from "./organization-shared";
import { orNotFound, orNull, preCheck } from "./shared";

export const deleteOrganizationInput = z.strictObject({
  organization_id: organizationIdField,
  confirm_slug: orgSlugField.describe(
    "The organization's slug, typed out as confirmation; the deletion is refused unless it matches.",
  ),
});

export interface DeleteOrganizationSnapshot {
  exists: boolean;
  name: string | null;
  slug: string | null;
  members_count: number;
  updated_at: number | null;
}

async function snapshot(
  input: z.output<typeof deleteOrganizationInput>,
  { clerk }: ActionContext,
): Promise<DeleteOrganizationSnapshot> {
  const org = await orNull(getOrganizationWithCounts(clerk, input.organization_id));
  // Gone is a state, not an error: it is what a settled deletion looks like.
  if (!org) return { exists: false, name: null, slug: null, members_count: 0, updated_at: null };
  return {
    exists: true,
    name: org.name,
    slug: org.slug,
    members_count: org.membersCount ?? 0,
    updated_at: org.updatedAt,
  };
}

export const deleteOrganization = defineAction({
  name: "deleteOrganization",
  title: "Delete organization",
  description:
    "Permanently delete an organization with its memberships and invitations. confirm_slug must equal the organization's slug. Cannot be undone. Needs human approval.",
  kind: "write",
  input: deleteOrganizationInput,
  target: (input) => ({ type: "organization", id: input.organization_id }),
  snapshot,
  preview: () => ({ exists: false }),
  checks: (input, snap) => [
    preCheck(
      "exists",
      snap.exists,
      `${snap.name} (${snap.slug}) and its ${snap.members_count} memberships will be deleted.`,
      "The organization does not exist (any more).",
    ),
    {
      id: "slug_confirmed",
      ok: snap.exists && input.confirm_slug === snap.slug,
      message:
        input.confirm_slug === snap.slug
          ? "The typed slug matches."
          : `The typed slug "${input.confirm_slug}" does not match the organization's slug.`,
    },
  ],
  applied: (_input, current) => !current.exists,
  undo: { reason: "A deleted organization cannot be restored, nor its memberships and invitations." },
  run: async (input, ctx) => {
    const snap = await preWriteRead(() => snapshot(input, ctx), "deleteOrganization.current");
    if (!snap.exists) throw AppError.notFound("Organization", input.organization_id);
    if (snap.slug !== input.confirm_slug) {
      throw AppError.validation(
        { confirm_slug: ["Type the organization's slug exactly to confirm."] },
        "The typed slug does not match the organization's slug; nothing was deleted.",
      );
    }
    await orNotFound(
      ctx.clerk.organizations.deleteOrganization(input.organization_id),
      "Organization",
      input.organization_id,
    );
    return { id: input.organization_id, slug: snap.slug, deleted: true };
  },
});
