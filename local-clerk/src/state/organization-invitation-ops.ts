import { clerkError, invalidParam } from "../http/errors";
import { newId } from "./ids";
import { assertMetadataSize } from "./metadata";
import type { OrganizationDomain } from "./organization-domain";
import { organizationInvitationJson, publicOrganizationData } from "./organization-serialize";
import type { OrganizationInvitationRecord, OrganizationRecord } from "./organization-types";
import type { Metadata } from "./types";
import { assertEmail } from "./user-validation";

const DAY_MS = 24 * 60 * 60 * 1000;
const MANAGE = "org:sys_memberships:manage";

export interface OrgInvitationInput {
  emailAddress: string;
  role: string;
  inviterUserId?: string | null;
  publicMetadata?: Metadata | null;
  privateMetadata?: Metadata | null;
  redirectUrl?: string | null;
  expiresInDays?: number | null;
  createdAt?: number;
}

type Opts = { silent?: boolean; rand?: () => number };

/** Who may invite or revoke: an existing member with Clerk's "Manage members" permission. */
export function assertAdmin(
  d: OrganizationDomain,
  org: OrganizationRecord,
  userId: string,
  param: string,
): void {
  if (!d.users.get(userId)) {
    throw clerkError(404, "resource_not_found", "not found", `No user was found with id ${userId}.`, {
      param_name: param,
    });
  }
  const m = d.memberships.get(org.id, userId);
  if (!m) {
    throw clerkError(
      403,
      "not_a_member_in_organization",
      "not a member",
      "Current user is not a member of the organization. Only organization members can perform this action.",
      { param_name: param },
    );
  }
  if (!d.roles.hasPermission(m.role, MANAGE)) {
    throw clerkError(
      403,
      "missing_organization_permission",
      "missing permission",
      "Current user is missing an organization permission.",
      { param_name: param },
    );
  }
}

/** Checks Clerk's refusals for one invitation without writing anything. */
function validate(d: OrganizationDomain, org: OrganizationRecord, input: OrgInvitationInput): void {
  assertEmail("email_address", input.emailAddress);
  d.roles.requireRoleKey(input.role);
  if (input.inviterUserId) assertAdmin(d, org, input.inviterUserId, "inviter_user_id");
  for (const [k, v] of [
    ["public_metadata", input.publicMetadata],
    ["private_metadata", input.privateMetadata],
  ] as const) {
    if (v) assertMetadataSize(k, v);
  }
  const user = d.users.findByEmail(input.emailAddress);
  if (user && d.memberships.get(org.id, user.id)) {
    throw clerkError(
      400,
      "already_a_member_in_organization",
      "already a member",
      `${input.emailAddress} is already a member of the organization.`,
      { param_name: "email_address" },
    );
  }
  if (d.invitations.pendingFor(org.id, input.emailAddress)) throw notUnique();
}

const notUnique = () =>
  clerkError(
    400,
    "organization_invitation_not_unique",
    "organization invitation not unique",
    "Organizations cannot have duplicate pending invitations for an email address.",
    { param_name: "email_address" },
  );

/** Creates every invitation or none: all are validated (quota included) before the first write. */
export function createOrgInvitations(
  d: OrganizationDomain,
  orgIdOrSlug: string,
  inputs: OrgInvitationInput[],
  opts: Opts = {},
): OrganizationInvitationRecord[] {
  const org = d.orgs.require(orgIdOrSlug);
  const seen = new Set<string>();
  for (const input of inputs) {
    validate(d, org, input);
    const lower = input.emailAddress.trim().toLowerCase();
    if (seen.has(lower)) throw notUnique();
    seen.add(lower);
  }
  d.assertSeat(org, inputs.length);
  return inputs.map((input) => {
    const now = input.createdAt ?? d.clock.now();
    const inv: OrganizationInvitationRecord = {
      id: newId("orginv", opts.rand),
      organization_id: org.id,
      email_address: input.emailAddress.trim(),
      role: input.role,
      inviter_id: input.inviterUserId ?? null,
      public_metadata: input.publicMetadata ?? {},
      private_metadata: input.privateMetadata ?? {},
      redirect_url: input.redirectUrl ?? null,
      status: "pending",
      user_id: null,
      expires_at: now + (input.expiresInDays ?? 30) * DAY_MS,
      created_at: now,
      updated_at: now,
    };
    d.invitations.put(inv);
    if (!opts.silent) emitInvitation(d, "organizationInvitation.created", inv);
    return inv;
  });
}

