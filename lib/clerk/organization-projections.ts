import type {
  ClerkClient,
  Organization,
  OrganizationInvitation,
  OrganizationMembership,
} from "@clerk/backend";
import { bothDirections } from "./order";
import { isNumber, rawField } from "./projections";

// The SDK does not export its Role class by name.
type Role = Awaited<ReturnType<ClerkClient["organizationRoles"]["getOrganizationRole"]>>;

export const ORGANIZATION_ORDER = bothDirections(["created_at", "name", "members_count"]);
export type OrganizationOrder = (typeof ORGANIZATION_ORDER)[number];

// The compact shapes every adapter returns (console, agent tools, MCP, REST), as the builders below make them.
export type OrganizationSummary = ReturnType<typeof toOrganizationSummary>;
export type OrganizationMemberSummary = ReturnType<typeof toOrganizationMemberSummary>;
export type UserOrganizationSummary = ReturnType<typeof toUserOrganizationSummary>;
export type OrganizationInvitationSummary = ReturnType<typeof toOrganizationInvitationSummary>;

const isBoolean = (v: unknown): v is boolean => typeof v === "boolean";

export function toOrganizationSummary(org: Organization) {
  // The SDK's class drops pending_invitations_count and the missing-admin flag; BAPI sends them.
  return {
    id: org.id,
    name: org.name,
    slug: org.slug,
    image_url: org.imageUrl,
    /** Present when the read asked Clerk for counts. */
    members_count: org.membersCount ?? null,
    pending_invitations_count: rawField(org.raw, "pending_invitations_count", isNumber),
    /** 0 means unlimited. */
    max_allowed_memberships: org.maxAllowedMemberships,
    /** True when no member holds a role that can manage members (no admin); null when not asked. */
    missing_admin: rawField(org.raw, "missing_member_with_elevated_permissions", isBoolean),
    created_by: org.createdBy ?? null,
    public_metadata: { ...(org.publicMetadata ?? {}) },
    /** Shown to admins; the agent layer redacts it before the model sees it. */
    private_metadata: { ...(org.privateMetadata ?? {}) },
    created_at: org.createdAt,
    updated_at: org.updatedAt,
  };
}

export function toOrganizationMemberSummary(m: OrganizationMembership) {
  const u = m.publicUserData;
  return {
    id: m.id,
    organization_id: m.organization.id,
    user_id: u?.userId ?? "",
    role: m.role,
    identifier: u?.identifier || null,
    first_name: u?.firstName ?? null,
    last_name: u?.lastName ?? null,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
  };
}

export function toUserOrganizationSummary(m: OrganizationMembership) {
  return {
    membership_id: m.id,
    organization_id: m.organization.id,
    organization_name: m.organization.name,
    organization_slug: m.organization.slug,
    role: m.role,
    created_at: m.createdAt,
  };
}

export function toOrganizationInvitationSummary(inv: OrganizationInvitation) {
  return {
    id: inv.id,
    organization_id: inv.organizationId,
    email_address: inv.emailAddress,
    role: inv.role,
    status: inv.status ?? "pending",
    expires_at: typeof inv.expiresAt === "number" ? inv.expiresAt : null,
    created_at: inv.createdAt,
    updated_at: inv.updatedAt,
  };
}

export function toOrganizationRoleSummary(role: Role) {
  return {
    id: role.id,
    key: role.key,
    name: role.name,
    description: role.description,
    permissions: role.permissions.map((p) => p.key),
    is_creator_eligible: role.isCreatorEligible,
  };
}
