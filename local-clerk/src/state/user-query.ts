import { invalidParam } from "../http/errors";
import type { UserRecord } from "./types";

export interface UserFilter {
  query?: string;
  emailAddresses?: string[];
  userIds?: string[];
  /** Users to leave out (`-org_…` in the organization_id filter). */
  excludeUserIds?: string[];
  externalIds?: string[];
  usernames?: string[];
  phoneNumbers?: string[];
  web3Wallets?: string[];
  /** With providerUserIds: users whose external account of this provider has one of the ids. */
  provider?: string;
  providerUserIds?: string[];
  phoneNumberQuery?: string;
  emailAddressQuery?: string;
  usernameQuery?: string;
  nameQuery?: string;
  banned?: boolean;
  createdAtBefore?: number;
  createdAtAfter?: number;
  lastActiveAtBefore?: number;
  lastActiveAtAfter?: number;
  lastSignInAtBefore?: number;
  lastSignInAtAfter?: number;
}

export const USER_ORDER_FIELDS = [
  "created_at",
  "updated_at",
  "last_sign_in_at",
  "last_active_at",
  "email_address",
  "first_name",
  "last_name",
  "username",
] as const;
export type UserOrderField = (typeof USER_ORDER_FIELDS)[number];

export interface UserOrder {
  field: UserOrderField;
  desc: boolean;
}

export function parseUserOrder(raw: string | null | undefined): UserOrder {
  const value = raw && raw.length > 0 ? raw : "-created_at";
  const desc = value.startsWith("-");
  const field = value.replace(/^[+-]/, "");
  if (!(USER_ORDER_FIELDS as readonly string[]).includes(field)) {
    throw invalidParam(
      "order_by",
      `order_by must be one of ${USER_ORDER_FIELDS.map((f) => `[+-]${f}`).join(", ")}; got '${value}'.`,
      "form_param_value_invalid",
    );
  }
  return { field: field as UserOrderField, desc };
}

export function primaryEmail(u: UserRecord): string {
  const primary = u.emails.find((e) => e.id === u.primary_email_address_id) ?? u.emails[0];
  return primary ? primary.email_address.toLowerCase() : "";
}

export function searchText(u: UserRecord): string {
  return [
    u.id,
    u.external_id,
    u.username,
    u.first_name,
    u.last_name,
    ...u.emails.map((e) => e.email_address),
    ...(u.phones ?? []).map((p) => p.phone_number),
    ...(u.web3_wallets ?? []).map((w) => w.web3_wallet),
  ]
    .filter((s): s is string => typeof s === "string" && s.length > 0)
    .join("\u0000")
    .toLowerCase();
}

export function sortValue(u: UserRecord, field: UserOrderField): number | string {
  switch (field) {
    case "created_at":
    case "updated_at":
    case "last_sign_in_at":
    case "last_active_at":
      return u[field] ?? 0;
    case "email_address":
      return primaryEmail(u);
    default:
      return (u[field] ?? "").toLowerCase();
  }
}

