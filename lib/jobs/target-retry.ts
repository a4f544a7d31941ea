// What a job does with a target whose write could not be made now: a failure that passes (Clerk
// unreachable or rate limiting before anything was written) puts the target back to pending and the run
// off with backoff; a write Clerk did not confirm is left to be settled by a re-read (reconcileRunning)
// before anything else is sent; a target caught by the run's own halt (its standing check failed) goes back
// untouched; only what retrying cannot fix fails the target.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { type BulkJobTargetRow, bulkJobTargets } from "@/lib/db/schema";
import { type AppError, logger } from "@/lib/errors";

export interface TargetRetryPolicy {
  /** First backoff; doubled per attempt of the target. */
  baseMs: number;
  maxMs: number;
  /** Attempts after which a target still failing on Clerk being unreachable fails (429s never do). */
  maxAttempts: number;
  /** A write whose request timed out may still land: it is settled by a re-read no sooner than this. */
  settleAfterTimeoutMs: number;
}

export const DEFAULT_TARGET_RETRY: TargetRetryPolicy = {
  baseMs: 1_000,
  maxMs: 60_000,
  maxAttempts: 8,
  settleAfterTimeoutMs: 10_000,
};

/** Set on the run when a target has to wait: lanes start nothing new and the run is put off until `until`. */
export interface Deferral {
  until: number;
  reason: string;
}

/**
 * Failures that left Clerk unchanged and may pass: a 429 (Clerk refused before doing anything), Clerk
 * unreachable or failing (5xx, network, timeout) on the read before the write, the target's lock busy.
 */
export function isRetryableTargetError(err: AppError): boolean {
  if (err.code === "rate_limited") return true;
  if (err.code === "upstream_unavailable") return err.details?.phase === "pre_write_read";
  return err.code === "conflict" && err.details?.reason === "target_busy";
}

export function backoffMs(policy: TargetRetryPolicy, attempts: number, retryAfterSeconds?: number): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exp * (0.8 + Math.random() * 0.2);
  return Math.round(Math.max(jittered, (retryAfterSeconds ?? 0) * 1000));
}

export function deferRunUntil(s: { defer: Deferral | null }, until: number, reason: string): void {
  if (!s.defer || s.defer.until < until) s.defer = { until, reason };
}

export async function setTarget(
  db: Db,
  t: Pick<BulkJobTargetRow, "jobId" | "seq">,
  values: Partial<BulkJobTargetRow>,
) {
  await db
    .update(bulkJobTargets)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(bulkJobTargets.jobId, t.jobId), eq(bulkJobTargets.seq, t.seq)));
}

/** Back to pending with backoff (the run is put off); failed once a non-429 failure has used every attempt. */
export async function retryLater(
  db: Db,
  s: { defer: Deferral | null; later?: Deferral | null; retry: TargetRetryPolicy },
  t: BulkJobTargetRow,
  err: AppError,
): Promise<void> {
  if (err.code !== "rate_limited" && t.attempts >= s.retry.maxAttempts) {
    await setTarget(db, t, {
      status: "error",
      auditId: null,
      errorCode: err.code,
      errorMessage: `Not applied: ${err.message} (gave up after ${t.attempts} attempts).`,
    });
    return;
  }
  const delay = backoffMs(s.retry, t.attempts, err.retryAfter);
  await setTarget(db, t, {
    status: "pending",
    auditId: null,
    errorCode: err.code,
    errorMessage: `Not applied yet, will retry: ${err.message}`,
  });
  // Another writer holds this target (a dead worker's lock lasts until its lease expires): only this
  // target waits; Clerk itself is fine, so the rest of the pass goes on at the pace.
  if (err.details?.reason === "target_busy" && "later" in s) {
    if (!s.later || s.later.until < Date.now() + delay)
      s.later = { until: Date.now() + delay, reason: err.code };
  } else deferRunUntil(s, Date.now() + delay, err.code);
  logger.warn("jobs.target_retry_later", { jobId: t.jobId, seq: t.seq, code: err.code, delayMs: delay });
}

/**
 * Clerk did not confirm the write and the target could not be checked (or may still change): it stays
 * "running" with its audit intent, and the next run re-reads it (reconcileRunning) before sending anything.
 */
export async function settleLater(
  db: Db,
  s: { defer: Deferral | null; retry: TargetRetryPolicy },
  t: BulkJobTargetRow,
  auditId: string | null,
  timedOut: boolean,
): Promise<void> {
  await setTarget(db, t, {
    status: "running",
    auditId,
    errorCode: "outcome_unknown",
    errorMessage: "Clerk did not confirm the write; the target is re-read before anything else is sent.",
  });
  const delay = Math.max(backoffMs(s.retry, t.attempts), timedOut ? s.retry.settleAfterTimeoutMs : 0);
  deferRunUntil(s, Date.now() + delay, "outcome_unknown");
  logger.warn("jobs.target_settle_later", { jobId: t.jobId, seq: t.seq, delayMs: delay });
}

/**
 * The run halted (its periodic standing check failed) before this target's write went out: back to
 * pending untouched, whatever its own request met meanwhile; refuseRun then puts the job off or cancels it.
 */
export async function holdTarget(
  db: Db,
  t: BulkJobTargetRow,
  halt: { code: string },
  err?: AppError,
): Promise<void> {
  await setTarget(db, t, { status: "pending", auditId: null });
  logger.warn("jobs.target_held", { jobId: t.jobId, seq: t.seq, reason: halt.code, code: err?.code });
}
