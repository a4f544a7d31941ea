import { isModelDay } from "../model-reshape";
import type { JsonObject, UserFilter } from "./intent";
import type { Observation, Outcome, UserView } from "./observations";

/**
 * Plain-words rendering of tool results. Everything that comes from a tool result is rendered as
 * quoted, single-line, length-capped data.
 */

// Control characters (and any whitespace run) collapse to one space so tool data stays on one line.
const CONTROL_OR_SPACE = /[\p{Cc}\s]+/gu;

export function quote(value: unknown, max = 60): string {
  const raw = typeof value === "string" ? value : JSON.stringify(value);
  const flat = (raw ?? "").replace(CONTROL_OR_SPACE, " ").trim();
  const short = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return `“${short.replace(/[“”]/g, '"')}”`;
}

export function metadataText(meta: Record<string, unknown> | undefined, max = 120): string {
  if (!meta || Object.keys(meta).length === 0) return "";
  const parts = Object.entries(meta).map(
    ([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`,
  );
  const flat = parts.join(", ").replace(CONTROL_OR_SPACE, " ");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function userLabel(user: UserView | undefined, fallbackId?: string): string {
  if (!user) return fallbackId ?? "that user";
  const bits: string[] = [];
  if (user.name) bits.push(quote(user.name));
  if (user.email) bits.push(`<${user.email}>`);
  bits.push(`(${user.id})`);
  return bits.join(" ");
}

export function userLine(user: UserView): string {
  const flags = [user.banned ? "banned" : "", user.locked ? "locked" : ""].filter(Boolean);
  const meta = metadataText(user.publicMetadata);
  return `- ${userLabel(user)}${flags.length ? ` [${flags.join(", ")}]` : ""}${meta ? ` · ${quote(meta, 120)}` : ""}`;
}

/** An instant in ISO 8601 basic (`20261206T094107Z`, the model view's) or extended form, as `YYYY-MM-DD HH:MM`. */
export function minuteText(v: unknown): string {
  const s = typeof v === "string" ? v : "";
  const basic = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})/.exec(s);
  if (basic) return `${basic[1]}-${basic[2]}-${basic[3]} ${basic[4]}:${basic[5]}`;
  return s.replace("T", " ").slice(0, 16);
}

/** The model view's `YYYYMMDD` days as `YYYY-MM-DD`; epoch ms as UTC minutes; other text as is. */
export function dateText(v: unknown): string | undefined {
  if (isModelDay(v)) return String(v).replace(/^(\d{4})(\d{2})/, "$1-$2-");
  if (typeof v === "number" && Number.isFinite(v))
    return new Date(v).toISOString().slice(0, 16).replace("T", " ");
  if (typeof v === "string" && v) return v;
  return undefined;
}

export function userProfile(user: UserView): string {
  const lines = [`${userLabel(user)}`];
  const created = dateText(user.createdAt);
  if (created) lines.push(`- created: ${created}`);
  const signIn = dateText(user.lastSignInAt);
  lines.push(`- last sign-in: ${signIn ?? "never"}`);
  const active = dateText(user.lastActiveAt);
  if (active) lines.push(`- last active: ${active}`);
  lines.push(`- status: ${user.banned ? "banned" : "not banned"}, ${user.locked ? "locked" : "not locked"}`);
  lines.push(
    `- public metadata: ${metadataText(user.publicMetadata, 300) ? quote(metadataText(user.publicMetadata, 300), 300) : "none"}`,
  );
  if (user.privateMetadata) {
    lines.push(`- private metadata: ${quote(metadataText(user.privateMetadata, 300) || "none", 300)}`);
  }
  return lines.join("\n");
}

export function changesText(changes: JsonObject): string {
  return Object.entries(changes)
    .map(([key, value]) => (value === null ? `remove ${key}` : `${key} = ${JSON.stringify(value)}`))
    .join(", ");
}

export function filterText(filter: UserFilter): string {
  const bits: string[] = [];
  if (filter.query) bits.push(`matching ${quote(filter.query)}`);
  if (filter.domain) bits.push(`at ${filter.domain}`);
  for (const [k, v] of Object.entries(filter.metadata ?? {})) bits.push(`with ${k} = ${JSON.stringify(v)}`);
  if (filter.banned !== undefined) bits.push(filter.banned ? "banned" : "not banned");
  if (filter.locked !== undefined) bits.push(filter.locked ? "locked" : "not locked");
  for (const range of [filter.created, filter.signedIn, filter.active]) if (range) bits.push(range.text);
  return bits.join(" ");
}

export function matchesFilter(user: UserView, filter: UserFilter): boolean {
  if (filter.domain) {
    const email = user.email ?? "";
    if (!email.endsWith(`@${filter.domain}`) && !email.endsWith(`.${filter.domain}`)) return false;
  }
  for (const [k, v] of Object.entries(filter.metadata ?? {})) {
    const actual = user.publicMetadata?.[k];
    if (actual === undefined || String(actual).toLowerCase() !== String(v).toLowerCase()) return false;
  }
  if (filter.banned !== undefined && Boolean(user.banned) !== filter.banned) return false;
  if (filter.locked !== undefined && Boolean(user.locked) !== filter.locked) return false;
  return true;
}

/**
 * Metadata conditions go to searchUsersByMetadata, unless `locked` (no Clerk filter) needs a scan anyway
 * or the admin asked for an order (the search pages by email).
 */
export function searchesMetadata(filter: UserFilter, orderBy?: string): boolean {
  return filter.metadata !== undefined && filter.locked === undefined && orderBy === undefined;
}

/** The tool that lists a filter's users: listUsers, or searchUsersByMetadata for metadata conditions. */
export function listingTool(filter: UserFilter, orderBy?: string): "listUsers" | "searchUsersByMetadata" {
  return searchesMetadata(filter, orderBy) ? "searchUsersByMetadata" : "listUsers";
}

/** Whether the listing tool's answer still needs checking here (domain suffixes, metadata, locked). */
export function needsClientFilter(filter: UserFilter, orderBy?: string): boolean {
  if (searchesMetadata(filter, orderBy)) return filter.domain !== undefined;
  return filter.metadata !== undefined || filter.locked !== undefined;
}

/** searchUsersByMetadata's `where`: each key = value the admin named. */
export function metadataWhere(filter: UserFilter): JsonObject[] {
  return Object.entries(filter.metadata ?? {}).map(([key, value]) => ({ key, op: "eq", value }));
}

/** The part of a filter Clerk applies itself, as listUsers/countUsers input. */
export function clerkFilterInput(filter: UserFilter): JsonObject {
  const input: JsonObject = {};
  const query = filter.query ?? filter.domain;
  if (query) input.query = query;
  if (filter.banned !== undefined) input.banned = filter.banned;
  if (filter.externalId) input.external_id = filter.externalId;
  if (filter.username) input.username = filter.username;
  if (filter.phone) input.phone_number = filter.phone;
  const ranges = {
    created_at: filter.created,
    last_sign_in_at: filter.signedIn,
    last_active_at: filter.active,
  };
  for (const [field, range] of Object.entries(ranges)) {
    if (range?.after) input[`${field}_after`] = range.after;
    if (range?.before) input[`${field}_before`] = range.before;
  }
  return input;
}

export function errorText(outcome: Outcome): string {
  if (outcome.status !== "error") return "";
  const msg = outcome.message.replace(/\s+/g, " ").slice(0, 300);
  return outcome.code ? `${msg} (${outcome.code})` : msg;
}

/** "3 done, 1 denied, 1 failed" plus one line per call. */
export function outcomeLines(
  observations: Observation[],
  describeCall: (obs: Observation) => { label: string; done: string },
): string {
  const lines: string[] = [];
  let done = 0;
  let denied = 0;
  let failed = 0;
  for (const obs of observations) {
    const { label, done: doneText } = describeCall(obs);
    const outcome = obs.outcome;
    if (!outcome) lines.push(`- ${label}: no result yet.`);
    else if (outcome.status === "ok") {
      done++;
      lines.push(`- ${label}: ${doneText}.`);
    } else if (outcome.status === "denied") {
      denied++;
      lines.push(
        `- ${label}: not done, you denied it${outcome.reason ? ` (${quote(outcome.reason, 120)})` : ""}.`,
      );
    } else {
      failed++;
      lines.push(`- ${label}: failed: ${errorText(outcome)}.`);
    }
  }
  const tally = [`${done} done`, denied ? `${denied} denied` : "", failed ? `${failed} failed` : ""].filter(
    Boolean,
  );
  const tail = denied > 0 ? "\nI won't retry denied changes. Ask again if you change your mind." : "";
  if (observations.length === 1) return `${lines[0]?.slice(2) ?? ""}${tail}`;
  return `${tally.join(", ")}:\n${lines.join("\n")}${tail}`;
}
