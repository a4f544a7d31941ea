import { clerkError } from "../http/errors";
import { newId } from "./ids";
import type { Clock, Metadata } from "./types";

export type TicketStatus = "pending" | "accepted" | "revoked";
export type TicketKind = "actor_token" | "sign_in_token";

/** An actor token (impersonation) or a sign-in token: both sign a browser in once, through FAPI's `ticket` strategy. */
export interface TicketRecord {
  id: string;
  kind: TicketKind;
  user_id: string;
  /** Actor tokens only: Clerk's `act` claim of the sessions they create (`sub` = the actor). */
  actor: Metadata | null;
  /** Sign-in tokens only: the organization made active on sign-in. */
  org_id: string | null;
  status: TicketStatus;
  /** The ticket itself (an RS256 JWT naming this record), handed out in `token` and `url`. */
  token: string;
  expires_at: number;
  /** Actor tokens: how long the session they create may last. */
  session_max_duration_ms: number | null;
  /** The session the ticket created, once accepted. */
  session_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface TicketSnapshot {
  sign_in_tickets?: TicketRecord[];
}

export interface CreateTicketInput {
  kind: TicketKind;
  userId: string;
  actor?: Metadata | null;
  orgId?: string | null;
  expiresInSeconds: number;
  sessionMaxDurationSeconds?: number | null;
}

const PREFIX: Record<TicketKind, string> = { actor_token: "act", sign_in_token: "sit" };

export class TicketStore {
  private readonly items = new Map<string, TicketRecord>();

  constructor(
    private readonly clock: Clock,
    private readonly touch: () => void,
  ) {}

  snapshot(): Required<TicketSnapshot> {
    return { sign_in_tickets: [...this.items.values()] };
  }

  restore(s: TicketSnapshot): void {
    for (const t of s.sign_in_tickets ?? []) this.items.set(t.id, t);
  }

  /** `sign(id, expSeconds)` makes the ticket string; it names the record so FAPI can find it. */
  create(input: CreateTicketInput, sign: (id: string, expSeconds: number) => string): TicketRecord {
    const now = this.clock.now();
    const id = newId(PREFIX[input.kind]);
    const expiresAt = now + input.expiresInSeconds * 1000;
    const record: TicketRecord = {
      id,
      kind: input.kind,
      user_id: input.userId,
      actor: input.actor ?? null,
      org_id: input.orgId ?? null,
      status: "pending",
      token: sign(id, Math.floor(expiresAt / 1000)),
      expires_at: expiresAt,
      session_max_duration_ms:
        input.sessionMaxDurationSeconds == null ? null : input.sessionMaxDurationSeconds * 1000,
      session_id: null,
      created_at: now,
      updated_at: now,
    };
    this.items.set(id, record);
    this.touch();
    return record;
  }

  get(id: string): TicketRecord | undefined {
    return this.items.get(id);
  }

  revoke(kind: TicketKind, id: string): TicketRecord {
    const current = this.items.get(id);
    if (!current || current.kind !== kind) {
      throw clerkError(
        404,
        "resource_not_found",
        "not found",
        `The requested ${kind === "actor_token" ? "actor token" : "sign-in token"} was not found.`,
      );
    }
    if (current.status !== "pending") {
      const code =
        kind === "actor_token"
          ? "actor_token_cannot_be_revoked_code"
          : "sign_in_token_cannot_be_revoked_code";
      const what = kind === "actor_token" ? "Actor token" : "Sign-in token";
      throw clerkError(
        400,
        code,
        "cannot revoke",
        `${what} cannot be revoked because its status is ${current.status}. Only pending tokens can be revoked.`,
      );
    }
    return this.update(id, { status: "revoked" });
  }

  accept(id: string, sessionId: string): TicketRecord {
    return this.update(id, { status: "accepted", session_id: sessionId });
  }

  private update(id: string, patch: Partial<TicketRecord>): TicketRecord {
    const current = this.items.get(id) as TicketRecord;
    const next = { ...current, ...patch, updated_at: this.clock.now() };
    this.items.set(id, next);
    this.touch();
    return next;
  }
}
