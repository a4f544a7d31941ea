// What the model is allowed to see of a tool result.

import { isRecord, relativeDays, reshapeForModel } from "./model-reshape";

const PRIVATE_KEYS = new Set(["private_metadata", "privateMetadata"]);
export const REDACTED = "[hidden]";

export function allowPrivateMetadata(env: Record<string, string | undefined> = process.env): boolean {
  return env.AGENT_ALLOW_PRIVATE_METADATA === "true";
}

/** Replaces every private-metadata member, at any depth, unless the deployment opted in. */
export function redactForModel<T>(value: T, allowPrivate: boolean): T {
  if (allowPrivate) return value;
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(walk);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      out[key] = PRIVATE_KEYS.has(key) ? REDACTED : walk(member);
    }
    return out;
  }
  return value;
}

/** Drops null/undefined members and empty objects/arrays so the model gets fewer tokens; metadata values are kept verbatim. */
export function compactForModel(value: unknown, insideMetadata = false): unknown {
  if (insideMetadata) return value;
  if (Array.isArray(value)) return value.map((item) => compactForModel(item));
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (member === null || member === undefined) continue;
      const isMetadata = /metadata$/i.test(key);
      const compacted = compactForModel(member, isMetadata);
      if (!isMetadata && isEmpty(compacted)) continue;
      out[key] = compacted;
    }
    return out;
  }
  return value;
}

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return !!value && typeof value === "object" && Object.keys(value).length === 0;
}

/**
 * Everything a tool returns comes from Clerk records that end users control (names, metadata), so the
 * model receives it inside an envelope the instructions call untrusted.
 */
export function untrustedEnvelope(value: unknown): { untrusted_data: unknown } {
  return { untrusted_data: value };
}

const MODEL_OMIT = new Set(["updated_at"]);

/**
 * Ids no tool takes (a membership's, a browser client's, a role's): the agent acts by organization,
 * user and role key.
 */
const UNUSED_ID = /^(orgmem|client|role)_[A-Za-z0-9]+$/;
const ID_KEYS = new Set(["id", "client_id", "membership_id"]);

/** A member the record already states otherwise: an unused id, a total that is the list's length, an `x_at` time also given to the second as `when`. */
function isRepeat(key: string, member: unknown, record: Record<string, unknown>): boolean {
  if (ID_KEYS.has(key) && typeof member === "string" && UNUSED_ID.test(member)) return true;
  if (key === "total_count") {
    const lists = Object.values(record).filter(Array.isArray);
    return lists.length === 1 && lists[0]?.length === member;
  }
  const when = record.when;
  if (!key.endsWith("_at") || typeof when !== "string" || typeof member !== "number") return false;
  const instant = new Date(member);
  return Number.isFinite(instant.getTime()) && when.startsWith(instant.toISOString().slice(0, 19));
}

/**
 * Epoch milliseconds as the UTC day in ISO 8601 basic form, `YYYYMMDD`: 3 tokens (o200k) against 5
 * for epoch ms and 6 for `YYYY-MM-DD`. A number, so TOON writes it bare: its quotes would cost a token
 * wherever they do not merge with the next comma or line break. A day is precise enough for what the
 * agent answers (when a user joined, last signed in, when an invitation expires); metadata keeps its
 * own strings, so a quoted day there is the user's.
 */
export function modelDate(epochMs: number): number {
  return Number(new Date(epochMs).toISOString().slice(0, 10).replaceAll("-", ""));
}

/**
 * The token-lean view for the model (the agent instructions describe it): lists of records become
 * flat rows of one key set (`tableOf`), so TOON states the keys once (`modelText`). First and last name become one
 * `name`, the primary email (an invitation's `email_address`) `email`; timestamps `x_at` (epoch ms) become `x` as a UTC day
 * (`modelDate`), and a last activity on the day of the last sign-in (a session's: of its creation) is dropped as a repeat; false
 * flags, empty strings and objects, redacted members and bookkeeping fields are dropped, and so is a
 * lone email list equal to the primary email. Metadata values are kept verbatim. The UI keeps the
 * full projection.
 */
export function modelView(value: unknown, insideMetadata = false): unknown {
  if (insideMetadata) return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => modelView(item));
    if (items.length >= 2 && items.every(isRecord) && items.every(flattenable)) {
      return tableOf(items.map((item) => flatten(item)));
    }
    return items;
  }
  return isRecord(value) ? leanRecord(value) : value;
}

