import { z } from "zod";
import { type ActionContext, defineAction, type PreCheck, preWriteRead } from "../define-action";
import { toOrganizationMemberSummary, toOrganizationSummary } from "../organization-projections";
import {
  getOrganizationWithCounts,
  memberRole,
  organizationIdField,
  orgRoleField,
  refuseFailedChecks,
  roleCheck,
  roleKeys,
  seatCheck,
  withoutOrgCounters,
} from "./organization-shared";
import { orNotFound, preCheck, userExists, userIdField } from "./shared";

export const organizationMemberInput = z.strictObject({
  organization_id: organizationIdField,
  user_id: userIdField,
  role: orgRoleField,
});

type Input = z.output<typeof organizationMemberInput>;

type AddMemberSnapshot = Awaited<ReturnType<typeof snapshot>>;

function checks(input: Input, snap: AddMemberSnapshot): PreCheck[] {
  return [
    preCheck("user_exists", snap.user_exists, `User ${input.user_id} exists.`, `No user ${input.user_id}.`),
    preCheck(
      "not_a_member",
      snap.role === null,
      "The user is not a member yet.",
      `The user is already a member (${snap.role}).`,
    ),
    roleCheck(input.role, snap.roles),
    seatCheck(snap),
  ];
}

async function snapshot(input: Input, { clerk }: ActionContext) {
  const org = toOrganizationSummary(await getOrganizationWithCounts(clerk, input.organization_id));
  const [exists, role, roles] = await Promise.all([
    userExists(clerk, input.user_id),
    memberRole(clerk, input.organization_id, input.user_id),
    roleKeys(clerk),
  ]);
  return {
    user_exists: exists,
    // The user's role in the organization now; null when not a member.
    role,
    roles,
    members_count: org.members_count ?? 0,
    pending_invitations_count: org.pending_invitations_count ?? 0,
    max_allowed_memberships: org.max_allowed_memberships,
    updated_at: org.updated_at,
  };
}

export const addOrganizationMember = defineAction({
  name: "addOrganizationMember",
  title: "Add organization member",
  description:
    'Add an existing user to an organization with a role (e.g. "org:member" or "org:admin"). Refused when they are already a member, the role is unknown or the organization is full. Needs human approval.',
  kind: "write",
  input: organizationMemberInput,
  target: (input) => ({ type: "organization", id: input.organization_id }),
  snapshot,
  preview: (input) => ({ role: input.role }),
  checks,
  applied: (input, current) => current.role === input.role,
  boundState: withoutOrgCounters,
  undo: { reason: "Undo by removing the member on the organization page." },
  run: async (input, ctx) => {
    const snap = await preWriteRead(() => snapshot(input, ctx), "addOrganizationMember.current");
    refuseFailedChecks(checks(input, snap), "The member cannot be added:");
    const m = await orNotFound(
      ctx.clerk.organizations.createOrganizationMembership({
        organizationId: input.organization_id,
        userId: input.user_id,
        role: input.role,
      }),
      "Organization",
      input.organization_id,
    );
    return toOrganizationMemberSummary(m);
  },
});
