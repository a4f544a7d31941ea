"use server";
import { revalidatePath } from "next/cache";
import { authorizedAction, type ConsoleAuth } from "@/lib/auth";
import { organizationMemberInput } from "@/lib/clerk/actions/add-organization-member";
import { createOrganizationInvitation } from "@/lib/clerk/actions/create-organization-invitation";
import { deleteOrganization } from "@/lib/clerk/actions/delete-organization";
import {
  removeOrganizationMember,
  removeOrganizationMemberInput,
} from "@/lib/clerk/actions/remove-organization-member";
import {
  revokeOrganizationInvitation,
  revokeOrganizationInvitationInput,
} from "@/lib/clerk/actions/revoke-organization-invitation";
import { updateOrganization, updateOrganizationInput } from "@/lib/clerk/actions/update-organization";
import { updateOrganizationMemberRole } from "@/lib/clerk/actions/update-organization-member-role";
import type { ActionOutput, WriteAction } from "@/lib/clerk/define-action";
import { checkedWrite } from "@/lib/console/audited-write";
import {
  addMemberFormSchema,
  createOrganizationFormSchema,
  deleteOrganizationFormSchema,
  inviteToOrganizationFormSchema,
  saveOrganizationMetadataSchema,
} from "@/lib/console/organization-schemas";
import { addMember, createOne, saveOrganizationMetadata } from "@/lib/console/organization-writes";
import { stale } from "@/lib/errors";

const touched = (organizationId?: string) => {
  revalidatePath("/organizations");
  if (organizationId) revalidatePath(`/organizations/${organizationId}`);
};

/** A checked write on one organization, then its page and the list re-render; `answer` picks the reply. */
function organizationWrite<A extends WriteAction, R>(action: A, answer: (out: ActionOutput<A>) => R) {
  return async (input: { organization_id: string }, auth: ConsoleAuth) => {
    const out = await checkedWrite(auth, action, input);
    touched(input.organization_id);
    return answer(out);
  };
}

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
  updateOrganizationInput,
  organizationWrite(updateOrganization, (org) => ({
    id: org.id,
    name: org.name,
    slug: org.slug,
    max_allowed_memberships: org.max_allowed_memberships,
  })),
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
    const out = await checkedWrite(auth, deleteOrganization, input);
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
  organizationMemberInput,
  organizationWrite(updateOrganizationMemberRole, (m) => ({ user_id: m.user_id, role: m.role })),
);

export const removeOrganizationMemberAction = authorizedAction(
  "write",
  removeOrganizationMemberInput,
  organizationWrite(removeOrganizationMember, (m) => ({ user_id: m.user_id, removed: true })),
);

export const inviteToOrganizationAction = authorizedAction(
  "write",
  inviteToOrganizationFormSchema,
  organizationWrite(createOrganizationInvitation, (inv) => ({
    id: inv.id,
    email_address: inv.email_address,
    role: inv.role,
    status: inv.status,
  })),
);

export const revokeOrganizationInvitationAction = authorizedAction(
  "write",
  revokeOrganizationInvitationInput,
  organizationWrite(revokeOrganizationInvitation, (inv) => ({ id: inv.id, status: inv.status })),
);
