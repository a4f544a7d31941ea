// One batch of a job's run (one workflow step, lib/jobs/bulk-workflow): the binding and standing checks,
// then up to `batchTargets` targets through paced lanes. A batch is safe to run twice (steps are
// at-least-once): targets are claimed in the store, a target a killed batch left "running" is re-read
// before anything else (reconcileRunning), and each write goes through the write executor under the
// target's lock, refused as stale unless the target is still in its approved before-state.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { OwnerLookup } from "@/lib/auth/token-auth";
import type { ClerkClient } from "@/lib/clerk/client";
import type { Db } from "@/lib/db/client";
import { approvals, type BulkJobRow, type BulkJobTargetRow, bulkJobs, bulkJobTargets } from "@/lib/db/schema";
import { positiveNumber } from "@/lib/env";
import { logger } from "@/lib/errors";
import { pacedClerk } from "./paced-clerk";
import type { Pacer } from "./pacer";
import type { BindingCheck } from "./plan";
import { bulkAction } from "./planner";
import { checkJobStanding, type JobPeople, type JobStanding } from "./standing";
import { checkStoredPlan, controlJob, finishJob, getJob } from "./store";
import { processTarget, type RunState, reconcileRunning } from "./target-execution";
import { DEFAULT_TARGET_RETRY, type TargetRetryPolicy } from "./target-retry";

export interface BatchOptions {
  db: Db;
  clerk: ClerkClient;
  pacer: Pacer;
  /** Roles now (lib/jobs/standing pacedOwnerLookup): a job whose proposer or approver lost admin never starts. */
  lookupOwner: OwnerLookup;
  /** The workflow run executing this batch; a job another run has taken over ends here ("superseded"). */
  runId?: string | null;
  /**
   * The run's check of the stored plan against its approval's hashes. The plan's arguments and
   * before-states are never written after proposal, so the first batch of a run hashes them and sets
   * `verified`; later batches of that run only re-read the approval (and re-check standing).
   */
  plan?: { verified: boolean };
  /** Targets one batch takes on; every step replays the run's history, so batches keep steps few. */
  batchTargets?: number;
  /** Targets in flight at once; the pacer, not this, sets the request rate. */
  concurrency?: number;
  /** How long a target's write lock outlives a killed process (lib/writes/target-lock). */
  lockLeaseMs?: number;
  /** How often a running batch re-checks the job's standing. */
  standingCheckMs?: number;
  /** Backoff of targets that failed for a reason that passes (Clerk unreachable, 429). */
  targetRetry?: Partial<TargetRetryPolicy>;
}

export const DEFAULT_BATCH_TARGETS = 50;
const DEFAULT_STANDING_CHECK_MS = 5_000;
const DEFAULT_LOCK_LEASE_MS = 30_000;
const CONTROL_POLL_MS = 1_000;

export type RunEnd =
  | "completed"
  | "completed_with_errors"
  | "paused"
  | "cancelled"
  | "failed"
  | "superseded"
  | "not_runnable";

/** `wait`: some target has to wait (Clerk unreachable, 429, a write to settle, a lock); the run sleeps until then. */
export type BatchResult =
  | { next: "more" }
  | { next: "wait"; until: number; reason: string }
  | { next: "end"; end: RunEnd };

const end = (e: RunEnd): BatchResult => ({ next: "end", end: e });

function endFor({ status: s }: BulkJobRow): RunEnd {
  return s === "awaiting_approval" || s === "denied" || s === "queued" || s === "running"
    ? "not_runnable"
    : s;
}

export function lockLeaseFromEnv(env: Record<string, string | undefined> = process.env): number {
  const n = positiveNumber(env.BULK_LEASE_MS);
  return n !== undefined && n >= 1_000 ? n : DEFAULT_LOCK_LEASE_MS;
}

