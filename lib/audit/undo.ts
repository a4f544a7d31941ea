import { and, inArray } from "drizzle-orm";
import { deepEqual, diffMetadata, isPlainObject } from "@/lib/clerk/metadata";
import { type Db, getDb } from "@/lib/db/client";
import { type AuditRow, auditLog } from "@/lib/db/schema";
import { getAuditEntry } from "./audit";

/**
 * True when `current` still shows what the write left behind. For objects only the keys the entry
 * recorded are compared (the current state may carry more, e.g. the other flag or metadata kinds).
 */
export function stillAsWritten(after: unknown, current: unknown): boolean {
  if (!isPlainObject(after) || !isPlainObject(current)) return deepEqual(after, current);
  return Object.keys(after).every((k) => Object.hasOwn(current, k) && deepEqual(after[k], current[k]));
}

export type UndoCheckCode =
  | "not_found"
  | "not_succeeded"
  | "not_undoable"
  | "already_undone"
  | "changed_since";

export type UndoCheck =
  | { ok: true; entry: AuditRow; restore: unknown; expected: unknown; current: unknown }
  | { ok: false; code: UndoCheckCode; message: string; current?: unknown };

export interface UndoCheckOptions {
  /** The part of the entry's "after" that must still hold (default: all of it). */
  relevant?: (after: unknown, entry: AuditRow) => unknown;
}

function changedPaths(expected: unknown, current: unknown): string {
  if (!isPlainObject(expected) || !isPlainObject(current)) return "";
  const picked = Object.fromEntries(Object.keys(expected).map((k) => [k, current[k]]));
  const paths = diffMetadata(expected, picked).map((c) => c.path);
  if (paths.length === 0) return "";
  return ` (${paths.slice(0, 5).join(", ")}${paths.length > 5 ? ", …" : ""})`;
}

/**
 * Entry-level and state-level preconditions of an undo: the entry exists, succeeded, recorded its
 * before/after, has no successful or in-flight undo, and the target (read by `readCurrent`) still
 * equals the entry's "after". `restore` is the state to go back to.
 */
export async function checkUndo(
  entryId: string,
  readCurrent: (entry: AuditRow) => Promise<unknown>,
  db?: Db,
  opts: UndoCheckOptions = {},
): Promise<UndoCheck> {
  const d = db ?? (await getDb());
  const entry = await getAuditEntry(entryId, d);
  if (!entry) return { ok: false, code: "not_found", message: `Audit entry ${entryId} was not found.` };
  if (entry.outcome !== "ok") {
    return {
      ok: false,
      code: "not_succeeded",
      message:
        entry.outcome === "pending"
          ? "This change has no recorded outcome yet, so it cannot be undone."
          : "This change did not succeed; there is nothing to undo.",
    };
  }
  if (entry.before === null || entry.after === null) {
    return {
      ok: false,
      code: "not_undoable",
      message: "This entry did not record its before and after state, so it cannot be undone.",
    };
  }
  const prior = (await undosOf([entry.id], d)).get(entry.id);
  if (prior) {
    return {
      ok: false,
      code: "already_undone",
      message:
        prior.outcome === "ok"
          ? `This change was already undone (audit entry ${prior.id}).`
          : `An undo of this change is already in progress (audit entry ${prior.id}); it counts as already undone.`,
    };
  }
  const expected = opts.relevant ? opts.relevant(entry.after, entry) : entry.after;
  const current = await readCurrent(entry);
  if (!stillAsWritten(expected, current)) {
    return {
      ok: false,
      code: "changed_since",
      current,
      message: `The ${entry.targetType} has changed since this entry${changedPaths(expected, current)}. Undo was refused so that later change is not overwritten; review the current state instead.`,
    };
  }
  return { ok: true, entry, restore: entry.before, expected: entry.after, current };
}

/** For a page of entries: which of them already have a successful or in-flight undo (original id -> undo). */
export async function undosOf(
  entryIds: string[],
  db?: Db,
): Promise<Map<string, { id: string; outcome: AuditRow["outcome"] }>> {
  const out = new Map<string, { id: string; outcome: AuditRow["outcome"] }>();
  if (entryIds.length === 0) return out;
  const d = db ?? (await getDb());
  const rows = await d
    .select({ id: auditLog.id, undoOf: auditLog.undoOf, outcome: auditLog.outcome })
    .from(auditLog)
    .where(and(inArray(auditLog.undoOf, entryIds), inArray(auditLog.outcome, ["ok", "pending"])));
  for (const r of rows) if (r.undoOf) out.set(r.undoOf, { id: r.id, outcome: r.outcome });
  return out;
}
