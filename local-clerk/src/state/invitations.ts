import { clerkError, notFound } from "../http/errors";
import { newId } from "./ids";
import { assertMetadataSize } from "./metadata";
import { sortByKey } from "./sort";
import type { Clock, InvitationRecord, InvitationStatus, Metadata, StateEvent } from "./types";
import { assertEmail, type UserStore } from "./users";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CreateInvitationInput {
  emailAddress: string;
  publicMetadata?: Metadata | null;
  redirectUrl?: string | null;
  ignoreExisting?: boolean;
  expiresInDays?: number | null;
  createdAt?: number;
}

export interface InvitationFilter {
  status?: InvitationStatus;
  query?: string;
}

export const INVITATION_ORDER_FIELDS = ["created_at", "email_address", "expires_at"] as const;

export class InvitationStore {
  private readonly items = new Map<string, InvitationRecord>();

  constructor(
    private readonly clock: Clock,
    private readonly emit: (e: StateEvent) => void,
    private readonly users: UserStore,
  ) {}

  all(): IterableIterator<InvitationRecord> {
    return this.items.values();
  }

  load(i: InvitationRecord): void {
    this.items.set(i.id, i);
  }

  get(id: string): InvitationRecord | undefined {
    const i = this.items.get(id);
    return i ? this.withExpiry(i) : undefined;
  }

  /** Checks Clerk's refusals without writing; bulk create validates every item first. */
  validate(input: CreateInvitationInput, param = "email_address"): void {
    assertEmail(param, input.emailAddress);
    if (input.publicMetadata) assertMetadataSize("public_metadata", input.publicMetadata);
    if (this.users.findByEmail(input.emailAddress)) {
      throw clerkError(
        422,
        "duplicate_record",
        "duplicate account",
        `There is already a user with the email address ${input.emailAddress}.`,
        { param_name: param },
      );
    }
    if (!input.ignoreExisting && this.pendingFor(input.emailAddress)) {
      throw clerkError(
        400,
        "duplicate_record",
        "duplicate invitation",
        `There is already a pending invitation for ${input.emailAddress}.`,
        { param_name: param },
      );
    }
  }

  create(
    input: CreateInvitationInput,
    opts: { silent?: boolean; rand?: () => number } = {},
  ): InvitationRecord {
    this.validate(input);
    const now = input.createdAt ?? this.clock.now();
    const inv: InvitationRecord = {
      id: newId("inv", opts.rand),
      email_address: input.emailAddress.trim(),
      public_metadata: input.publicMetadata ?? {},
      redirect_url: input.redirectUrl ?? null,
      status: "pending",
      expires_at: now + (input.expiresInDays ?? 30) * DAY_MS,
      created_at: now,
      updated_at: now,
    };
    this.items.set(inv.id, inv);
    if (!opts.silent) this.emit({ type: "invitation.created", invitation: inv });
    return inv;
  }

  revoke(id: string, opts: { silent?: boolean } = {}): InvitationRecord {
    const current = this.get(id);
    if (!current) throw notFound("invitation");
    if (current.status !== "pending") {
      throw clerkError(
        400,
        current.status === "revoked" ? "invitation_already_revoked" : "invitation_not_pending",
        "invitation cannot be revoked",
        `Only pending invitations can be revoked; this one is ${current.status}.`,
      );
    }
    const next: InvitationRecord = { ...current, status: "revoked", updated_at: this.clock.now() };
    this.items.set(id, next);
    if (!opts.silent) this.emit({ type: "invitation.revoked", invitation: next });
    return next;
  }

  /** FAPI sign-up with an invitation ticket calls this. */
  accept(id: string): InvitationRecord {
    const current = this.get(id);
    if (!current) throw notFound("invitation");
    const next: InvitationRecord = { ...current, status: "accepted", updated_at: this.clock.now() };
    this.items.set(id, next);
    this.emit({ type: "invitation.accepted", invitation: next });
    return next;
  }

  list(filter: InvitationFilter, orderBy: string | null | undefined): InvitationRecord[] {
    const q = filter.query?.trim().toLowerCase();
    const raw = orderBy && orderBy.length > 0 ? orderBy : "-created_at";
    const desc = raw.startsWith("-");
    const field = raw.replace(/^[+-]/, "") as (typeof INVITATION_ORDER_FIELDS)[number];
    if (!INVITATION_ORDER_FIELDS.includes(field)) {
      throw clerkError(
        422,
        "form_param_value_invalid",
        "is invalid",
        `order_by must be one of ${INVITATION_ORDER_FIELDS.join(", ")} with an optional +/- prefix.`,
        { param_name: "order_by" },
      );
    }
    const out: InvitationRecord[] = [];
    for (const raw of this.items.values()) {
      const i = this.withExpiry(raw);
      if (filter.status && i.status !== filter.status) continue;
      if (q && !i.email_address.toLowerCase().includes(q) && !i.id.toLowerCase().includes(q)) continue;
      out.push(i);
    }
    const key = (i: InvitationRecord) =>
      field === "email_address" ? i.email_address.toLowerCase() : (i[field] ?? 0);
    return sortByKey(out, key, desc);
  }

  private pendingFor(email: string): InvitationRecord | undefined {
    const lower = email.toLowerCase();
    for (const i of this.items.values()) {
      if (i.email_address.toLowerCase() === lower && this.withExpiry(i).status === "pending") return i;
    }
    return undefined;
  }

  private withExpiry(i: InvitationRecord): InvitationRecord {
    if (i.status === "pending" && i.expires_at !== null && i.expires_at <= this.clock.now()) {
      return { ...i, status: "expired" };
    }
    return i;
  }
}
