import { and, asc, desc, eq, gte, ilike, lt, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, getDb } from "@/lib/db/client";
import { AUDIT_SOURCES, type AuditRow, auditLog } from "@/lib/db/schema";
import { classifyAuditError } from "./classify-error";

const jsonValue = z.unknown().refine((v) => v === undefined || isJsonSafe(v), "must be JSON-serialisable");

function isJsonSafe(v: unknown): boolean {
  try {
    JSON.stringify(v);
    return true;
  } catch {
    return false;
  }
}

export const auditAttemptSchema = z.object({
  actorUserId: z.string().min(1),
  actorEmail: z.string().nullish(),
  source: z.enum(AUDIT_SOURCES),
  chatId: z.string().nullish(),
  prompt: z.string().nullish(),
  action: z.string().min(1),
  arguments: jsonValue.optional(),
  targetType: z.string().min(1),
  targetId: z.string().nullish(),
  targetLabel: z.string().nullish(),
  before: jsonValue.optional(),
  approvalId: z.string().nullish(),
  approverUserId: z.string().nullish(),
  undoOf: z.uuid().nullish(),
  ruleId: z.string().nullish(),
  eventId: z.string().nullish(),
});
export type AuditAttempt = z.input<typeof auditAttemptSchema>;

export const auditOutcomeSchema = z.object({
  outcome: z.enum(["ok", "error", "timeout", "not_applied", "unknown"]),
  after: jsonValue.optional(),
  errorCode: z.string().nullish(),
  errorMessage: z.string().nullish(),
  clerkTraceId: z.string().nullish(),
});
export type AuditOutcomeInput = z.input<typeof auditOutcomeSchema>;

export class AuditError extends Error {
  override name = "AuditError";
  constructor(
    message: string,
    readonly code: "invalid_entry" | "not_found" | "outcome_already_recorded",
  ) {
    super(message);
  }
}

function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const r = schema.safeParse(input);
  if (!r.success) {
    const detail = r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new AuditError(`Invalid audit ${what}: ${detail}`, "invalid_entry");
  }
  return r.data;
}

/** Records a write attempt before the Clerk call, so a crash midway still leaves a trace. Returns the entry id. */
export async function recordAttempt(entry: AuditAttempt, db?: Db): Promise<string> {
  const e = parseOrThrow(auditAttemptSchema, entry, "entry");
  const d = db ?? (await getDb());
  const [row] = await d
    .insert(auditLog)
    // Absent optional fields are left to the columns (NULL; outcome "pending"). Arguments may be given
    // as null, which the NOT NULL column would refuse rather than default.
    .values({ ...e, arguments: e.arguments ?? {} })
    .returning({ id: auditLog.id });
  if (!row) throw new AuditError("Audit insert returned no row", "invalid_entry");
  return row.id;
}

/** Records the outcome of a pending attempt. Exactly once: a second call for the same id is refused. */
export async function recordOutcome(id: string, input: AuditOutcomeInput, db?: Db): Promise<void> {
  const o = parseOrThrow(auditOutcomeSchema, input, "outcome");
  if (!z.uuid().safeParse(id).success) throw new AuditError(`Audit entry ${id} not found`, "not_found");
  const d = db ?? (await getDb());
  const updated = await d
    .update(auditLog)
    .set({
      outcome: o.outcome,
      after: o.after ?? null,
      errorCode: o.errorCode ?? null,
      errorMessage: o.errorMessage ?? null,
      clerkTraceId: o.clerkTraceId ?? null,
      completedAt: sql`now()`,
    })
    .where(and(eq(auditLog.id, id), eq(auditLog.outcome, "pending")))
    .returning({ id: auditLog.id });
  if (updated.length === 1) return;
  const existing = await getAuditEntry(id, d);
  if (!existing) throw new AuditError(`Audit entry ${id} not found`, "not_found");
  throw new AuditError(
    `Audit entry ${id} already has outcome "${existing.outcome}"; an outcome is recorded once`,
    "outcome_already_recorded",
  );
}

export interface WithAuditMeta<T> extends AuditAttempt {
  /** Derives the "after" state from the write's result (e.g. the post-merge metadata). */
  after?: (result: T) => unknown;
}

