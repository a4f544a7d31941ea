import { clerkError } from "../http/errors";
import { newId } from "./ids";
import { assertMetadataSize, deepMerge } from "./metadata";
import { ActiveOrganizations } from "./organization-active";
import { OrgInvitationIndex } from "./organization-invitations";
import { MembershipIndex } from "./organization-memberships";
import {
  type InvitationView,
  type MembershipView,
  membershipJson,
  type OrganizationCounts,
  organizationDeletedJson,
  organizationJson,
} from "./organization-serialize";
import type {
  OrganizationEvent,
  OrganizationEventType,
  OrganizationInvitationRecord,
  OrganizationMembershipRecord,
  OrganizationRecord,
  OrganizationSnapshot,
} from "./organization-types";
import { type CreateOrganizationInput, OrganizationStore } from "./organizations";
import { ADMIN_ROLE, RoleStore } from "./roles";
import type { SessionStore } from "./sessions";
import type { Clock, Metadata, StateEvent } from "./types";
import type { UserStore } from "./users";

export interface MembershipInput {
  userId: string;
  role: string;
  publicMetadata?: Metadata | null;
  privateMetadata?: Metadata | null;
  createdAt?: number;
  activate?: boolean;
}

type Opts = { silent?: boolean; rand?: () => number };

const membershipNotFound = () =>
  clerkError(404, "resource_not_found", "not found", "No organization membership was found for this user.");

/**
 * Organizations, memberships, organization invitations and roles: the cross-cutting rules
 * (quota, creator membership, cascades on delete, active organization of sessions) live here.
 */
export class OrganizationDomain {
  readonly orgs: OrganizationStore;
  readonly memberships = new MembershipIndex();
  readonly invitations: OrgInvitationIndex;
  readonly roles: RoleStore;
  readonly active: ActiveOrganizations;

  constructor(
    readonly clock: Clock,
    private readonly emitState: (e: StateEvent) => void,
    readonly users: UserStore,
    readonly sessions: SessionStore,
    markDirty: () => void = () => {},
  ) {
    this.orgs = new OrganizationStore(clock);
    this.invitations = new OrgInvitationIndex(clock);
    this.roles = new RoleStore(clock, (e) => this.emitState(e));
    this.roles.ensureDefaults();
    this.active = new ActiveOrganizations(this.memberships, sessions, clock, markDirty);
  }

  emit(type: OrganizationEventType, payload: OrganizationEvent["payload"]): void {
    this.emitState({ type, payload });
  }

  counts(orgId: string): OrganizationCounts {
    return {
      members_count: this.memberships.count(orgId),
      pending_invitations_count: this.invitations.pendingCount(orgId),
    };
  }

  /** Clerk's `missing_member_with_elevated_permissions`: nobody left who can manage members. */
  missingElevatedMember(orgId: string): boolean {
    for (const m of this.memberships.ofOrganization(orgId).values()) {
      if (this.roles.hasPermission(m.role, "org:sys_memberships:manage")) return false;
    }
    return true;
  }

  membershipView(m: OrganizationMembershipRecord): MembershipView {
    const organization = this.orgs.get(m.organization_id) as OrganizationRecord;
    return {
      membership: m,
      organization,
      counts: this.counts(m.organization_id),
      user: this.users.get(m.user_id),
      roleName: this.roles.roleName(m.role),
      permissions: this.roles.permissionKeys(m.role),
    };
  }

  invitationView(i: OrganizationInvitationRecord): InvitationView {
    return {
      invitation: i,
      roleName: this.roles.roleName(i.role),
      inviter: i.inviter_id ? this.users.get(i.inviter_id) : undefined,
      organization: this.orgs.get(i.organization_id),
    };
  }

  createOrganization(input: CreateOrganizationInput, opts: Opts = {}): OrganizationRecord {
    if (input.createdBy && !this.users.get(input.createdBy)) {
      throw clerkError(
        400,
        "organization_creator_not_found",
        "creator not found",
        `No users found with id ${input.createdBy}.`,
        {
          param_name: "created_by",
        },
      );
    }
    const org = this.orgs.build(input, opts.rand);
    this.orgs.load(org);
    // Like Clerk, the creator is already a member when organization.created goes out.
    const creator = input.createdBy
      ? this.addMembership(
          org,
          { userId: input.createdBy, role: ADMIN_ROLE, activate: !opts.silent },
          {
            ...opts,
            silent: true,
          },
        )
      : undefined;
    if (!opts.silent) {
      this.emitOrganization("organization.created", org);
      if (creator) this.emitMembership("organizationMembership.created", creator);
    }
    return org;
  }

  emitOrganization(type: "organization.created" | "organization.updated", org: OrganizationRecord): void {
    this.emit(type, (baseUrl) => ({
      ...organizationJson(org, baseUrl, this.counts(org.id)),
      missing_member_with_elevated_permissions: this.missingElevatedMember(org.id),
    }));
  }

  /** Deletes memberships and invitations with it, and clears it as any session's active organization. */
  deleteOrganization(idOrSlug: string): OrganizationRecord {
    const org = this.orgs.require(idOrSlug);
    for (const userId of [...this.memberships.ofOrganization(org.id).keys()]) {
      this.memberships.remove(org.id, userId);
    }
    this.invitations.removeOrganization(org.id);
    this.orgs.remove(org.id);
    this.active.clear((orgId) => orgId === org.id);
    this.emit("organization.deleted", () => organizationDeletedJson(org));
    return org;
  }

  createMembership(
    orgIdOrSlug: string,
    input: MembershipInput,
    opts: Opts = {},
  ): OrganizationMembershipRecord {
    const org = this.orgs.require(orgIdOrSlug);
    return this.addMembership(org, { activate: true, ...input }, opts);
  }

