import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth";
import { addOrganizationMember } from "@/lib/clerk/actions/add-organization-member";
import { createOrganization } from "@/lib/clerk/actions/create-organization";
import { updateOrganizationMetadata } from "@/lib/clerk/actions/update-organization-metadata";
import { getClerkClient } from "@/lib/clerk/client";
import { AppError } from "@/lib/errors";
import { checkedWrite } from "./audited-write";
import { type SaveMetadataOutcome, saveMetadataOf } from "./metadata-save";
import type {
  addMemberFormSchema,
  createOrganizationFormSchema,
  saveOrganizationMetadataSchema,
} from "./organization-schemas";

export const ORG_CONFLICT_MESSAGE =
  "This organization changed meanwhile. Nothing was saved; the diff now compares against the latest data — review it and confirm again.";

export function createOne(input: z.output<typeof createOrganizationFormSchema>, actor: Actor) {
  return checkedWrite(actor, createOrganization, {
    name: input.name,
    ...(input.slug ? { slug: input.slug } : {}),
    ...(input.max_allowed_memberships !== undefined
      ? { max_allowed_memberships: input.max_allowed_memberships }
      : {}),
    // The admin who creates it becomes its first member, as in Clerk's dashboard.
    created_by: actor.userId,
  });
}

/** Resolves an email to the user holding it; an id is taken as it is. */
async function resolveUserId(user: string): Promise<string> {
  if (/^user_[A-Za-z0-9]+$/.test(user)) return user;
  if (!user.includes("@"))
    throw AppError.validation({ user: ["Give a user id (user_…) or an email address."] });
  const { data } = await getClerkClient().users.getUserList({ emailAddress: [user], limit: 1 });
  const found = data[0];
  if (!found) {
    throw AppError.validation(
      { user: [`No user has ${user}. Invite them to the organization instead.`] },
      `No user has ${user}. Invite them to the organization instead.`,
    );
  }
  return found.id;
}

export async function addMember(input: z.output<typeof addMemberFormSchema>, actor: Actor) {
  const userId = await resolveUserId(input.user);
  return checkedWrite(actor, addOrganizationMember, {
    organization_id: input.organization_id,
    user_id: userId,
    role: input.role,
  });
}

/** The user metadata editor's optimistic concurrency (lib/console/metadata-save), for organizations. */
export function saveOrganizationMetadata(
  input: z.output<typeof saveOrganizationMetadataSchema>,
  actor: Actor,
): Promise<SaveMetadataOutcome> {
  const target = { organization_id: input.organization_id };
  return saveMetadataOf(updateOrganizationMetadata, target, input, actor, ORG_CONFLICT_MESSAGE);
}
