import "server-only";
import type { z } from "zod";
import { actionContext } from "@/lib/clerk/action-context";
import { getOrganization } from "@/lib/clerk/actions/get-organization";
import { listOrganizationInvitations } from "@/lib/clerk/actions/list-organization-invitations";
import { listOrganizationMembers } from "@/lib/clerk/actions/list-organization-members";
import { listOrganizationRoles } from "@/lib/clerk/actions/list-organization-roles";
import { listOrganizations, type listOrganizationsInput } from "@/lib/clerk/actions/list-organizations";
import { listUserOrganizations } from "@/lib/clerk/actions/list-user-organizations";
import { runAction } from "@/lib/clerk/define-action";

const ctx = () => actionContext();

export const MEMBERS_PAGE_SIZE = 100;

export function loadOrganizationsPage(params: z.input<typeof listOrganizationsInput>) {
  return runAction(listOrganizations, params, ctx());
}

/** The organization page's four reads, concurrent: one BAPI request each. */
export async function loadOrganizationPage(organizationId: string, membersPage = 1) {
  const c = ctx();
  const [organization, members, invitations, roles] = await Promise.all([
    runAction(getOrganization, { organization_id: organizationId }, c),
    runAction(
      listOrganizationMembers,
      {
        organization_id: organizationId,
        order_by: "+created_at",
        limit: MEMBERS_PAGE_SIZE,
        offset: (membersPage - 1) * MEMBERS_PAGE_SIZE,
      },
      c,
    ),
    runAction(
      listOrganizationInvitations,
      { organization_id: organizationId, status: "pending", limit: 100 },
      c,
    ),
    runAction(listOrganizationRoles, { limit: 100 }, c),
  ]);
  return { organization, members, invitations, roles: roles.roles };
}

export function loadUserOrganizations(userId: string) {
  return runAction(listUserOrganizations, { user_id: userId, limit: 100 }, ctx());
}
