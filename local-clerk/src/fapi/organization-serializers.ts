import type { OrganizationDomain } from "../state/organization-domain";
import {
  type InvitationView,
  type MembershipView,
  type OrganizationCounts,
  organizationImageUrl,
  publicOrganizationData,
} from "../state/organization-serialize";
import type { OrganizationMembershipRecord, OrganizationRecord } from "../state/organization-types";
import { publicUserDataJson } from "./serializers";

/** FAPI OrganizationJSON: no private metadata, counts always present. */
export function fapiOrganizationJson(o: OrganizationRecord, counts: OrganizationCounts, baseUrl: string) {
  return {
    object: "organization" as const,
    id: o.id,
    name: o.name,
    slug: o.slug,
    image_url: organizationImageUrl(o, baseUrl),
    has_image: o.logo !== null,
    members_count: counts.members_count,
    pending_invitations_count: counts.pending_invitations_count,
    max_allowed_memberships: o.max_allowed_memberships,
    admin_delete_enabled: o.admin_delete_enabled,
    public_metadata: o.public_metadata,
    created_at: o.created_at,
    updated_at: o.updated_at,
  };
}

export function fapiMembershipJson(v: MembershipView, baseUrl: string) {
  const m = v.membership;
  return {
    object: "organization_membership" as const,
    id: m.id,
    organization: fapiOrganizationJson(v.organization, v.counts, baseUrl),
    permissions: v.permissions,
    public_metadata: m.public_metadata,
    ...(v.user ? { public_user_data: publicUserDataJson(v.user) } : {}),
    role: m.role,
    role_name: v.roleName,
    created_at: m.created_at,
    updated_at: m.updated_at,
  };
}

/** The memberships ClerkJS reads from `user.organization_memberships` (newest first). */
export function fapiUserMemberships(d: OrganizationDomain, userId: string, baseUrl: string) {
  return sortNewest([...d.memberships.ofUser(userId).values()]).map((m) =>
    fapiMembershipJson(d.membershipView(m), baseUrl),
  );
}

export function sortNewest(ms: OrganizationMembershipRecord[]): OrganizationMembershipRecord[] {
  return ms.sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? -1 : 1));
}

/** UserOrganizationInvitationJSON (`/me/organization_invitations`). */
export function userOrganizationInvitationJson(v: InvitationView, baseUrl: string) {
  const i = v.invitation;
  return {
    object: "organization_invitation" as const,
    id: i.id,
    email_address: i.email_address,
    public_organization_data: v.organization ? publicOrganizationData(v.organization, baseUrl) : null,
    public_metadata: i.public_metadata,
    status: i.status,
    role: i.role,
    role_name: v.roleName,
    created_at: i.created_at,
    updated_at: i.updated_at,
  };
}

/**
 * Clerk's v2 organization claims for a member: `o: {id, slg, rol, per, fpm}` plus `fea`. Only
 * custom permissions travel (System Permissions never do): `fea` lists their features as `o:<feature>`,
 * `per` their actions, and each `fpm` entry is the bitmask of `per` (first action = lowest bit)
 * a feature has.
 */
export function organizationClaims(
  d: OrganizationDomain,
  userId: string,
  orgId: string,
): { o: Record<string, string>; fea?: string } | undefined {
  const m = d.memberships.get(orgId, userId);
  const org = d.orgs.get(orgId);
  if (!m || !org) return undefined;
  const keys = d.roles.permissionKeys(m.role).filter((k) => !k.startsWith("org:sys_"));
  const o: Record<string, string> = { id: org.id, rol: m.role.replace(/^org:/, ""), slg: org.slug };
  if (keys.length === 0) return { o };
  const pairs = keys.map((k) => k.split(":").slice(1) as [string, string]);
  const features = [...new Set(pairs.map(([f]) => f))];
  const actions = [...new Set(pairs.map(([, a]) => a))];
  const fpm = features.map((f) =>
    actions
      .reduce(
        (mask, a, i) => (pairs.some(([pf, pa]) => pf === f && pa === a) ? mask | (1n << BigInt(i)) : mask),
        0n,
      )
      .toString(),
  );
  return {
    o: { ...o, per: actions.join(","), fpm: fpm.join(",") },
    fea: features.map((f) => `o:${f}`).join(","),
  };
}

/** FAPI OrganizationInvitationJSON (an organization's own invitation list). */
export function fapiOrgInvitationJson(v: InvitationView) {
  const i = v.invitation;
  return {
    object: "organization_invitation" as const,
    id: i.id,
    email_address: i.email_address,
    organization_id: i.organization_id,
    public_metadata: i.public_metadata,
    status: i.status,
    role: i.role,
    role_name: v.roleName,
    created_at: i.created_at,
    updated_at: i.updated_at,
  };
}
