import { clerkError } from "../http/errors";
import type { MembershipIndex } from "./organization-memberships";
import type { OrganizationMembershipRecord } from "./organization-types";
import type { SessionStore } from "./sessions";
import type { Clock, SessionRecord } from "./types";

/**
 * The active organization of sessions (FAPI setActive). A membership remembers when it was last made
 * active (BAPI create, setActive); a user's next session starts in the most recent one, like Clerk.
 */
export class ActiveOrganizations {
  constructor(
    private readonly memberships: MembershipIndex,
    private readonly sessions: SessionStore,
    private readonly clock: Clock,
    private readonly markDirty: () => void,
  ) {}

  /** The organization a new session of the user starts in, or null (personal account). */
  forUser(userId: string): string | null {
    let best: OrganizationMembershipRecord | undefined;
    for (const m of this.memberships.ofUser(userId).values()) {
      if (m.activated_at !== null && (!best || (best.activated_at ?? 0) < m.activated_at)) best = m;
    }
    return best?.organization_id ?? null;
  }

  /** null is the personal account; an organization the user is not in: Clerk's 404, nothing changed. */
  set(sessionId: string, orgId: string | null): void {
    const session = this.sessions.getSession(sessionId);
    if (!session) return;
    if (orgId !== null) {
      const m = this.memberships.get(orgId, session.user_id);
      if (!m) {
        throw clerkError(
          404,
          "organization_not_found_or_unauthorized",
          "not found or unauthorized",
          "Given organization not found, or you don't have permission to access the organization",
        );
      }
      this.memberships.put({ ...m, activated_at: this.clock.now() });
    }
    this.sessions.loadSession({ ...session, last_active_organization_id: orgId });
    this.markDirty();
  }

  onSessionCreated(created: SessionRecord): void {
    const orgId = this.forUser(created.user_id);
    const s = this.sessions.getSession(created.id);
    if (orgId && s) this.sessions.loadSession({ ...s, last_active_organization_id: orgId });
  }

  /** Sessions whose active organization matches lose it (membership or organization deleted). */
  clear(match: (orgId: string, userId: string) => boolean): void {
    for (const s of this.sessions.allSessions()) {
      const orgId = s.last_active_organization_id;
      if (orgId && match(orgId, s.user_id))
        this.sessions.loadSession({ ...s, last_active_organization_id: null });
    }
  }
}
