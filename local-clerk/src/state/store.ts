import { EventEmitter } from "node:events";
import { AccessListStore } from "./access-lists";
import { AdminDomain } from "./admin-domain";
import { InvitationStore } from "./invitations";
import { OrganizationDomain } from "./organization-domain";
import { SessionStore } from "./sessions";
import { TicketStore } from "./sign-in-tickets";
import type {
  ClientRecord,
  Clock,
  SessionActivityRecord,
  SessionRecord,
  StateEvent,
  StateSnapshot,
  UserRecord,
} from "./types";
import { UserStore } from "./users";

/** Adjustable clock: tests and the control API can shift time to expire sessions and invitations. */
export class OffsetClock implements Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
}

/**
 * All of Local Clerk's data. Every mutation emits a StateEvent on `events` ("change"), which
 * drives webhooks and persistence; FAPI can subscribe too.
 */
export class State {
  readonly events = new EventEmitter();
  readonly clock = new OffsetClock();
  readonly users: UserStore;
  readonly invitations: InvitationStore;
  readonly sessions: SessionStore;
  readonly organizations: OrganizationDomain;
  readonly access: AccessListStore;
  readonly tickets: TicketStore;
  readonly admin: AdminDomain;
  /** Bumped on every write, including silent ones, so persistence knows when to flush. */
  revision = 0;

  constructor() {
    const emit = (e: StateEvent) => {
      this.revision++;
      this.events.emit("change", e);
    };
    this.users = new UserStore(this.clock, emit);
    this.invitations = new InvitationStore(this.clock, emit, this.users);
    this.sessions = new SessionStore(this.clock, emit, this.users);
    this.organizations = new OrganizationDomain(this.clock, emit, this.users, this.sessions, () =>
      this.touch(),
    );
    this.access = new AccessListStore(this.clock, () => this.touch());
    this.tickets = new TicketStore(this.clock, () => this.touch());
    this.admin = new AdminDomain(this.clock, emit, () => this.touch(), this.users, this.invitations);
    this.onChange((e) => this.organizations.onStateEvent(e));
    this.events.setMaxListeners(50);
  }

  onChange(listener: (e: StateEvent) => void): () => void {
    this.events.on("change", listener);
    return () => this.events.off("change", listener);
  }

  /** Marks state dirty after writes that emit no event (client updates, seed). */
  touch(): void {
    this.revision++;
    this.events.emit("dirty");
  }

  // Convenience API for FAPI.
  findUserByEmail(email: string): UserRecord | undefined {
    return this.users.findByEmail(email);
  }
  verifyPassword(userId: string, password: string): boolean {
    return this.users.verifyPassword(userId, password);
  }
  createClient(): ClientRecord {
    const c = this.sessions.createClient();
    this.touch();
    return c;
  }
  createSession(userId: string, clientId: string, activity?: SessionActivityRecord): SessionRecord {
    return this.sessions.createSession(userId, clientId, activity ? { activity } : {});
  }
  revokeSession(id: string): SessionRecord {
    return this.sessions.revokeSession(id);
  }
  isSessionActive(id: string): boolean {
    return this.sessions.isSessionActive(id);
  }

  snapshot(): StateSnapshot {
    return {
      version: 1,
      users: [...this.users.all()],
      invitations: [...this.invitations.all()],
      clients: [...this.sessions.allClients()],
      sessions: [...this.sessions.allSessions()],
      ...this.organizations.snapshot(),
      ...this.access.snapshot(),
      ...this.tickets.snapshot(),
      ...this.admin.snapshot(),
    };
  }

  restore(s: StateSnapshot): void {
    for (const u of s.users) this.users.load(u);
    for (const i of s.invitations) this.invitations.load(i);
    for (const c of s.clients) this.sessions.loadClient(c);
    for (const x of s.sessions) this.sessions.loadSession(x);
    this.organizations.restore(s);
    this.access.restore(s);
    this.tickets.restore(s);
    this.admin.restore(s);
  }
}
