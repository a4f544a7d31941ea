import { invalidParam } from "../http/errors";
import type { OrganizationMembershipRecord } from "../state/organization-types";
import type { UserRecord } from "../state/types";
import { primaryEmail, searchText } from "../state/user-query";
import { type SignedIds, signedIds } from "./organization-params";
import { list, optNumber, str } from "./params";

/** The user filters of `GET /organizations/{id}/memberships` (Clerk's user-list filters, per member). */
export interface MembershipFilter {
  userIds?: SignedIds;
  emailAddresses?: string[];
  phoneNumbers?: string[];
  usernames?: string[];
  web3Wallets?: string[];
  roles?: string[];
  query?: string;
  emailAddressQuery?: string;
  phoneNumberQuery?: string;
  usernameQuery?: string;
  nameQuery?: string;
  lastActiveAtBefore?: number;
  lastActiveAtAfter?: number;
  createdAtBefore?: number;
  createdAtAfter?: number;
}

export const MEMBERSHIP_ORDER_FIELDS = [
  "phone_number",
  "email_address",
  "created_at",
  "first_name",
  "last_name",
  "username",
] as const;

export function membershipFilter(q: URLSearchParams): MembershipFilter {
  return {
    userIds: signedIds(q, "user_id"),
    emailAddresses: list(q, "email_address"),
    phoneNumbers: list(q, "phone_number"),
    usernames: list(q, "username"),
    web3Wallets: list(q, "web3_wallet"),
    roles: list(q, "role"),
    query: str(q, "query"),
    emailAddressQuery: str(q, "email_address_query"),
    phoneNumberQuery: str(q, "phone_number_query"),
    usernameQuery: str(q, "username_query"),
    nameQuery: str(q, "name_query"),
    lastActiveAtBefore: optNumber(q, "last_active_at_before"),
    lastActiveAtAfter: optNumber(q, "last_active_at_after"),
    createdAtBefore: optNumber(q, "created_at_before"),
    createdAtAfter: optNumber(q, "created_at_after"),
  };
}

type Entry = { m: OrganizationMembershipRecord; u: UserRecord | undefined };

/** Local Clerk's users have no phone numbers or web3 wallets yet, so those filters match no one. */
function matches(f: MembershipFilter, { m, u }: Entry): boolean {
  if (f.userIds?.include && !f.userIds.include.has(m.user_id)) return false;
  if (f.userIds?.exclude?.has(m.user_id)) return false;
  if (f.roles && !f.roles.includes(m.role)) return false;
  if (f.phoneNumbers || f.web3Wallets || f.phoneNumberQuery) return false;
  if (!u)
    return !(
      f.emailAddresses ||
      f.usernames ||
      f.query ||
      f.emailAddressQuery ||
      f.usernameQuery ||
      f.nameQuery
    );
  const emails = u.emails.map((e) => e.email_address.toLowerCase());
  if (f.emailAddresses && !f.emailAddresses.some((e) => emails.includes(e.toLowerCase()))) return false;
  const username = u.username?.toLowerCase() ?? "";
  if (f.usernames && !f.usernames.some((n) => n.toLowerCase() === username)) return false;
  const has = (hay: string, needle: string | undefined) => !needle || hay.includes(needle.toLowerCase());
  if (!has(searchText(u), f.query?.trim())) return false;
  if (f.emailAddressQuery && !emails.some((e) => has(e, f.emailAddressQuery))) return false;
  if (!has(username, f.usernameQuery)) return false;
  if (!has(`${u.first_name ?? ""} ${u.last_name ?? ""}`.toLowerCase(), f.nameQuery)) return false;
  const lastActive = u.last_active_at;
  if (f.lastActiveAtBefore !== undefined && !(lastActive !== null && lastActive < f.lastActiveAtBefore))
    return false;
  if (f.lastActiveAtAfter !== undefined && !(lastActive !== null && lastActive > f.lastActiveAtAfter))
    return false;
  if (f.createdAtBefore !== undefined && !(u.created_at < f.createdAtBefore)) return false;
  if (f.createdAtAfter !== undefined && !(u.created_at > f.createdAtAfter)) return false;
  return true;
}

/** Filters and sorts memberships (default newest first); ties break on the membership id. */
export function queryMemberships(
  memberships: Iterable<OrganizationMembershipRecord>,
  userOf: (id: string) => UserRecord | undefined,
  filter: MembershipFilter,
  orderBy: string | undefined,
): OrganizationMembershipRecord[] {
  const raw = orderBy && orderBy.length > 0 ? orderBy : "-created_at";
  const desc = raw.startsWith("-");
  const field = raw.replace(/^[+-]/, "");
  if (!(MEMBERSHIP_ORDER_FIELDS as readonly string[]).includes(field)) {
    throw invalidParam(
      "order_by",
      `order_by must be one of ${MEMBERSHIP_ORDER_FIELDS.map((f) => `[+-]${f}`).join(", ")}; got '${raw}'.`,
    );
  }
  const key = ({ m, u }: Entry): string | number => {
    if (field === "created_at") return m.created_at;
    if (!u || field === "phone_number") return "";
    if (field === "email_address") return primaryEmail(u);
    return (u[field as "first_name" | "last_name" | "username"] ?? "").toLowerCase();
  };
  const entries: { e: Entry; k: string | number }[] = [];
  for (const m of memberships) {
    const e = { m, u: userOf(m.user_id) };
    if (matches(filter, e)) entries.push({ e, k: key(e) });
  }
  entries.sort((a, b) => {
    const c = a.k < b.k ? -1 : a.k > b.k ? 1 : a.e.m.id < b.e.m.id ? -1 : 1;
    return desc ? -c : c;
  });
  return entries.map((x) => x.e.m);
}
