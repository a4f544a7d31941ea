"use server";
import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth";
import {
  addMemberFormSchema,
  createOrganizationFormSchema,
  deleteOrganizationFormSchema,
  inviteToOrganizationFormSchema,
  memberRoleFormSchema,
  removeMemberFormSchema,
  revokeOrganizationInvitationFormSchema,
  saveOrganizationMetadataSchema,
  updateOrganizationFormSchema,
} from "@/lib/console/organization-schemas";
import {
  addMember,
  changeMemberRole,
  createOne,
  deleteOne,
  inviteOne,
  removeMember,
  revokeOne,
  saveOrganizationMetadata,
  updateOne,
} from "@/lib/console/organization-writes";
import { stale } from "@/lib/errors";

const touched = (organizationId?: string) => {
  revalidatePath("/organizations");
  if (organizationId) revalidatePath(`/organizations/${organizationId}`);
};

export const createOrganizationAction = authorizedAction(
  "write",
  createOrganizationFormSchema,
  async (input, auth) => {
    const org = await createOne(input, auth);
    touched();
    return { id: org.id, name: org.name, slug: org.slug };
  },
);

export const updateOrganizationAction = authorizedAction(
  "write",
  updateOrganizationFormSchema,
  async (input, auth) => {
    const org = await updateOne(input, auth);
    touched(org.id);
    return {
      id: org.id,
      name: org.name,
      slug: org.slug,
      max_allowed_memberships: org.max_allowed_memberships,
    };
  },
);

/** On a concurrent change: `conflict`, nothing written, and the fresh state to re-diff against. */
export const saveOrganizationMetadataAction = authorizedAction(
  "write",
  saveOrganizationMetadataSchema,
  async (input, auth) => {
    const out = await saveOrganizationMetadata(input, auth);
    if (!out.saved) return stale(out.message, out.state);
    touched(input.organization_id);
    return out.state;
  },
);

export const deleteOrganizationAction = authorizedAction(
  "write",
  deleteOrganizationFormSchema,
  async (input, auth) => {
    const out = await deleteOne(input, auth);
    touched();
    return out;
  },
);

export const addOrganizationMemberAction = authorizedAction(
  "write",
  addMemberFormSchema,
  async (input, auth) => {
    const m = await addMember(input, auth);
    touched(input.organization_id);
    return { user_id: m.user_id, role: m.role, identifier: m.identifier };
  },
);

export const updateOrganizationMemberRoleAction = authorizedAction(
  "write",
  memberRoleFormSchema,
  async (input, auth) => {
    const m = await changeMemberRole(input, auth);
    touched(input.organization_id);
    return { user_id: m.user_id, role: m.role };
  },
);

export const removeOrganizationMemberAction = authorizedAction(
  "write",
  removeMemberFormSchema,
  async (input, auth) => {
    const m = await removeMember(input, auth);
    touched(input.organization_id);
    return { user_id: m.user_id, removed: true };
  },
);

export const inviteToOrganizationAction = authorizedAction(
  "write",
  inviteToOrganizationFormSchema,
  async (input, auth) => {
    const inv = await inviteOne(input, auth);
    touched(input.organization_id);
    return { id: inv.id, email_address: inv.email_address, role: inv.role, status: inv.status };
  },
);

export const revokeOrganizationInvitationAction = authorizedAction(
  "write",
  revokeOrganizationInvitationFormSchema,
  async (input, auth) => {
    const inv = await revokeOne(input, auth);
    touched(input.organization_id);
    return { id: inv.id, status: inv.status };
  },
);
