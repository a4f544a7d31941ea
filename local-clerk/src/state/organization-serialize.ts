import type {
  OrganizationInvitationRecord,
  OrganizationMembershipRecord,
  OrganizationRecord,
  PermissionRecord,
  RoleRecord,
} from "./organization-types";
import type { UserRecord } from "./types";

export interface OrganizationCounts {
  members_count: number;
  pending_invitations_count: number;
}

/** Served by Local Clerk itself (`GET /__local_clerk/images/organizations/{id}`), so it works offline. */
export function organizationImageUrl(o: OrganizationRecord, baseUrl: string): string {
  return o.logo ? `${baseUrl}/__local_clerk/images/organizations/${o.id}?v=${o.updated_at}` : "";
}

/** BAPI Organization (spec `Organization`); counts only when asked for (`include_members_count`). */
export function organizationJson(o: OrganizationRecord, baseUrl: string, counts?: OrganizationCounts) {
  return {
    object: "organization" as const,
    id: o.id,
    name: o.name,
    slug: o.slug,
    image_url: organizationImageUrl(o, baseUrl),
    has_image: o.logo !== null,
    ...(counts ? { members_count: counts.members_count } : {}),
    ...(counts ? { pending_invitations_count: counts.pending_invitations_count } : {}),
    max_allowed_memberships: o.max_allowed_memberships,
    admin_delete_enabled: o.admin_delete_enabled,
    public_metadata: o.public_metadata,
    private_metadata: o.private_metadata,
    ...(o.created_by ? { created_by: o.created_by } : {}),
    created_at: o.created_at,
    updated_at: o.updated_at,
    role_set_key: null,
  };
}

export function organizationDeletedJson(o: OrganizationRecord) {
  return { object: "organization", id: o.id, slug: o.slug, deleted: true };
}

function identifier(u: UserRecord): string {
  const primary = u.emails.find((e) => e.id === u.primary_email_address_id) ?? u.emails[0];
  return primary?.email_address ?? u.username ?? "";
}

export function membershipPublicUserData(u: UserRecord) {
  return {
    user_id: u.id,
    first_name: u.first_name,
    last_name: u.last_name,
    profile_image_url: "",
    image_url: "",
    has_image: false,
    identifier: identifier(u),
    username: u.username,
    banned: u.banned,
  };
}

export interface MembershipView {
  membership: OrganizationMembershipRecord;
  organization: OrganizationRecord;
  counts: OrganizationCounts;
  user: UserRecord | undefined;
  roleName: string;
  permissions: string[];
}

/** BAPI OrganizationMembership; the nested organization carries its counts, like Clerk's. */
export function membershipJson(v: MembershipView, baseUrl: string) {
  const m = v.membership;
  return {
    object: "organization_membership" as const,
    id: m.id,
    role: m.role,
    role_name: v.roleName,
    permissions: v.permissions,
    public_metadata: m.public_metadata,
    private_metadata: m.private_metadata,
    organization: organizationJson(v.organization, baseUrl, v.counts),
    ...(v.user ? { public_user_data: membershipPublicUserData(v.user) } : {}),
    created_at: m.created_at,
    updated_at: m.updated_at,
  };
}

export interface InvitationView {
  invitation: OrganizationInvitationRecord;
  roleName: string;
  inviter: UserRecord | undefined;
  organization: OrganizationRecord | undefined;
}

export function organizationInvitationUrl(i: OrganizationInvitationRecord, baseUrl: string): string {
  const redirect = i.redirect_url ? `&redirect_url=${encodeURIComponent(i.redirect_url)}` : "";
  return `${baseUrl}/v1/tickets/accept?ticket=${encodeURIComponent(i.id)}${redirect}`;
}

/** BAPI OrganizationInvitation; `withOrganization` adds `public_organization_data` (instance and user lists). */
export function organizationInvitationJson(v: InvitationView, baseUrl: string, withOrganization = false) {
  const i = v.invitation;
  const o = v.organization;
  return {
    object: "organization_invitation" as const,
    id: i.id,
    email_address: i.email_address,
    role: i.role,
    role_name: v.roleName,
    organization_id: i.organization_id,
    inviter_id: i.inviter_id,
    public_inviter_data: v.inviter
      ? {
          user_id: v.inviter.id,
          first_name: v.inviter.first_name,
          last_name: v.inviter.last_name,
          image_url: "",
          has_image: false,
          identifier: identifier(v.inviter),
        }
      : null,
    status: i.status,
    public_metadata: i.public_metadata,
    private_metadata: i.private_metadata,
    url: organizationInvitationUrl(i, baseUrl),
    expires_at: i.expires_at,
    created_at: i.created_at,
    updated_at: i.updated_at,
    ...(withOrganization && o ? { public_organization_data: publicOrganizationData(o, baseUrl) } : {}),
  };
}

export function publicOrganizationData(o: OrganizationRecord, baseUrl: string) {
  return {
    id: o.id,
    name: o.name,
    slug: o.slug,
    image_url: organizationImageUrl(o, baseUrl),
    has_image: o.logo !== null,
  };
}

export function permissionJson(p: PermissionRecord) {
  return {
    object: "permission" as const,
    id: p.id,
    name: p.name,
    key: p.key,
    description: p.description,
    type: p.type,
    created_at: p.created_at,
    updated_at: p.updated_at,
  };
}

export function roleJson(r: RoleRecord, permissions: ReadonlyMap<string, PermissionRecord>) {
  return {
    object: "role" as const,
    id: r.id,
    name: r.name,
    key: r.key,
    description: r.description,
    is_creator_eligible: r.is_creator_eligible,
    permissions: r.permission_ids
      .map((id) => permissions.get(id))
      .filter((p): p is PermissionRecord => !!p)
      .map(permissionJson),
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}
