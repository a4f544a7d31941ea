// Record rules for the model's view (lib/agent/redact.ts `modelView`) that depend on what a record
// is: each moves or drops a member the record already states another way, so no answer changes.
import { isoToMillis } from "@/lib/clerk/iso-date";

/**
 * The slug a plain name (letters, digits, single spaces) reads as in kebab case; the view leaves an
 * organization's slug out when it is this, and the instructions tell the model how to read it back
 * (a deletion's confirm_slug is still checked against the real slug).
 */
export function impliedSlug(name: unknown): string | undefined {
  if (typeof name !== "string" || !/^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/.test(name)) return undefined;
  return name.toLowerCase().replaceAll(" ", "-");
}

/** The kind Clerk gives an allow/block-list identifier: `+` phones, `0x` wallets, else email (or domain). */
export function impliedIdentifierType(identifier: unknown): string | undefined {
  if (typeof identifier !== "string") return undefined;
  if (identifier.startsWith("+")) return "phone_number";
  if (identifier.startsWith("0x")) return "web3_wallet";
  return "email_address";
}

/**
 * A session's latest activity (browser, device, place, IP) becomes members of the session, so a list
 * of sessions has one flat header, and these members are `browser`, `device` and `ip` (sign-ins too);
 * `is_mobile` goes where a device is named (iPhone, Android, …); a browser's version major.0.0.0 becomes
 * its major (`shortVersion`);
 * a session's expire/abandon times go where its status makes them moot (an ended session's); an
 * identifier's type goes when its shape says it; an organization's membership cap goes when it is 0,
 * Clerk's "no limit", and its slug when it is its plain name in kebab case (`impliedSlug`).
 */
export function reshapeForModel(record: Record<string, unknown>): Record<string, unknown> {
  const activity = record.latest_activity;
  const out = renamed(isRecord(activity) ? hoisted(record, activity) : record);
  if (out.device !== undefined && out.device !== null) delete out.is_mobile;
  if (typeof out.browser === "string") out.browser = shortVersion(out.browser);
  if (out.identifier_type !== undefined && out.identifier_type === impliedIdentifierType(out.identifier))
    delete out.identifier_type;
  if (out.max_allowed_memberships === 0) delete out.max_allowed_memberships;
  if (out.slug !== undefined && out.slug === impliedSlug(out.name)) delete out.slug;
  if (typeof out.status === "string" && "expire_at" in out && "abandon_at" in out) {
    if (!EXPIRE_MATTERS.has(out.status)) delete out.expire_at;
    if (!ABANDON_MATTERS.has(out.status)) delete out.abandon_at;
  }
  return out;
}

/**
 * Chromium's four-part `Chrome 128.0.0.0` (Edge's too) as `Chrome 128` (3 o200k tokens, not 9). Only
 * that form, so the short text still says which version: Firefox 128.0 and Safari 17.0 stay as they are.
 */
export function shortVersion(browser: string): string {
  return browser.replace(/(?<![\d.])(\d+)\.0\.0\.0$/, "$1");
}

/** Session statuses for which Clerk's inactivity expiry / maximum lifetime is still ahead or is the cause. */
const EXPIRE_MATTERS = new Set(["active", "pending", "expired"]);
const ABANDON_MATTERS = new Set(["active", "pending", "abandoned"]);

/**
 * A day of the model's view (`modelDate`): the number YYYYMMDD naming a real UTC day (an epoch-ms
 * time, 13 digits, never reads as one).
 */
export function isModelDay(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && isoToMillis(String(value)) !== undefined;
}

/**
 * Date columns (`YYYYMMDD` days) that are another date column plus the same number of days in every
 * row (an invitation's expiry, 30 days after it was created): stated once as `N days after <column>`.
 * Metadata cells are values as written, never rewritten, even when they look like days.
 */
export function relativeDays(items: Record<string, unknown>[], columns: string[]): Record<string, string> {
  const days = columns.filter(
    (c) => !/metadata(\.|$)/i.test(c) && items.every((item) => isModelDay(item[c])),
  );
  const out: Record<string, string> = {};
  const bases = new Set<string>();
  for (const column of days) {
    if (bases.has(column)) continue;
    for (const base of days) {
      if (base === column || Object.hasOwn(out, base)) continue;
      const gaps = new Set(items.map((item) => dayNumber(item[column]) - dayNumber(item[base])));
      const [gap] = gaps;
      if (gaps.size !== 1 || gap === undefined || gap < 1) continue;
      out[column] = `${gap} day${gap === 1 ? "" : "s"} after ${base}`;
      bases.add(base);
      break;
    }
  }
  return out;
}

function dayNumber(day: unknown): number {
  return (isoToMillis(String(day)) ?? Number.NaN) / 86_400_000;
}

/** Shorter names for a session's or sign-in's activity members, as the sign-ins' `browser` already is. */
const SHORT_NAMES: Record<string, string> = {
  browser_name: "browser",
  device_type: "device",
  ip_address: "ip",
};

function renamed(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(record)) {
    const short = SHORT_NAMES[key];
    out[short && !Object.hasOwn(record, short) ? short : key] = member;
  }
  return out;
}

function hoisted(
  record: Record<string, unknown>,
  activity: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(record)) {
    if (key !== "latest_activity") out[key] = member;
    else for (const [k, v] of Object.entries(activity)) if (!Object.hasOwn(record, k)) out[k] = v;
  }
  return out;
}

/** A JSON object (not an array, not a Date). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date);
}
