import { clerkError, notFound } from "../http/errors";
import { waitlistEntryJson } from "./admin-serialize";
import type { AdminEvent, WaitlistEntryRecord, WaitlistStatus } from "./admin-types";
import { newId } from "./ids";
import type { InvitationStore } from "./invitations";
import { sortByKey } from "./sort";
import type { Clock, InvitationRecord } from "./types";
import { assertEmail } from "./user-validation";
import type { UserStore } from "./users";

export const WAITLIST_ORDER_FIELDS = ["created_at", "email_address", "invited_at"] as const;

export interface WaitlistFilter {
  query?: string;
  status?: WaitlistStatus;
}

const conflict = (message: string) => clerkError(409, "conflict", "conflict", message);

/** Waitlist entries; invite creates a real invitation, and both writes emit `waitlistEntry.*`. */
export class WaitlistStore {
  private readonly items = new Map<string, WaitlistEntryRecord>();

  constructor(
    private readonly clock: Clock,
    private readonly emit: (e: AdminEvent) => void,
    private readonly users: UserStore,
    private readonly invitations: InvitationStore,
    private readonly touch: () => void,
  ) {}

  all(): IterableIterator<WaitlistEntryRecord> {
    return this.items.values();
  }

  load(e: WaitlistEntryRecord): void {
    this.items.set(e.id, e);
  }

  require(id: string): WaitlistEntryRecord {
    const e = this.items.get(id);
    if (!e) throw notFound("waitlist entry");
    return e;
  }

  /** Checks every address first, so a bulk create is all or nothing. */
  createMany(
    emails: string[],
    opts: { silent?: boolean; at?: number; rand?: () => number } = {},
  ): WaitlistEntryRecord[] {
    const seen = new Set<string>();
    emails.forEach((email, i) => {
      const param = emails.length > 1 ? `email_address[${i}]` : "email_address";
      assertEmail(param, email);
      const lower = email.toLowerCase();
      if (seen.has(lower) || this.byEmail(lower) || this.users.findByEmail(email)) {
        throw clerkError(
          422,
          "form_identifier_exists",
          "already on the waitlist",
          `${email} is already on the waitlist or has an account.`,
          { param_name: param },
        );
      }
      seen.add(lower);
    });
    const now = opts.at ?? this.clock.now();
    return emails.map((email) => {
      const e: WaitlistEntryRecord = {
        id: newId("wle", opts.rand),
        email_address: email,
        status: "pending",
        invitation_id: null,
        created_at: now,
        updated_at: now,
      };
      this.items.set(e.id, e);
      if (!opts.silent) this.changed("waitlistEntry.created", e);
      return e;
    });
  }

  list(filter: WaitlistFilter, order: string): WaitlistEntryRecord[] {
    const q = filter.query?.toLowerCase();
    const out = [...this.items.values()].filter(
      (e) =>
        (!filter.status || e.status === filter.status) &&
        (!q || e.email_address.toLowerCase().includes(q) || e.id === filter.query),
    );
    const desc = order.startsWith("-");
    const field = order.replace(/^[+-]/, "");
    const key = (e: WaitlistEntryRecord): string | number =>
      field === "email_address"
        ? e.email_address.toLowerCase()
        : field === "invited_at"
          ? (this.invitation(e)?.created_at ?? 0)
          : e.created_at;
    return sortByKey(out, key, desc);
  }

  invite(id: string, ignoreExisting: boolean): WaitlistEntryRecord {
    const e = this.require(id);
    if (e.status !== "pending" && e.status !== "rejected") {
      throw conflict(`This waitlist entry is ${e.status}; only pending or rejected entries can be invited.`);
    }
    const inv = this.invitations.create({ emailAddress: e.email_address, ignoreExisting });
    return this.set(e, { status: "invited", invitation_id: inv.id });
  }

  reject(id: string): WaitlistEntryRecord {
    const e = this.require(id);
    if (e.status === "rejected" || e.status === "completed") {
      throw conflict(`This waitlist entry is already ${e.status}.`);
    }
    const inv = this.invitation(e);
    if (inv?.status === "pending") this.invitations.revoke(inv.id);
    return this.set(e, { status: "rejected" });
  }

  delete(id: string): WaitlistEntryRecord {
    const e = this.require(id);
    this.items.delete(id);
    // Clerk has no waitlistEntry.deleted event.
    this.touch();
    return e;
  }

  invitation(e: WaitlistEntryRecord): InvitationRecord | undefined {
    return e.invitation_id ? this.invitations.get(e.invitation_id) : undefined;
  }

  private byEmail(lower: string): WaitlistEntryRecord | undefined {
    for (const e of this.items.values()) if (e.email_address.toLowerCase() === lower) return e;
    return undefined;
  }

  private set(e: WaitlistEntryRecord, patch: Partial<WaitlistEntryRecord>): WaitlistEntryRecord {
    const next = { ...e, ...patch, updated_at: this.clock.now() };
    this.items.set(e.id, next);
    this.changed("waitlistEntry.updated", next);
    return next;
  }

  private changed(type: "waitlistEntry.created" | "waitlistEntry.updated", e: WaitlistEntryRecord): void {
    const inv = this.invitation(e);
    this.emit({ type, payload: (baseUrl) => waitlistEntryJson(e, inv, baseUrl) });
  }
}