export function requireOrgInvitation(
  d: OrganizationDomain,
  orgIdOrSlug: string,
  invitationId: string,
): OrganizationInvitationRecord {
  const org = d.orgs.require(orgIdOrSlug);
  const inv = d.invitations.get(invitationId);
  if (!inv || inv.organization_id !== org.id) {
    throw clerkError(
      404,
      "resource_not_found",
      "not found",
      `No invitation was found with id ${invitationId}.`,
    );
  }
  return inv;
}

export function revokeOrgInvitation(
  d: OrganizationDomain,
  orgIdOrSlug: string,
  invitationId: string,
  requestingUserId?: string | null,
): OrganizationInvitationRecord {
  const inv = requireOrgInvitation(d, orgIdOrSlug, invitationId);
  if (requestingUserId) {
    assertAdmin(d, d.orgs.require(inv.organization_id), requestingUserId, "requesting_user_id");
  }
  assertPending(inv);
  const next: OrganizationInvitationRecord = { ...inv, status: "revoked", updated_at: d.clock.now() };
  d.invitations.put(next);
  emitInvitation(d, "organizationInvitation.revoked", next);
  return next;
}

/** The invitee joins with the invitation's role and metadata (FAPI accept, or a ticket sign-up). */
export function acceptOrgInvitation(
  d: OrganizationDomain,
  invitationId: string,
  userId: string,
): OrganizationInvitationRecord {
  const inv = d.invitations.get(invitationId);
  if (!inv) {
    throw clerkError(
      404,
      "organization_invitation_not_found",
      "not found",
      `No invitation found with id ${invitationId}.`,
    );
  }
  assertPending(inv);
  const user = d.users.require(userId);
  if (!user.emails.some((e) => e.email_address.toLowerCase() === inv.email_address.toLowerCase())) {
    throw invalidParam("invitation_id", "This invitation was sent to another email address.");
  }
  const org = d.orgs.require(inv.organization_id);
  // The pending invitation already holds a seat, so it is released before the member takes it.
  d.invitations.put({ ...inv, status: "accepted" });
  try {
    d.createMembership(org.id, {
      userId,
      role: inv.role,
      publicMetadata: inv.public_metadata,
      privateMetadata: inv.private_metadata,
    });
  } catch (err) {
    d.invitations.put(inv);
    throw err;
  }
  const next: OrganizationInvitationRecord = {
    ...inv,
    status: "accepted",
    user_id: userId,
    updated_at: d.clock.now(),
  };
  d.invitations.put(next);
  // Clerk's webhooks spec (OrganizationInvitationAcceptedPayload) adds the user and a nested `data`.
  d.emit("organizationInvitation.accepted", (baseUrl) => ({
    ...organizationInvitationJson(d.invitationView(next), baseUrl),
    user_id: userId,
    data: { public_organization_data: publicOrganizationData(org, baseUrl) },
  }));
  return next;
}

function assertPending(inv: OrganizationInvitationRecord): void {
  if (inv.status === "revoked") {
    throw clerkError(
      400,
      "organization_invitation_revoked_code",
      "invitation has been revoked",
      "This invitation has been revoked and cannot be used anymore.",
    );
  }
  if (inv.status === "accepted") {
    throw clerkError(
      400,
      "organization_invitation_already_accepted",
      "invitation has already been accepted",
      "This invitation has already been accepted. Sign in instead.",
    );
  }
  if (inv.status !== "pending") {
    throw clerkError(
      404,
      "organization_invitation_not_pending",
      "not pending",
      "The organization invitation is not in the 'pending' status.",
    );
  }
}

function emitInvitation(
  d: OrganizationDomain,
  type: "organizationInvitation.created" | "organizationInvitation.revoked",
  inv: OrganizationInvitationRecord,
): void {
  d.emit(type, (baseUrl) => organizationInvitationJson(d.invitationView(inv), baseUrl));
}
