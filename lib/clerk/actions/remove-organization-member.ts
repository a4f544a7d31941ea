import { z } from "zod";
import { defineAction, type PreCheck, preWriteRead } from "../define-action";
import { toOrganizationMemberSummary } from "../organization-projections";
import { organizationIdField, refuseFailedChecks, withoutOrgCounters } from "./organization-shared";
import { orNotFound, userIdField } from "./shared";
import {
  ADMIN,
  isMemberCheck,
  keepsAnAdminCheck,
  type MemberRoleSnapshot,
  memberRoleSnapshot,
} from "./update-organization-member-role";

export const removeOrganizationMemberInput = z.strictObject({
  organization_id: organizationIdField,
  user_id: userIdField,
});

function checks(snap: MemberRoleSnapshot): PreCheck[] {
  return snap.role === ADMIN ? [isMemberCheck(snap), keepsAnAdminCheck(snap)] : [isMemberCheck(snap)];
}

export const removeOrganizationMember = defineAction({
  name: "removeOrganizationMember",
  title: "Remove organization member",
  description:
    "Remove a user from an organization (the user account stays). Refused for non-members and for the last admin. Needs human approval.",
  kind: "write",
  input: removeOrganizationMemberInput,
  target: (input) => ({ type: "organization", id: input.organization_id }),
  snapshot: (input, { clerk }) => memberRoleSnapshot(clerk, input),
  preview: () => ({ role: null }),
  checks: (_input, snap) => checks(snap),
  applied: (_input, current) => current.role === null,
  boundState: withoutOrgCounters,
  undo: { reason: "Undo by adding the user again with the role they had (shown in this entry's before)." },
  run: async (input, ctx) => {
    const snap = await preWriteRead(
      () => memberRoleSnapshot(ctx.clerk, input),
      "removeOrganizationMember.current",
    );
    refuseFailedChecks(checks(snap), "The member cannot be removed:");
    const m = await orNotFound(
      ctx.clerk.organizations.deleteOrganizationMembership({
        organizationId: input.organization_id,
        userId: input.user_id,
      }),
      "Membership",
      input.user_id,
    );
    return { ...toOrganizationMemberSummary(m), removed: true };
  },
});
