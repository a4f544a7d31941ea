import type { OrganizationMembershipRecord } from "./organization-types";

const EMPTY: ReadonlyMap<string, OrganizationMembershipRecord> = new Map();

/**
 * Memberships indexed both ways, so members_count, a user's organizations and the
 * `organization_id` filter on `GET /v1/users` are map lookups even at 100,000 users.
 */
export class MembershipIndex {
  private readonly byOrg = new Map<string, Map<string, OrganizationMembershipRecord>>();
  private readonly byUser = new Map<string, Map<string, OrganizationMembershipRecord>>();
  private total = 0;

  get size(): number {
    return this.total;
  }

  *all(): IterableIterator<OrganizationMembershipRecord> {
    for (const m of this.byOrg.values()) yield* m.values();
  }

  get(orgId: string, userId: string): OrganizationMembershipRecord | undefined {
    return this.byOrg.get(orgId)?.get(userId);
  }

  /** Members of an organization keyed by user id (live view; do not mutate). */
  ofOrganization(orgId: string): ReadonlyMap<string, OrganizationMembershipRecord> {
    return this.byOrg.get(orgId) ?? EMPTY;
  }

  /** A user's memberships keyed by organization id (live view; do not mutate). */
  ofUser(userId: string): ReadonlyMap<string, OrganizationMembershipRecord> {
    return this.byUser.get(userId) ?? EMPTY;
  }

  count(orgId: string): number {
    return this.byOrg.get(orgId)?.size ?? 0;
  }

  /** Inserts or replaces (same organization and user). */
  put(m: OrganizationMembershipRecord): void {
    let org = this.byOrg.get(m.organization_id);
    if (!org) {
      org = new Map();
      this.byOrg.set(m.organization_id, org);
    }
    if (!org.has(m.user_id)) this.total++;
    org.set(m.user_id, m);
    let user = this.byUser.get(m.user_id);
    if (!user) {
      user = new Map();
      this.byUser.set(m.user_id, user);
    }
    user.set(m.organization_id, m);
  }

  remove(orgId: string, userId: string): OrganizationMembershipRecord | undefined {
    const m = this.byOrg.get(orgId)?.get(userId);
    if (!m) return undefined;
    this.byOrg.get(orgId)?.delete(userId);
    if (this.byOrg.get(orgId)?.size === 0) this.byOrg.delete(orgId);
    this.byUser.get(userId)?.delete(orgId);
    if (this.byUser.get(userId)?.size === 0) this.byUser.delete(userId);
    this.total--;
    return m;
  }

  /** Ids of users who belong to any of `orgIds`. */
  memberIds(orgIds: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const orgId of orgIds) for (const userId of this.ofOrganization(orgId).keys()) out.add(userId);
    return out;
  }
}
