import type { z } from "zod";
import { type ActionContext, defineAction, type PreCheck, preWriteRead } from "../define-action";
import { toOrganizationMemberSummary } from "../organization-projections";
import { organizationMemberInput } from "./add-organization-member";
import {
  memberRole,
  refuseFailedChecks,
  roleCheck,
  roleKeys,
  withoutOrgCounters,
} from "./organization-shared";
import { orNotFound, preCheck } from "./shared";

type Input = z.output<typeof organizationMemberInput>;

export interface MemberRoleSnapshot {
  role: string | null;
  roles: string[];
  /** Members holding org:admin, this one included. */
  admins_count: number;
}

export const ADMIN = "org:admin";

export function isMemberCheck(snap: MemberRoleSnapshot): PreCheck {
  return preCheck(
    "is_member",
    snap.role !== null,
    `The user is a member (${snap.role}).`,
    "The user is not a member of this organization.",
  );
}

/** Removing or demoting an admin must leave the organization another one. */
export function keepsAnAdminCheck(snap: MemberRoleSnapshot): PreCheck {
  return preCheck(
    "keeps_an_admin",
    snap.admins_count > 1,
    `${snap.admins_count - 1} other admin(s) remain.`,
    "This is the organization's last admin; make someone else admin first.",
  );
}

function checks(input: Input, snap: MemberRoleSnapshot): PreCheck[] {
  const out: PreCheck[] = [
    isMemberCheck(snap),
    roleCheck(input.role, snap.roles),
    preCheck(
      "role_changes",
      snap.role !== input.role,
      `${snap.role ?? "none"} → ${input.role}.`,
      `The user already has ${input.role}; nothing will change.`,
    ),
  ];
  if (snap.role === ADMIN && input.role !== ADMIN) {
    out.push(keepsAnAdminCheck(snap));
  }
  return out;
}

export async function memberRoleSnapshot(
  clerk: ActionContext["clerk"],
  input: Pick<Input, "organization_id" | "user_id">,
): Promise<MemberRoleSnapshot> {
  const [role, roles, admins] = await Promise.all([
    memberRole(clerk, input.organization_id, input.user_id),
    roleKeys(clerk),
    orNotFound(
      clerk.organizations.getOrganizationMembershipList({
        organizationId: input.organization_id,
        role: [ADMIN],
        limit: 1,
      }),
      "Organization",
      input.organization_id,
    ),
  ]);
  return { role, roles, admins_count: admins.totalCount };
}

export const updateOrganizationMemberRole = defineAction({
  name: "updateOrganizationMemberRole",
  title: "Change organization role",
  description:
    'Change a member\'s role in an organization, e.g. make them "org:admin". Refused for non-members, unknown roles and for demoting the last admin. Needs human approval.',
  kind: "write",
  input: organizationMemberInput,
  target: (input) => ({ type: "organization", id: input.organization_id }),
  snapshot: (input, { clerk }) => memberRoleSnapshot(clerk, input),
  preview: (input) => ({ role: input.role }),
  checks,
  applied: (input, current) => current.role === input.role,
  boundState: withoutOrgCounters,
  undo: {
    inverse: (input, before) => {
      if (!before.role)
        throw new Error("The user was not a member before; there is no earlier role to restore.");
      return { organization_id: input.organization_id, user_id: input.user_id, role: before.role };
    },
  },
  run: async (input, ctx) => {
    const snap = await preWriteRead(
      () => memberRoleSnapshot(ctx.clerk, input),
      "updateOrganizationMemberRole.current",
    );
    refuseFailedChecks(checks(input, snap), "The role cannot be changed:");
    const m = await orNotFound(
      ctx.clerk.organizations.updateOrganizationMembership({
        organizationId: input.organization_id,
        userId: input.user_id,
        role: input.role,
      }),
      "Membership",
      input.user_id,
    );
    return toOrganizationMemberSummary(m);
  },
});