/** Ascending comparator; ties broken by id so pages are stable. */
export function comparator(field: UserOrderField): (a: UserRecord, b: UserRecord) => number {
  return (a, b) => {
    const va = sortValue(a, field);
    const vb = sortValue(b, field);
    if (va < vb) return -1;
    if (va > vb) return 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

/** Returns a predicate, or undefined when the filter matches everything. */
export function compileFilter(
  f: UserFilter,
  textOf: (u: UserRecord) => string,
): ((u: UserRecord) => boolean) | undefined {
  const checks: ((u: UserRecord) => boolean)[] = [];
  const q = f.query?.trim().toLowerCase();
  if (q) checks.push((u) => textOf(u).includes(q));
  if (f.emailAddresses?.length) {
    const set = new Set(f.emailAddresses.map((e) => e.toLowerCase()));
    checks.push((u) => u.emails.some((e) => set.has(e.email_address.toLowerCase())));
  }
  if (f.userIds?.length) {
    const set = new Set(f.userIds);
    checks.push((u) => set.has(u.id));
  }
  if (f.excludeUserIds?.length) {
    const set = new Set(f.excludeUserIds);
    checks.push((u) => !set.has(u.id));
  }
  if (f.externalIds?.length) {
    const set = new Set(f.externalIds);
    checks.push((u) => u.external_id !== null && set.has(u.external_id));
  }
  if (f.usernames?.length) {
    const set = new Set(f.usernames.map((s) => s.toLowerCase()));
    checks.push((u) => u.username !== null && set.has(u.username.toLowerCase()));
  }
  if (f.phoneNumbers?.length) {
    const set = new Set(f.phoneNumbers);
    checks.push((u) => (u.phones ?? []).some((p) => set.has(p.phone_number)));
  }
  if (f.web3Wallets?.length) {
    const set = new Set(f.web3Wallets.map((w) => w.toLowerCase()));
    checks.push((u) => (u.web3_wallets ?? []).some((w) => set.has(w.web3_wallet.toLowerCase())));
  }
  if (f.provider && f.providerUserIds?.length) {
    const { provider } = f;
    const set = new Set(f.providerUserIds);
    checks.push((u) =>
      (u.external_accounts ?? []).some((a) => a.provider === provider && set.has(a.provider_user_id)),
    );
  }
  const pq = f.phoneNumberQuery;
  if (pq) checks.push((u) => (u.phones ?? []).some((p) => p.phone_number.includes(pq)));
  const eq = f.emailAddressQuery?.toLowerCase();
  if (eq) checks.push((u) => u.emails.some((e) => e.email_address.toLowerCase().includes(eq)));
  const uq = f.usernameQuery?.toLowerCase();
  if (uq) checks.push((u) => (u.username ?? "").toLowerCase().includes(uq));
  const nq = f.nameQuery?.toLowerCase();
  if (nq) checks.push((u) => `${u.first_name ?? ""} ${u.last_name ?? ""}`.toLowerCase().includes(nq));
  if (f.banned !== undefined) checks.push((u) => u.banned === f.banned);
  const range = (get: (u: UserRecord) => number | null, before?: number, after?: number) => {
    if (before !== undefined) checks.push((u) => (get(u) ?? Number.POSITIVE_INFINITY) < before);
    if (after !== undefined) checks.push((u) => (get(u) ?? Number.NEGATIVE_INFINITY) > after);
  };
  range((u) => u.created_at, f.createdAtBefore, f.createdAtAfter);
  range((u) => u.last_active_at, f.lastActiveAtBefore, f.lastActiveAtAfter);
  range((u) => u.last_sign_in_at, f.lastSignInAtBefore, f.lastSignInAtAfter);
  if (checks.length === 0) return undefined;
  if (checks.length === 1) return checks[0];
  return (u) => checks.every((c) => c(u));
}

/**
 * Sorted page of a candidate set: keys are computed once per user, and for small pages a bounded
 * insertion keeps only the best `offset + limit`, instead of sorting every candidate.
 */
export function pageUsers(
  users: UserRecord[],
  order: UserOrder,
  offset: number,
  limit: number,
): UserRecord[] {
  const dir = order.desc ? -1 : 1;
  type Keyed = { u: UserRecord; k: number | string };
  const cmp = (a: Keyed, b: Keyed) =>
    dir * (a.k < b.k ? -1 : a.k > b.k ? 1 : a.u.id < b.u.id ? -1 : a.u.id > b.u.id ? 1 : 0);
  const want = offset + limit;
  if (want * 4 >= users.length) {
    const keyed = users.map((u) => ({ u, k: sortValue(u, order.field) }));
    return keyed
      .sort(cmp)
      .slice(offset, want)
      .map((x) => x.u);
  }
  const top: Keyed[] = [];
  for (const u of users) {
    const item = { u, k: sortValue(u, order.field) };
    if (top.length === want && cmp(item, top[want - 1] as Keyed) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(top[mid] as Keyed, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, item);
    if (top.length > want) top.pop();
  }
  return top.slice(offset).map((x) => x.u);
}
