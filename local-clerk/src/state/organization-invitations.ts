import { invalidParam } from "../http/errors";
import type { OrganizationInvitationRecord } from "./organization-types";
import { sortByKey } from "./sort";
import type { Clock, InvitationStatus } from "./types";

export interface OrgInvitationFilter {
  organizationId?: string;
  status?: InvitationStatus;
  /** Exact email address (case-insensitive). */
  emailAddresses?: string[];
  /** Partial match on the email address. */
  query?: string;
}

export const ORG_INVITATION_ORDER_FIELDS = ["created_at", "email_address"] as const;

/** Organization invitations by id and by organization; expiry is computed on read, like user invitations. */
export class OrgInvitationIndex {
  private readonly items = new Map<string, OrganizationInvitationRecord>();
  private readonly byOrg = new Map<string, Set<string>>();

  constructor(private readonly clock: Clock) {}

  all(): IterableIterator<OrganizationInvitationRecord> {
    return this.items.values();
  }

  get(id: string): OrganizationInvitationRecord | undefined {
    const i = this.items.get(id);
    return i ? this.withExpiry(i) : undefined;
  }

  put(i: OrganizationInvitationRecord): void {
    this.items.set(i.id, i);
    let ids = this.byOrg.get(i.organization_id);
    if (!ids) {
      ids = new Set();
      this.byOrg.set(i.organization_id, ids);
    }
    ids.add(i.id);
  }

  removeOrganization(orgId: string): OrganizationInvitationRecord[] {
    const ids = this.byOrg.get(orgId) ?? new Set<string>();
    const removed = [...ids].map((id) => this.items.get(id)).filter((i) => i !== undefined);
    for (const id of ids) this.items.delete(id);
    this.byOrg.delete(orgId);
    return removed;
  }

  ofOrganization(orgId: string): OrganizationInvitationRecord[] {
    return [...(this.byOrg.get(orgId) ?? [])]
      .map((id) => this.get(id))
      .filter((i): i is OrganizationInvitationRecord => !!i);
  }

  pendingCount(orgId: string): number {
    let n = 0;
    for (const i of this.ofOrganization(orgId)) if (i.status === "pending") n++;
    return n;
  }

  pendingFor(orgId: string, email: string): OrganizationInvitationRecord | undefined {
    const lower = email.toLowerCase();
    return this.ofOrganization(orgId).find(
      (i) => i.status === "pending" && i.email_address.toLowerCase() === lower,
    );
  }

  list(filter: OrgInvitationFilter, orderBy: string | undefined): OrganizationInvitationRecord[] {
    const raw = orderBy && orderBy.length > 0 ? orderBy : "-created_at";
    const desc = raw.startsWith("-");
    const field = raw.replace(/^[+-]/, "");
    if (!(ORG_INVITATION_ORDER_FIELDS as readonly string[]).includes(field)) {
      throw invalidParam(
        "order_by",
        `order_by must be one of ${ORG_INVITATION_ORDER_FIELDS.map((f) => `[+-]${f}`).join(", ")}; got '${raw}'.`,
      );
    }
    const source = filter.organizationId
      ? this.ofOrganization(filter.organizationId)
      : [...this.items.values()].map((i) => this.withExpiry(i));
    const emails = filter.emailAddresses ? new Set(filter.emailAddresses.map((e) => e.toLowerCase())) : null;
    const q = filter.query?.trim().toLowerCase();
    const out = source.filter(
      (i) =>
        (!filter.status || i.status === filter.status) &&
        (!emails || emails.has(i.email_address.toLowerCase())) &&
        (!q || i.email_address.toLowerCase().includes(q)),
    );
    const key = (i: OrganizationInvitationRecord) =>
      field === "email_address" ? i.email_address.toLowerCase() : i.created_at;
    return sortByKey(out, key, desc);
  }

  private withExpiry(i: OrganizationInvitationRecord): OrganizationInvitationRecord {
    if (i.status === "pending" && i.expires_at !== null && i.expires_at <= this.clock.now()) {
      return { ...i, status: "expired" };
    }
    return i;
  }
}