/** Runs the next batch of an approved job. */
export async function runBatch(opts: BatchOptions, jobId: string): Promise<BatchResult> {
  const { db } = opts;
  const found = await getJob(db, jobId);
  if (!found) return end("failed");
  if (opts.runId && found.runId && found.runId !== opts.runId) return end("superseded");
  if (found.status !== "queued" && found.status !== "running") return end(endFor(found));
  const [job] = await db
    .update(bulkJobs)
    .set({
      status: "running",
      startedAt: sql`coalesce(${bulkJobs.startedAt}, now())`,
      updatedAt: new Date(),
    })
    .where(and(eq(bulkJobs.id, jobId), inArray(bulkJobs.status, ["queued", "running"])))
    .returning();
  if (!job) return end(endFor((await getJob(db, jobId)) ?? found));
  const action = bulkAction(job.action);
  const [approval] = job.approvalId
    ? await db.select().from(approvals).where(eq(approvals.id, job.approvalId)).limit(1)
    : [];
  const binding: BindingCheck =
    approval?.status !== "executed" || approval.bulkJobId !== job.id
      ? { ok: false, code: "args_mismatch", message: "The job has no approved plan." }
      : opts.plan?.verified
        ? { ok: true }
        : await checkStoredPlan(db, job, approval, approval.argsHash);
  if (!binding.ok) {
    await finishJob(db, job.id, "failed", binding.message);
    logger.error("jobs.binding_failed", { jobId: job.id, code: binding.code });
    return end("failed");
  }
  if (opts.plan) opts.plan.verified = true;
  const lockLeaseMs = opts.lockLeaseMs ?? DEFAULT_LOCK_LEASE_MS;
  const state: RunState = {
    job,
    action,
    paced: pacedClerk(opts.clerk, opts.pacer),
    approverUserId: approval?.decidedBy ?? null,
    stop: null,
    halt: null,
    defer: null,
    later: null,
    lockLeaseMs,
    retry: { ...DEFAULT_TARGET_RETRY, ...opts.targetRetry },
  };
  // Every batch: the same people and token must still stand as at approval.
  const people: JobPeople = {
    chatId: approval?.chatId ?? null,
    people: [
      { as: "proposer", userId: job.createdBy },
      ...(approval?.decidedBy ? [{ as: "approver" as const, userId: approval.decidedBy }] : []),
    ],
  };
  const standing = await checkJobStanding(db, opts.lookupOwner, people);
  if (!standing.ok) return refuseRun(db, state, lockLeaseMs, standing);
  // While it runs, the same check again every standingCheckMs (its Clerk reads paced like the job's):
  // a demotion or revocation stops new writes mid-batch, not only at the next one.
  const checkEvery = opts.standingCheckMs ?? DEFAULT_STANDING_CHECK_MS;
  let checkedAt = Date.now();
  let checking = false;
  const recheck = async (): Promise<void> => {
    if (checking || state.halt || Date.now() - checkedAt < checkEvery) return;
    checking = true;
    try {
      const now = await checkJobStanding(db, opts.lookupOwner, people);
      checkedAt = Date.now();
      if (!now.ok && !state.halt) {
        state.halt = now;
        logger.warn("jobs.standing_lost", { jobId: job.id, code: now.code, final: now.final });
      }
    } finally {
      checking = false;
    }
  };
  let flushed = 0;
  // Pause, cancel and a newer run are flags in the store, read while the batch runs.
  const poll = async (): Promise<void> => {
    const delta = state.paced.requests - flushed;
    flushed += delta;
    const [row] = await db
      .update(bulkJobs)
      .set({ requestCount: sql`${bulkJobs.requestCount} + ${delta}`, updatedAt: new Date() })
      .where(eq(bulkJobs.id, job.id))
      .returning({ status: bulkJobs.status, runId: bulkJobs.runId });
    if (!row) state.stop = "failed";
    else if (opts.runId && row.runId && row.runId !== opts.runId) state.stop = "superseded";
    else if (row.status === "paused" || row.status === "cancelled") state.stop = row.status;
  };
  const timer = setInterval(() => {
    void poll().catch((e) => logger.error("jobs.poll_failed", { jobId: job.id, error: String(e) }));
    void recheck().catch((e) =>
      logger.error("jobs.standing_check_failed", { jobId: job.id, error: String(e) }),
    );
  }, CONTROL_POLL_MS);
  try {
    await reconcileRunning(db, state);
    const taken = state.defer
      ? 0
      : await processPending(db, state, opts.concurrency ?? 4, opts.batchTargets ?? DEFAULT_BATCH_TARGETS);
    await poll();
    // In-flight targets have settled and nothing new was written since the check failed: cancel (or,
    // when Clerk could not be asked, wait) exactly as if the check had failed at the start.
    if (state.halt && state.stop !== "superseded") return refuseRun(db, state, lockLeaseMs, state.halt);
    if (state.stop) return end(state.stop);
    const wait = state.defer ?? state.later;
    if (wait && wait.until > Date.now()) {
      logger.warn("jobs.run_waits", { jobId: job.id, reason: wait.reason, ms: wait.until - Date.now() });
      return { next: "wait", until: wait.until, reason: wait.reason };
    }
    if (taken > 0 || wait) return { next: "more" };
    return finishIfDone(db, job, state.paced.requests);
  } finally {
    clearInterval(timer);
  }
}

