// Views of one tool's result for the model, applied before the lean view every result gets (./redact.ts
// modelView). Only what the model reads changes: the chat's stored result, the UI, REST and MCP keep it whole.
import { impliedIdentifierType, isRecord } from "./model-reshape";
import { basicTime } from "./model-text";
import { modelDate } from "./redact";

interface ListedIdentifier {
  identifier: string;
  created_at: number;
  identifier_type?: unknown;
}

/** An entry the grouped view states fully: its identifier, its day, and a type its shape implies. */
function plainEntry(entry: unknown): entry is ListedIdentifier {
  return (
    isRecord(entry) &&
    typeof entry.identifier === "string" &&
    typeof entry.created_at === "number" &&
    Number.isFinite(new Date(entry.created_at).getTime()) &&
    (entry.identifier_type === undefined || entry.identifier_type === impliedIdentifierType(entry.identifier))
  );
}

const ADDED = /^added_(\d{8})$/;

/** The key of a group of entries added on one UTC day (`added_20261206`). */
const addedKey = (day: number) => `added_${day}`;

/** The day (`YYYYMMDD` as a number) a group key names, or undefined for another key. */
export function addedDay(key: string): number | undefined {
  const day = ADDED.exec(key)?.[1];
  return day === undefined ? undefined : Number(day);
}

/**
 * An allow/block-list as its identifiers grouped by the UTC day they were added, newest day first
 * (`added_20261206[2]: acme.com,+15555550100`). The agent removes an entry by its identifier, so the
 * ids are left out (about half of each row), and a day is stated once for all entries of that day.
 * A list holding an entry it could not state fully keeps the plain view, and so does an empty one: its
 * groups would be `{}`, which the lean view drops, leaving the model nothing to read.
 */
export function identifiersByDay(output: unknown): unknown {
  if (!isRecord(output) || !Array.isArray(output.identifiers)) return output;
  const entries = output.identifiers;
  if (entries.length === 0 || !entries.every(plainEntry)) return output;
  const groups: Record<string, string[]> = {};
  for (const entry of [...entries].sort((a, b) => b.created_at - a.created_at)) {
    const key = addedKey(modelDate(entry.created_at));
    const group = groups[key] ?? [];
    group.push(entry.identifier);
    groups[key] = group;
  }
  const { identifiers: _listed, total_count: total, ...rest } = output;
  return total === entries.length ? { ...rest, identifiers: groups } : { ...output, identifiers: groups };
}

/** Whether two pending invitations of a list were sent to one email (possible with ignore_existing). */
function pendingTwice(invitations: unknown[]): boolean {
  const seen = new Set<string>();
  for (const inv of invitations) {
    if (!isRecord(inv) || inv.status !== "pending" || typeof inv.email_address !== "string") continue;
    const email = inv.email_address.toLowerCase();
    if (seen.has(email)) return true;
    seen.add(email);
  }
  return false;
}

/**
 * An invitation list without the invitations' ids (about a fifth of each row): Clerk keeps one pending
 * invitation per email unless one is sent with ignore_existing, so the agent revokes one by its email.
 * A list where two pending invitations share an email keeps the ids, which then are the only way to say which.
 */
export function invitationsWithoutIds(output: unknown): unknown {
  if (!isRecord(output) || !Array.isArray(output.invitations)) return output;
  const invitations = output.invitations;
  if (pendingTwice(invitations)) return output;
  return {
    ...output,
    invitations: invitations.map((inv) => {
      if (!isRecord(inv)) return inv;
      const { id: _id, ...rest } = inv;
      return rest;
    }),
  };
}

/** Epoch milliseconds as a `when` reads: the UTC instant to the second, `20261206T094107Z`. */
function instantText(epochMs: unknown): unknown {
  if (typeof epochMs !== "number" || !Number.isFinite(new Date(epochMs).getTime())) return epochMs;
  return basicTime(`${new Date(epochMs).toISOString().slice(0, 19)}Z`);
}

/**
 * listSuspiciousSignIns' window bounds (`from`, `to`: epoch ms, keys the lean view does not read as
 * times) as instants like a `when`: 7 o200k tokens against 5, but a time the model can read and state.
 */
export function signInWindowInstants(output: unknown): unknown {
  if (!isRecord(output) || typeof output.from !== "number" || typeof output.to !== "number") return output;
  return { ...output, from: instantText(output.from), to: instantText(output.to) };
}

/** The tools whose results the model reads through a view of their own. */
export const TOOL_VIEWS: Readonly<Record<string, (output: unknown) => unknown>> = {
  listAllowlistIdentifiers: identifiersByDay,
  listBlocklistIdentifiers: identifiersByDay,
  listInvitations: invitationsWithoutIds,
  listSuspiciousSignIns: signInWindowInstants,
};
