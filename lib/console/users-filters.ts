// The users table's Clerk filters as URL state: status, three date ranges (whole days, UTC, both ends
// inclusive) and an organization. Shared by the page, the toolbar and the CSV export.
import { parseAsString } from "nuqs/server";
import type { UserFilterInput } from "@/lib/clerk/actions/user-filters";
import { isoToMillis } from "@/lib/clerk/iso-date";

export const USER_STATUSES = ["active", "banned", "locked"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** URL key prefix -> the Clerk field it filters. */
export const DATE_RANGES = {
  created: { field: "created_at", label: "Signed up" },
  signin: { field: "last_sign_in_at", label: "Last sign-in" },
  active: { field: "last_active_at", label: "Last active" },
} as const;
export type DateRangeKey = keyof typeof DATE_RANGES;
const RANGE_KEYS = Object.keys(DATE_RANGES) as DateRangeKey[];

export const usersFilterParams = {
  status: parseAsString.withDefault(""),
  org: parseAsString.withDefault(""),
  created_from: parseAsString.withDefault(""),
  created_to: parseAsString.withDefault(""),
  signin_from: parseAsString.withDefault(""),
  signin_to: parseAsString.withDefault(""),
  active_from: parseAsString.withDefault(""),
  active_to: parseAsString.withDefault(""),
};
export type RawUsersFilters = { [K in keyof typeof usersFilterParams]: string };

export type DayRange = { from?: string; to?: string };
export type UsersFilters = {
  status?: UserStatus;
  org?: string;
  ranges: Partial<Record<DateRangeKey, DayRange>>;
};

const DAY_MS = 86_400_000;
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isoToMillis(v) !== undefined;

/** What the URL says, minus anything malformed (an unknown status, a bad date or org id is ignored). */
export function normalizeUsersFilters(raw: RawUsersFilters): UsersFilters {
  const out: UsersFilters = { ranges: {} };
  if ((USER_STATUSES as readonly string[]).includes(raw.status)) out.status = raw.status as UserStatus;
  const org = raw.org.trim();
  if (/^org_[A-Za-z0-9]{1,60}$/.test(org)) out.org = org;
  for (const key of RANGE_KEYS) {
    const from = raw[`${key}_from`].trim();
    const to = raw[`${key}_to`].trim();
    const range: DayRange = {};
    if (isDay(from)) range.from = from;
    if (isDay(to)) range.to = to;
    if (range.from || range.to) out.ranges[key] = range;
  }
  return out;
}

type RangeField = (typeof DATE_RANGES)[DateRangeKey]["field"];
export type ClerkFilterParams = Pick<
  UserFilterInput,
  "banned" | "organization_id" | `${RangeField}_${"after" | "before"}`
>;

const shift = (day: string, ms: number) => new Date((isoToMillis(day) as number) + ms).toISOString();

/**
 * As listUsers input. Clerk's bounds are exclusive, so "from" is the instant before that day starts and
 * "to" the start of the next day. "Active" and "locked" both mean not banned to Clerk; locked is then
 * checked on the users themselves (Clerk has no locked filter).
 */
export function usersFiltersToParams(f: UsersFilters): ClerkFilterParams {
  const out: ClerkFilterParams = {};
  if (f.status) out.banned = f.status === "banned";
  if (f.org) out.organization_id = [f.org];
  for (const key of RANGE_KEYS) {
    const range = f.ranges[key];
    const field = DATE_RANGES[key].field;
    if (range?.from) out[`${field}_after`] = shift(range.from, -1);
    if (range?.to) out[`${field}_before`] = shift(range.to, DAY_MS);
  }
  return out;
}

/** The URL state of the filters, for links (CSV export) that carry the view. */
export function usersFiltersQuery(raw: Partial<Record<string, unknown>>): [string, string][] {
  return Object.keys(usersFilterParams).flatMap((key) => {
    const value = raw[key];
    return typeof value === "string" && value !== "" ? [[key, value] as [string, string]] : [];
  });
}
