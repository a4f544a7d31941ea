// The run loop of one leased job: binding and standing checks, heartbeat, paced lanes over its targets.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { OwnerLookup } from "@/lib/auth/token-auth";
import type { ClerkClient } from "@/lib/clerk/client";
import type { Db } from "@/lib/db/client";
import { approvals, type BulkJobRow, type BulkJobTargetRow, bulkJobs, bulkJobTargets } from "@/lib/db/schema";
import { logger } from "@/lib/errors";
import { finishJob, releaseLease } from "./job-lease";
import { pacedClerk } from "./paced-clerk";
import type { Pacer } from "./pacer";
import { checkBinding } from "./plan";
import { bulkAction } from "./planner";
import { checkJobStanding, type JobPeople, type JobStanding } from "./standing";
import { controlJob, plannedTargets } from "./store";
import { processTarget, type RunState, reconcileRunning } from "./target-execution";
import { DEFAULT_TARGET_RETRY, type TargetRetryPolicy } from "./target-retry";

export interface RunnerOptions {
  db: Db;
  clerk: ClerkClient;
  pacer: Pacer;
  /** Roles now (lib/jobs/standing pacedOwnerLookup): a job whose proposer or approver lost admin never starts. */
  lookupOwner: OwnerLookup;
  /** Identifies this process in the lease. */
  owner?: string;
  leaseMs?: number;
  /** Targets in flight at once; the pacer, not this, sets the request rate. */
  concurrency?: number;
  /** Checked between targets: the worker is shutting down (the job stays runnable for the next one). */
  shouldStop?: () => boolean;
  /** How often a running job re-checks its standing (on the lease heartbeat, so at most this often). */
  standingCheckMs?: number;
  /** Backoff of targets that failed for a reason that passes (Clerk unreachable, 429). */
  targetRetry?: Partial<TargetRetryPolicy>;
}

export const DEFAULT_STANDING_CHECK_MS = 5_000;

/**
 * `deferred`: Clerk could not be asked (the roles, or a target's read or write); the job is put off and
 * runs again after a lease period or the targets' backoff.
 */
export type RunEnd =
  | "completed"
  | "completed_with_errors"
  | "paused"
  | "cancelled"
  | "lost_lease"
  | "failed"
  | "deferred";

export function defaultOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** Runs one leased job until it is done, paused, cancelled or the lease is lost. */
export async function runJob(opts: RunnerOptions, job: BulkJobRow): Promise<RunEnd> {
  const { db } = opts;
  const owner = job.leaseOwner ?? "";
  const leaseMs = opts.leaseMs ?? 30_000;
  const action = bulkAction(job.action);
  const [approval] = job.approvalId
    ? await db.select().from(approvals).where(eq(approvals.id, job.approvalId)).limit(1)
    : [];
  const binding =
    approval?.status === "executed" && approval.bulkJobId === job.id
      ? checkBinding(
          job.action,
          await plannedTargets(db, job.id),
          { planHash: approval.argsHash, beforeHash: approval.targetStateHash ?? "" },
          approval.argsHash,
        )
      : ({ ok: false, code: "args_mismatch", message: "The job has no approved plan." } as const);
  if (!binding.ok) {
    await finishJob(db, job.id, owner, "failed", binding.message);
    logger.error("jobs.binding_failed", { jobId: job.id, code: binding.code });
    return "failed";
  }
  const state: RunState = {
    job,
    action,
    paced: pacedClerk(opts.clerk, opts.pacer),
    approverUserId: approval?.decidedBy ?? null,
    stop: null,
    halt: null,
    defer: null,
    later: null,
    lockLeaseMs: leaseMs,
    retry: { ...DEFAULT_TARGET_RETRY, ...opts.targetRetry },
    shouldStop: opts.shouldStop ?? (() => false),
  };
  // Every run start (first run, resume, restart): the same people and token must still stand as at approval.
  const people: JobPeople = {
    chatId: approval?.chatId ?? null,
    people: [
      { as: "proposer", userId: job.createdBy },
      ...(approval?.decidedBy ? [{ as: "approver" as const, userId: approval.decidedBy }] : []),
    ],
  };
  const standing = await checkJobStanding(db, opts.lookupOwner, people);
  if (!standing.ok) return refuseRun(db, state, owner, leaseMs, standing);
  // While it runs, the same check again every standingCheckMs (its Clerk reads paced like the job's):
  // a demotion or revocation stops new writes mid-run, not only at the next run.
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
  const heartbeat = async (): Promise<void> => {
    const now = new Date();
    const delta = state.paced.requests - flushed;
    flushed += delta;
    const [row] = await db
      .update(bulkJobs)
      .set({
        leaseExpiresAt: new Date(now.getTime() + leaseMs),
        requestCount: sql`${bulkJobs.requestCount} + ${delta}`,
        updatedAt: now,
      })
      .where(and(eq(bulkJobs.id, job.id), eq(bulkJobs.leaseOwner, owner)))
      .returning({ status: bulkJobs.status });
    if (!row) state.stop = "lost_lease";
    else if (row.status === "paused" || row.status === "cancelled") state.stop = row.status;
  };
  const timer = setInterval(
    () => {
      void heartbeat().catch((e) =>
        logger.error("jobs.heartbeat_failed", { jobId: job.id, error: String(e) }),
      );
      void recheck().catch((e) =>
        logger.error("jobs.standing_check_failed", { jobId: job.id, error: String(e) }),
      );
    },
    Math.max(200, Math.min(leaseMs / 3, 2_000)),
  );
  try {
    await reconcileRunning(db, state);
    if (!state.defer) await processPending(db, state, opts.concurrency ?? 4);
    await heartbeat();
    // In-flight targets have settled and nothing new was written since the check failed: cancel (or,
    // when Clerk could not be asked, put the run off) exactly as if the check had failed at the start.
    if (state.halt && state.stop !== "lost_lease") return refuseRun(db, state, owner, leaseMs, state.halt);
    if (state.stop) {
      if (state.stop !== "lost_lease") await releaseLease(db, job.id, owner);
      return state.stop;
    }
    if (state.defer) return deferRun(db, state, owner, state.defer);
    if (state.later) return deferRun(db, state, owner, state.later);
    const counts = await db
      .select({ status: bulkJobTargets.status, n: sql<number>`count(*)::int` })
      .from(bulkJobTargets)
      .where(
        and(
          eq(bulkJobTargets.jobId, job.id),
          inArray(bulkJobTargets.status, ["pending", "running", "error"]),
        ),
      )
      .groupBy(bulkJobTargets.status);
    const count = (st: string) => counts.find((c) => c.status === st)?.n ?? 0;
    if (count("pending") + count("running") > 0) {
      await releaseLease(db, job.id, owner);
      return "paused";
    }
    const failed = count("error");
    const end = failed > 0 ? "completed_with_errors" : "completed";
    await finishJob(
      db,
      job.id,
      owner,
      end,
      failed > 0 ? `${failed} of ${job.totalTargets} targets failed; an admin can retry them.` : null,
    );
    logger.info("jobs.completed", { jobId: job.id, requests: state.paced.requests, failed });
    return end;
  } finally {
    clearInterval(timer);
  }
}