async function finishIfDone(db: Db, job: BulkJobRow, requests: number): Promise<BatchResult> {
  const counts = await db
    .select({ status: bulkJobTargets.status, n: sql<number>`count(*)::int` })
    .from(bulkJobTargets)
    .where(
      and(eq(bulkJobTargets.jobId, job.id), inArray(bulkJobTargets.status, ["pending", "running", "error"])),
    )
    .groupBy(bulkJobTargets.status);
  const count = (st: string) => counts.find((c) => c.status === st)?.n ?? 0;
  if (count("pending") + count("running") > 0) return { next: "more" };
  const failed = count("error");
  const e = failed > 0 ? "completed_with_errors" : "completed";
  await finishJob(
    db,
    job.id,
    e,
    failed > 0 ? `${failed} of ${job.totalTargets} targets failed; an admin can retry them.` : null,
  );
  logger.info("jobs.completed", { jobId: job.id, requests, failed });
  return end(e);
}

/**
 * A job that may no longer run is cancelled before any (further) write: targets a killed batch left in
 * flight are settled first (reads only), so what was done stays done and the rest is skipped. If Clerk could
 * not be asked, the run waits one lock period and tries again.
 */
async function refuseRun(
  db: Db,
  s: RunState,
  waitMs: number,
  standing: Extract<JobStanding, { ok: false }>,
): Promise<BatchResult> {
  logger.warn("jobs.run_refused", { jobId: s.job.id, code: standing.code, final: standing.final });
  if (!standing.final) return { next: "wait", until: Date.now() + waitMs, reason: standing.code };
  await reconcileRunning(db, s).catch((e) =>
    logger.error("jobs.reconcile_failed", { jobId: s.job.id, error: String(e) }),
  );
  await controlJob(db, s.job.id, "cancel", new Date(), standing.message).catch((e) =>
    logger.warn("jobs.cancel_failed", { jobId: s.job.id, error: String(e) }),
  );
  return end("cancelled");
}

/** Up to `limit` pending targets in plan order through `concurrency` lanes; returns how many were taken. */
async function processPending(db: Db, s: RunState, concurrency: number, limit: number): Promise<number> {
  const rows: BulkJobTargetRow[] = await db
    .select()
    .from(bulkJobTargets)
    .where(and(eq(bulkJobTargets.jobId, s.job.id), eq(bulkJobTargets.status, "pending")))
    .orderBy(asc(bulkJobTargets.seq))
    .limit(Math.max(1, limit));
  const queue = [...rows];
  let taken = 0;
  const lane = async () => {
    for (;;) {
      if (s.stop || s.halt || s.defer) return;
      const t = queue.shift();
      if (!t) return;
      taken++;
      await processTarget(db, s, t);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  return taken;
}
