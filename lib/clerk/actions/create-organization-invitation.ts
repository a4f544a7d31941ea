import { z } from "zod";
import { type ActionContext, defineAction, type PreCheck, preWriteRead } from "../define-action";
import { toOrganizationInvitationSummary, toOrganizationSummary } from "../organization-projections";
import { allowlistWarning, blockedBy, blocklistCheck, outsideAllowlist } from "./access-list-shared";
import {
  getOrganizationWithCounts,
  organizationIdField,
  orgRoleField,
  refuseFailedChecks,
  roleCheck,
  roleKeys,
  type Seats,
  seatCheck,
  withoutOrgCounters,
} from "./organization-shared";
import { expiresInDaysField, orNotFound, preCheck } from "./shared";

export const createOrganizationInvitationInput = z.strictObject({
  organization_id: organizationIdField,
  email: z.email().max(320).describe("Email address of the person to invite into the organization."),
  role: orgRoleField,
  expires_in_days: expiresInDaysField(),
  redirect_url: z
    .string()
    .max(2048)
    .regex(/^https?:\/\//, "Must be an absolute http(s) URL.")
    .optional()
    .describe("Where the invitee lands after accepting."),
});

type Input = z.output<typeof createOrganizationInvitationInput>;

export interface OrgInvitationSnapshot extends Seats {
  pending_invitation_id: string | null;
  member_user_id: string | null;
  roles: string[];
  /** The block-list entry covering the email (Clerk would refuse the sign-up). */
  blocked_by?: string | null;
  /** Present (true) only when the allow-list is on and does not cover the email. */
  outside_allowlist?: true;
}

function checks(input: Input, snap: OrgInvitationSnapshot): PreCheck[] {
  return [
    preCheck(
      "not_a_member",
      snap.member_user_id === null,
      `${input.email} is not a member.`,
      `${input.email} is already a member (${snap.member_user_id}).`,
    ),
    {
      id: "pending_invitation",
      ok: snap.pending_invitation_id === null,
      message: snap.pending_invitation_id
        ? `${input.email} already has a pending invitation (${snap.pending_invitation_id}).`
        : `No pending invitation for ${input.email}.`,
    },
    roleCheck(input.role, snap.roles),
    seatCheck(snap),
    blocklistCheck(input.email, snap.blocked_by ?? null),
    ...(snap.outside_allowlist ? [allowlistWarning(input.email)] : []),
  ];
}

async function snapshot(input: Input, ctx: ActionContext): Promise<OrgInvitationSnapshot> {
  const { clerk } = ctx;
  const email = input.email.toLowerCase();
  const org = toOrganizationSummary(await getOrganizationWithCounts(clerk, input.organization_id));
  const [pending, members, roles, blocked, outside] = await Promise.all([
    clerk.organizations.getOrganizationInvitationList({
      organizationId: input.organization_id,
      status: ["pending"],
      limit: 500,
    }),
    clerk.organizations.getOrganizationMembershipList({
      organizationId: input.organization_id,
      emailAddress: [input.email],
      limit: 1,
    }),
    roleKeys(clerk),
    blockedBy(ctx, input.email),
    outsideAllowlist(ctx, input.email),
  ]);
  return {
    pending_invitation_id: pending.data.find((i) => i.emailAddress.toLowerCase() === email)?.id ?? null,
    member_user_id: members.data[0]?.publicUserData?.userId ?? null,
    roles,
    blocked_by: blocked,
    members_count: org.members_count ?? 0,
    pending_invitations_count: org.pending_invitations_count ?? 0,
    max_allowed_memberships: org.max_allowed_memberships,
    ...(outside ? { outside_allowlist: true as const } : {}),
  };
}

export const createOrganizationInvitation = defineAction({
  name: "createOrganizationInvitation",
  title: "Invite to organization",
  description:
    'Invite someone by email to join an organization with a role (e.g. "org:member"). Refused when they are a member, already invited, the role is unknown or the organization is full. Needs human approval.',
  kind: "write",
  input: createOrganizationInvitationInput,
  fieldAliases: { email_address: "email" },
  target: (input) => ({ type: "organization", id: input.organization_id }),
  snapshot,
  preview: (input) => ({ invitation: { email_address: input.email, role: input.role, status: "pending" } }),
  checks,
  applied: (_input, current) => current.pending_invitation_id !== null,
  boundState: withoutOrgCounters,
  undo: { reason: "Undo by revoking the invitation on the organization page." },
  run: async (input, ctx) => {
    const snap = await preWriteRead(() => snapshot(input, ctx), "createOrganizationInvitation.current");
    refuseFailedChecks(checks(input, snap), "The invitation cannot be sent:", "email");
    const inv = await orNotFound(
      ctx.clerk.organizations.createOrganizationInvitation({
        organizationId: input.organization_id,
        emailAddress: input.email,
        role: input.role,
        expiresInDays: input.expires_in_days,
        redirectUrl: input.redirect_url,
      }),
      "Organization",
      input.organization_id,
    );
    return toOrganizationInvitationSummary(inv);
  },
});