/**
 * Rows of one key set, so TOON states the keys once; from 3 rows on, a value every row shares, or a
 * day every row has a fixed number of days after another (`relativeDays`), is stated once: `{same, rows}`.
 */
function tableOf(items: Record<string, unknown>[]): unknown {
  const all = [...new Set(items.flatMap((item) => Object.keys(item)))];
  const shared = items.length >= SAME_MIN_ROWS ? sharedValues(items, all) : {};
  const varying = all.filter((c) => !Object.hasOwn(shared, c));
  const same = items.length >= SAME_MIN_ROWS ? { ...shared, ...relativeDays(items, varying) } : shared;
  const columns = all.filter((c) => !Object.hasOwn(same, c));
  const rows = items.map((item) => Object.fromEntries(columns.map((c) => [c, item[c] ?? null])));
  return Object.keys(same).length > 0 ? { same, rows } : rows;
}

/**
 * A row's nested records and lists become dotted cells (`public_metadata.plan`, `email_addresses.1`),
 * when no key holds a dot or is a bare index, so they can be read back unambiguously.
 */
function flattenable(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(flattenable);
  if (!isRecord(value)) return true;
  return Object.entries(value).every(([key, member]) => !/\.|^\d+$/.test(key) && flattenable(member));
}

function flatten(value: Record<string, unknown> | unknown[], prefix = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    const nested = Array.isArray(member) || isRecord(member);
    if (nested && Object.keys(member).length > 0) Object.assign(out, flatten(member, `${prefix}${key}.`));
    else out[`${prefix}${key}`] = member;
  }
  return out;
}

/** From this many rows on, a column with one value in every row is stated once, in `same`. */
const SAME_MIN_ROWS = 3;

/** The primitive values every row holds alike (e.g. the organization id of its members). */
function sharedValues(items: Record<string, unknown>[], columns: string[]): Record<string, unknown> {
  const same: Record<string, unknown> = {};
  for (const c of columns) {
    const first = items[0]?.[c];
    if (first === undefined || (typeof first === "object" && first !== null)) continue;
    if (items.every((item) => item[c] === first)) same[c] = first;
  }
  return same;
}

function leanRecord(record: Record<string, unknown>): Record<string, unknown> {
  const value = reshapeForModel(record);
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === false || member === null || member === undefined || member === "") continue;
    if (member === REDACTED || MODEL_OMIT.has(key) || isRepeat(key, member, value)) continue;
    if (isRecord(member) && Object.keys(member).length === 0) continue;
    if ((key === "first_name" || key === "last_name") && !Object.hasOwn(value, "name")) {
      const name = [value.first_name, value.last_name].filter((n) => typeof n === "string" && n).join(" ");
      if (name && !Object.hasOwn(out, "name")) out.name = name;
      continue;
    }
    const asEmail =
      key === "primary_email" || (key === "email_address" && !Object.hasOwn(value, "primary_email"));
    if (asEmail && !Object.hasOwn(value, "email")) {
      out.email = member;
      continue;
    }
    if (key === "email_addresses" && isOnly(member, value.primary_email)) continue;
    if (key === "last_active_at" && sameDay(member, lastStart(value))) continue;
    const dayKey = key.endsWith("_at") ? key.slice(0, -"_at".length) : undefined;
    const day = dayKey && !Object.hasOwn(value, dayKey) ? dayOf(member) : undefined;
    if (dayKey && day !== undefined) {
      out[dayKey] = day;
      continue;
    }
    out[key] = modelView(member, /metadata$/i.test(key));
  }
  return out;
}

/** A user's last sign-in; a session's (it has a status) creation, which is that sign-in. */
function lastStart(record: Record<string, unknown>): unknown {
  return typeof record.status === "string" ? record.created_at : record.last_sign_in_at;
}

function isOnly(list: unknown, item: unknown): boolean {
  return Array.isArray(list) && list.length === 1 && list[0] === item;
}

function dayOf(value: unknown): number | undefined {
  if (typeof value !== "number" || !Number.isFinite(new Date(value).getTime())) return undefined;
  return modelDate(value);
}

function sameDay(a: unknown, b: unknown): boolean {
  const day = dayOf(a);
  return day !== undefined && day === dayOf(b);
}
