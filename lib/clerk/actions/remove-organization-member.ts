import { z } from "zod";
import { defineAction, type PreCheck, preWriteRead } from "../define-action";
import { toOrganizationMemberSummary } from "../organization-projections";
import { organizationIdField, refuseFailedChecks } from "./organization-shared";
import { orNotFound, userIdField } from "./shared";
import { type MemberRoleSnapshot, memberRoleSnapshot } from "./update-organization-member-role";

export const removeOrganizationMemberInput = z.strictObject({
  organization_id: organizationIdField,
  user_id: userIdField,
});

function checks(snap: MemberRoleSnapshot): PreCheck[] {
  const out: PreCheck[] = [
    {
      id: "is_member",
      ok: snap.role !== null,
      message: snap.role
        ? `The user is a member (${snap.role}).`
        : "The user is not a member of this organization.",
    },
  ];
  if (snap.role === "org:admin") {
    out.push({
      id: "keeps_an_admin",
      ok: snap.admins_count > 1,
      message:
        snap.admins_count > 1
          ? `${snap.admins_count - 1} other admin(s) remain.`
          : "This is the organization's last admin; make someone else admin first.",
    });
  }
  return out;
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
