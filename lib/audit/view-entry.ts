import { diffMetadata, isPlainObject, type Metadata, type MetadataChange } from "@/lib/clerk/metadata";
import type { AuditRow } from "@/lib/db/schema";

/** Bookkeeping fields that change on every write; the diff would only be noise. */
const NOISE = new Set(["id", "object", "updated_at", "created_at"]);

function pick(from: Metadata, keys: string[]): Metadata {
  const out: Metadata = {};
  for (const k of keys) if (Object.hasOwn(from, k)) out[k] = from[k];
  return out;
}

/**
 * What an entry changed, leaf by leaf: the fields its "after" names (metadata objects are descended
 * into, so `public_metadata.plan`; flags and invitation fields show as themselves), compared with the
 * same fields of "before". Entries store either just the touched fields (console) or a whole object
 * (agent results); both read the same way.
 */
export function entryChanges(before: unknown, after: unknown): MetadataChange[] {
  if (!isPlainObject(after)) return [];
  const keys = Object.keys(after).filter((k) => !NOISE.has(k));
  const base = isPlainObject(before) ? pick(before, keys) : {};
  return diffMetadata(base, pick(after, keys));
}

export type OutcomeTone = "success" | "destructive" | "warning" | "secondary";

export function outcomeView(row: Pick<AuditRow, "outcome" | "errorCode">): {
  label: string;
  tone: OutcomeTone;
} {
  switch (row.outcome) {
    case "ok":
      return { label: "ok", tone: "success" };
    case "timeout":
      return {
        label: row.errorCode && row.errorCode !== "timeout" ? `timeout · ${row.errorCode}` : "timeout",
        tone: "warning",
      };
    case "error":
      return { label: row.errorCode ? `error · ${row.errorCode}` : "error", tone: "destructive" };
    case "not_applied":
      return { label: "not applied", tone: "secondary" };
    case "unknown":
      return { label: "unknown", tone: "warning" };
    default:
      return { label: "pending", tone: "secondary" };
  }
}

/** `2026-11-26 07:40:12 UTC`: one zone for everyone, matching the filters (which read times as UTC). */
export function formatAuditTime(d: Date | string | null): string {
  if (!d) return "";
  const date = typeof d === "string" ? new Date(d) : d;
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