/**
 * Records the attempt, runs the write, records ok / error / timeout, and rethrows the write's error unchanged.
 * If recording the outcome itself fails after a successful write, the entry stays "pending" (visible in the
 * audit page) and the write's result is still returned: the change did happen.
 */
export async function withAudit<T>(
  meta: WithAuditMeta<T>,
  fn: (auditId: string) => Promise<T>,
  db?: Db,
): Promise<T> {
  const { after, ...attempt } = meta;
  const id = await recordAttempt(attempt, db);
  let result: T;
  try {
    result = await fn(id);
  } catch (err) {
    const c = classifyAuditError(err);
    await recordOutcome(
      id,
      { outcome: c.outcome, errorCode: c.code, errorMessage: c.message, clerkTraceId: c.traceId },
      db,
    ).catch((e: unknown) => console.error(`[audit] could not record failure for ${id}:`, e));
    throw err;
  }
  try {
    await recordOutcome(id, { outcome: "ok", after: after ? after(result) : undefined }, db);
  } catch (e) {
    console.error(`[audit] write succeeded but its outcome for ${id} was not recorded:`, e);
  }
  return result;
}

export interface AuditFilters {
  actor?: string;
  source?: (typeof AUDIT_SOURCES)[number];
  action?: string;
  target?: string;
  outcome?: AuditRow["outcome"];
  from?: Date;
  to?: Date;
  undoOf?: string;
  /** Newest first by default. */
  order?: "asc" | "desc";
  limit?: number;
  offset?: number;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

function whereFor(f: AuditFilters): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (f.actor) {
    const a = f.actor.trim();
    conds.push(or(eq(auditLog.actorUserId, a), ilike(auditLog.actorEmail, `%${escapeLike(a)}%`)));
  }
  if (f.source) conds.push(eq(auditLog.source, f.source));
  if (f.action) conds.push(eq(auditLog.action, f.action));
  if (f.target) {
    const t = f.target.trim();
    conds.push(or(eq(auditLog.targetId, t), ilike(auditLog.targetLabel, `%${escapeLike(t)}%`)));
  }
  if (f.outcome) conds.push(eq(auditLog.outcome, f.outcome));
  if (f.from) conds.push(gte(auditLog.createdAt, f.from));
  if (f.to) conds.push(lt(auditLog.createdAt, f.to));
  if (f.undoOf) conds.push(eq(auditLog.undoOf, f.undoOf));
  return and(...conds);
}

export const AUDIT_PAGE_MAX = 1000;

/** Newest first. `total` counts every row matching the filters (for pagination). */
export async function listAudit(
  filters: AuditFilters = {},
  db?: Db,
): Promise<{ rows: AuditRow[]; total: number }> {
  const d = db ?? (await getDb());
  const limit = Math.min(Math.max(1, Math.trunc(filters.limit ?? 50)), AUDIT_PAGE_MAX);
  const offset = Math.max(0, Math.trunc(filters.offset ?? 0));
  const where = whereFor(filters);
  const [rows, counted] = await Promise.all([
    d
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(
        ...(filters.order === "asc"
          ? [asc(auditLog.createdAt), asc(auditLog.id)]
          : [desc(auditLog.createdAt), desc(auditLog.id)]),
      )
      .limit(limit)
      .offset(offset),
    d.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return { rows, total: Number(counted[0]?.n ?? 0) };
}

/**
 * Pages through every matching row (for CSV export) without loading them all at once. Oldest first, so rows
 * appended during the export land after the cursor instead of shifting the pages already read.
 */
export async function* iterateAudit(
  filters: Omit<AuditFilters, "limit" | "offset" | "order"> = {},
  db?: Db,
  pageSize = 500,
): AsyncGenerator<AuditRow> {
  for (let offset = 0; ; offset += pageSize) {
    const { rows } = await listAudit({ ...filters, order: "asc", limit: pageSize, offset }, db);
    yield* rows;
    if (rows.length < pageSize) return;
  }
}

export async function getAuditEntry(id: string, db?: Db): Promise<AuditRow | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const d = db ?? (await getDb());
  const [row] = await d.select().from(auditLog).where(eq(auditLog.id, id)).limit(1);
  return row ?? null;
}
