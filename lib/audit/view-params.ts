import {
  createLoader,
  createSerializer,
  parseAsInteger,
  parseAsString,
  parseAsStringLiteral,
} from "nuqs/server";
import { AUDIT_OUTCOMES, AUDIT_SOURCES, type AuditOutcome, type AuditSource } from "@/lib/db/schema";
import type { AuditFilters } from "./audit";

export const AUDIT_PAGE_SIZES = [10, 25, 50, 100] as const;
const DEFAULT_SIZE = 25;

/** Shared by the audit page (loader), its client controls (useQueryStates) and the CSV export route. */
export const auditSearchParams = {
  actor: parseAsString.withDefault(""),
  source: parseAsStringLiteral(AUDIT_SOURCES),
  action: parseAsString.withDefault(""),
  target: parseAsString.withDefault(""),
  outcome: parseAsStringLiteral(AUDIT_OUTCOMES),
  from: parseAsString.withDefault(""),
  to: parseAsString.withDefault(""),
  page: parseAsInteger.withDefault(1),
  size: parseAsInteger.withDefault(DEFAULT_SIZE),
};

export const loadAuditSearchParams = createLoader(auditSearchParams);
export const serializeAuditView = createSerializer(auditSearchParams);

export interface AuditView {
  actor: string;
  source: AuditSource | null;
  action: string;
  target: string;
  outcome: AuditOutcome | null;
  /** As typed: `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm[:ss]`, read as UTC. */
  from: string;
  to: string;
  page: number;
  size: number;
}

type RawView = Omit<AuditView, "size" | "page"> & { page: number; size: number };

export function normalizeAuditView(raw: RawView): AuditView {
  const size = (AUDIT_PAGE_SIZES as readonly number[]).includes(raw.size) ? raw.size : DEFAULT_SIZE;
  const page = Number.isSafeInteger(raw.page) && raw.page >= 1 ? raw.page : 1;
  const clip = (s: string, n: number) => s.trim().slice(0, n);
  return {
    actor: clip(raw.actor, 320),
    source: raw.source,
    action: clip(raw.action, 100),
    target: clip(raw.target, 320),
    outcome: raw.outcome,
    from: clip(raw.from, 40),
    to: clip(raw.to, 40),
    page,
    size,
  };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?$/;

/**
 * A time bound from the URL, in UTC. A bare date as the upper bound includes that whole day.
 * Returns null for an empty value and an error message for anything unreadable.
 */
export function parseTimeBound(value: string, bound: "from" | "to"): Date | null | { error: string } {
  if (value === "") return null;
  let date: Date;
  if (DATE_ONLY.test(value)) {
    date = new Date(`${value}T00:00:00Z`);
    if (bound === "to") date = new Date(date.getTime() + 86_400_000);
  } else if (DATE_TIME.test(value)) {
    date = new Date(value.endsWith("Z") ? value : `${value}Z`);
    // datetime-local has minute precision: "to 10:15" means up to the end of that minute.
    if (bound === "to" && value.length === 16) date = new Date(date.getTime() + 60_000);
  } else {
    return { error: `"${value}" is not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:mm (UTC).` };
  }
  if (Number.isNaN(date.getTime())) return { error: `"${value}" is not a valid date.` };
  return date;
}

/** The view's filters for listAudit/iterateAudit, plus readable errors for bounds that were ignored. */
export function auditViewToFilters(view: AuditView): {
  filters: Omit<AuditFilters, "limit" | "offset" | "order">;
  errors: string[];
} {
  const errors: string[] = [];
  const filters: Omit<AuditFilters, "limit" | "offset" | "order"> = {};
  if (view.actor) filters.actor = view.actor;
  if (view.source) filters.source = view.source;
  if (view.action) filters.action = view.action;
  if (view.target) filters.target = view.target;
  if (view.outcome) filters.outcome = view.outcome;
  for (const bound of ["from", "to"] as const) {
    const parsed = parseTimeBound(view[bound], bound);
    if (parsed instanceof Date) filters[bound] = parsed;
    else if (parsed) errors.push(`${bound === "from" ? "From" : "To"}: ${parsed.error}`);
  }
  if (filters.from && filters.to && filters.from >= filters.to) {
    errors.push("The time range is empty: “From” must be before “To”.");
  }
  return { filters, errors };
}

/** The CSV export URL of a view (same filters, no paging). */
export function auditExportHref(view: Omit<AuditView, "page" | "size">): string {
  const p = new URLSearchParams();
  for (const key of ["actor", "source", "action", "target", "outcome", "from", "to"] as const) {
    const v = view[key];
    if (v) p.set(key, v);
  }
  const qs = p.toString();
  return `/api/audit/export${qs ? `?${qs}` : ""}`;
}
