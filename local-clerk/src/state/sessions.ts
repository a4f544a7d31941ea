import { clerkError, notFound } from "../http/errors";
import { newId } from "./ids";
import { syntheticActivity } from "./session-activity";
import type {
  ClientRecord,
  Clock,
  Metadata,
  SessionActivityRecord,
  SessionRecord,
  SessionStatus,
  StateEvent,
} from "./types";
import type { UserStore } from "./users";

const DAY_MS = 24 * 60 * 60 * 1000;
const SESSION_LIFETIME_MS = 7 * DAY_MS;
const ABANDON_MS = 30 * DAY_MS;

export interface SessionFilter {
  userId?: string;
  clientId?: string;
  status?: SessionStatus;
}

export class SessionStore {
  private readonly clients = new Map<string, ClientRecord>();
  private readonly sessions = new Map<string, SessionRecord>();

  constructor(
    private readonly clock: Clock,
    private readonly emit: (e: StateEvent) => void,
    private readonly users: UserStore,
  ) {}

  allClients(): IterableIterator<ClientRecord> {
    return this.clients.values();
  }
  allSessions(): IterableIterator<SessionRecord> {
    return this.sessions.values();
  }
  loadClient(c: ClientRecord): void {
    this.clients.set(c.id, c);
  }
  loadSession(s: SessionRecord): void {
    this.sessions.set(s.id, s);
  }

  createClient(rand?: () => number): ClientRecord {
    const now = this.clock.now();
    const client: ClientRecord = {
      id: newId("client", rand),
      session_ids: [],
      last_active_session_id: null,
      sign_in_id: null,
      sign_up_id: null,
      created_at: now,
      updated_at: now,
    };
    this.clients.set(client.id, client);
    return client;
  }

  getClient(id: string): ClientRecord | undefined {
    return this.clients.get(id);
  }

  updateClient(id: string, patch: Partial<Omit<ClientRecord, "id" | "created_at">>): ClientRecord {
    const current = this.clients.get(id);
    if (!current) throw notFound("client");
    const next = { ...current, ...patch, updated_at: this.clock.now() };
    this.clients.set(id, next);
    return next;
  }

  /** Creates an active session, records the sign-in on the user and emits session.created. */
  createSession(
    userId: string,
    clientId: string,
    opts: {
      silent?: boolean;
      at?: number;
      rand?: () => number;
      actor?: Metadata | null;
      /** Actor-token sessions are shorter than the default lifetime. */
      lifetimeMs?: number;
      /** Where the sign-in came from; without it, a plausible one derived from the client id. */
      activity?: SessionActivityRecord;
    } = {},
  ): SessionRecord {
    const user = this.users.require(userId);
    const client = this.clients.get(clientId);
    if (!client) throw notFound("client");
    const now = opts.at ?? this.clock.now();
    const session: SessionRecord = {
      id: newId("sess", opts.rand),
      client_id: clientId,
      user_id: user.id,
      status: "active",
      last_active_at: now,
      expire_at: now + (opts.lifetimeMs ?? SESSION_LIFETIME_MS),
      abandon_at: now + ABANDON_MS,
      created_at: now,
      updated_at: now,
      ...(opts.actor ? { actor: opts.actor } : {}),
      activity: opts.activity ?? syntheticActivity(clientId),
    };
    this.sessions.set(session.id, session);
    this.clients.set(clientId, {
      ...client,
      session_ids: [...client.session_ids, session.id],
      last_active_session_id: session.id,
      updated_at: now,
    });
    if (!opts.silent) {
      this.users.recordSignIn(user.id);
      this.emit({ type: "session.created", session });
    }
    return session;
  }

  getSession(id: string): SessionRecord | undefined {
    const s = this.sessions.get(id);
    return s ? this.withExpiry(s) : undefined;
  }

  isSessionActive(id: string): boolean {
    const s = this.getSession(id);
    if (s?.status !== "active") return false;
    const user = this.users.get(s.user_id);
    return !!user && !user.banned;
  }

  touchSession(id: string): SessionRecord {
    const s = this.getSession(id);
    if (!s) throw notFound("session");
    const now = this.clock.now();
    const next = { ...s, last_active_at: now, updated_at: now };
    this.sessions.set(id, next);
    this.users.touchActive(s.user_id);
    return next;
  }

  revokeSession(id: string): SessionRecord {
    return this.finish(id, "revoked");
  }

  /** Sign-out from FAPI: status ended (or removed) and the session leaves its client. */
  endSession(id: string, status: "ended" | "removed" = "ended"): SessionRecord {
    return this.finish(id, status);
  }

  /** Bans revoke every active session of the user, like Clerk. */
  revokeAllForUser(userId: string): void {
    for (const s of this.sessions.values()) {
      if (s.user_id === userId && this.withExpiry(s).status === "active") this.finish(s.id, "revoked");
    }
  }

  removeAllForUser(userId: string): void {
    for (const s of [...this.sessions.values()]) {
      if (s.user_id === userId) this.sessions.delete(s.id);
    }
  }

  list(filter: SessionFilter): SessionRecord[] {
    const out: SessionRecord[] = [];
    for (const raw of this.sessions.values()) {
      const s = this.withExpiry(raw);
      if (filter.userId && s.user_id !== filter.userId) continue;
      if (filter.clientId && s.client_id !== filter.clientId) continue;
      if (filter.status && s.status !== filter.status) continue;
      out.push(s);
    }
    return out.sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? -1 : 1));
  }

  private finish(id: string, status: "revoked" | "ended" | "removed"): SessionRecord {
    const current = this.getSession(id);
    if (!current) throw notFound("session");
    if (current.status !== "active") {
      throw clerkError(
        400,
        "session_not_active",
        "session is not active",
        `This session is ${current.status} and can no longer be ${status}.`,
      );
    }
    const now = this.clock.now();
    const next: SessionRecord = { ...current, status, updated_at: now };
    this.sessions.set(id, next);
    const client = this.clients.get(current.client_id);
    if (client) {
      const ids = client.session_ids.filter((s) => s !== id);
      this.clients.set(client.id, {
        ...client,
        session_ids: ids,
        last_active_session_id:
          client.last_active_session_id === id ? (ids.at(-1) ?? null) : client.last_active_session_id,
        updated_at: now,
      });
    }
    this.emit({
      type:
        status === "revoked" ? "session.revoked" : status === "ended" ? "session.ended" : "session.removed",
      session: next,
    });
    return next;
  }

  private withExpiry(s: SessionRecord): SessionRecord {
    if (s.status === "active" && s.expire_at <= this.clock.now()) return { ...s, status: "expired" };
    return s;
  }
}