  /** Throws Clerk's 403 when one more member (or invitation) would exceed max_allowed_memberships. */
  assertSeat(org: OrganizationRecord, extra = 1): void {
    const max = org.max_allowed_memberships;
    if (max > 0 && this.memberships.count(org.id) + this.invitations.pendingCount(org.id) + extra > max) {
      throw clerkError(
        403,
        "organization_membership_quota_exceeded",
        "organization membership quota exceeded",
        `You have reached your limit of ${max} organization memberships, including outstanding invitations.`,
      );
    }
  }

  private addMembership(
    org: OrganizationRecord,
    input: MembershipInput,
    opts: Opts,
  ): OrganizationMembershipRecord {
    const user = this.users.require(input.userId);
    if (this.memberships.get(org.id, user.id)) {
      throw clerkError(
        400,
        "already_a_member_in_organization",
        "already a member",
        `${user.id} is already a member of the organization.`,
      );
    }
    this.roles.requireRoleKey(input.role);
    this.assertSeat(org);
    for (const [k, v] of [
      ["public_metadata", input.publicMetadata],
      ["private_metadata", input.privateMetadata],
    ] as const) {
      if (v) assertMetadataSize(k, v);
    }
    const now = input.createdAt ?? this.clock.now();
    const m: OrganizationMembershipRecord = {
      id: newId("orgmem", opts.rand),
      organization_id: org.id,
      user_id: user.id,
      role: input.role,
      public_metadata: input.publicMetadata ?? {},
      private_metadata: input.privateMetadata ?? {},
      activated_at: input.activate ? now : null,
      created_at: now,
      updated_at: now,
    };
    this.memberships.put(m);
    if (!opts.silent) this.emitMembership("organizationMembership.created", m);
    return m;
  }

  requireMembership(orgIdOrSlug: string, userId: string): OrganizationMembershipRecord {
    const org = this.orgs.require(orgIdOrSlug);
    const m = this.memberships.get(org.id, userId);
    if (!m) throw membershipNotFound();
    return m;
  }

  updateMembershipRole(orgIdOrSlug: string, userId: string, role: string): OrganizationMembershipRecord {
    const current = this.requireMembership(orgIdOrSlug, userId);
    this.roles.requireRoleKey(role);
    const manage = "org:sys_memberships:manage";
    if (this.roles.hasPermission(current.role, manage) && !this.roles.hasPermission(role, manage)) {
      const others = [...this.memberships.ofOrganization(current.organization_id).values()].filter(
        (m) => m.user_id !== userId && this.roles.hasPermission(m.role, manage),
      );
      if (others.length === 0) {
        throw clerkError(
          400,
          "organization_minimum_permissions_needed",
          "minimum organization permissions needed",
          "There has to be at least one organization member with the minimum required permissions",
        );
      }
    }
    return this.replaceMembership({ ...current, role, updated_at: this.clock.now() });
  }

  mergeMembershipMetadata(
    orgIdOrSlug: string,
    userId: string,
    patch: { publicMetadata?: Metadata; privateMetadata?: Metadata },
  ): OrganizationMembershipRecord {
    const current = this.requireMembership(orgIdOrSlug, userId);
    const next = { ...current, updated_at: this.clock.now() };
    for (const [k, v] of [
      ["public_metadata", patch.publicMetadata],
      ["private_metadata", patch.privateMetadata],
    ] as const) {
      if (v === undefined) continue;
      const merged = deepMerge(current[k], v);
      assertMetadataSize(k, merged);
      next[k] = merged;
    }
    return this.replaceMembership(next);
  }

  deleteMembership(orgIdOrSlug: string, userId: string): OrganizationMembershipRecord {
    const m = this.requireMembership(orgIdOrSlug, userId);
    const view = this.membershipView(m);
    this.memberships.remove(m.organization_id, userId);
    this.active.clear((orgId, uid) => orgId === m.organization_id && uid === userId);
    this.emit("organizationMembership.deleted", (baseUrl) =>
      membershipJson({ ...view, counts: this.counts(m.organization_id) }, baseUrl),
    );
    return m;
  }

  /** A deleted user leaves every organization; a new session starts in the user's last active one. */
  onStateEvent(e: StateEvent): void {
    if (e.type === "user.deleted") {
      for (const orgId of [...this.memberships.ofUser(e.user.id).keys()])
        this.deleteMembership(orgId, e.user.id);
    } else if (e.type === "session.created") {
      this.active.onSessionCreated(e.session);
    }
  }

  snapshot(): Required<OrganizationSnapshot> {
    return {
      organizations: [...this.orgs.all()],
      organization_memberships: [...this.memberships.all()],
      organization_invitations: [...this.invitations.all()],
      organization_roles: [...this.roles.roles.values()],
      organization_permissions: [...this.roles.permissions.values()],
    };
  }

  restore(s: OrganizationSnapshot): void {
    for (const p of s.organization_permissions ?? []) this.roles.loadPermission(p);
    for (const r of s.organization_roles ?? []) this.roles.loadRole(r);
    this.roles.ensureDefaults();
    for (const o of s.organizations ?? []) this.orgs.load(o);
    for (const m of s.organization_memberships ?? []) this.memberships.put(m);
    for (const i of s.organization_invitations ?? []) this.invitations.put(i);
  }

  private replaceMembership(next: OrganizationMembershipRecord): OrganizationMembershipRecord {
    this.memberships.put(next);
    this.emitMembership("organizationMembership.updated", next);
    return next;
  }

  private emitMembership(type: OrganizationEventType, m: OrganizationMembershipRecord): void {
    this.emit(type, (baseUrl) => membershipJson(this.membershipView(m), baseUrl));
  }
}