/** Some target has to wait (Clerk unreachable, 429, a write to settle): nobody holds the job until then. */
async function deferRun(
  db: Db,
  s: RunState,
  owner: string,
  defer: NonNullable<RunState["defer"]>,
): Promise<RunEnd> {
  await db
    .update(bulkJobs)
    .set({ leaseOwner: null, leaseExpiresAt: new Date(defer.until), updatedAt: new Date() })
    .where(and(eq(bulkJobs.id, s.job.id), eq(bulkJobs.leaseOwner, owner)));
  logger.warn("jobs.run_deferred", {
    jobId: s.job.id,
    reason: defer.reason,
    untilMs: Math.max(0, defer.until - Date.now()),
  });
  return "deferred";
}

/**
 * A job that may no longer run is cancelled before any (further) write: targets a dead worker left
 * in flight are settled first (reads only), so what was done stays done and the rest is skipped. If Clerk could
 * not be asked, nobody holds the job for one lease period and it is tried again.
 */
async function refuseRun(
  db: Db,
  s: RunState,
  owner: string,
  leaseMs: number,
  standing: Extract<JobStanding, { ok: false }>,
): Promise<RunEnd> {
  logger.warn("jobs.run_refused", { jobId: s.job.id, code: standing.code, final: standing.final });
  const now = new Date();
  if (!standing.final) {
    await db
      .update(bulkJobs)
      .set({ leaseOwner: null, leaseExpiresAt: new Date(now.getTime() + leaseMs), updatedAt: now })
      .where(and(eq(bulkJobs.id, s.job.id), eq(bulkJobs.leaseOwner, owner)));
    return "deferred";
  }
  await reconcileRunning(db, s).catch((e) =>
    logger.error("jobs.reconcile_failed", { jobId: s.job.id, error: String(e) }),
  );
  await controlJob(db, s.job.id, "cancel", now, standing.message).catch((e) =>
    logger.warn("jobs.cancel_failed", { jobId: s.job.id, error: String(e) }),
  );
  return "cancelled";
}

async function processPending(db: Db, s: RunState, concurrency: number): Promise<void> {
  let queue: BulkJobTargetRow[] = [];
  let lastSeq = -1;
  let exhausted = false;
  let loading: Promise<void> | null = null;
  const load = async () => {
    const rows = await db
      .select()
      .from(bulkJobTargets)
      .where(
        and(
          eq(bulkJobTargets.jobId, s.job.id),
          eq(bulkJobTargets.status, "pending"),
          gt(bulkJobTargets.seq, lastSeq),
        ),
      )
      .orderBy(asc(bulkJobTargets.seq))
      .limit(200);
    if (rows.length === 0) exhausted = true;
    lastSeq = rows.at(-1)?.seq ?? lastSeq;
    queue = queue.concat(rows);
  };
  const next = async (): Promise<BulkJobTargetRow | null> => {
    while (queue.length === 0 && !exhausted) {
      loading ??= load().finally(() => {
        loading = null;
      });
      await loading;
    }
    return queue.shift() ?? null;
  };
  const lane = async () => {
    for (;;) {
      if (s.stop || s.halt || s.defer || s.shouldStop()) return;
      const t = await next();
      if (!t) return;
      await processTarget(db, s, t);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
}
