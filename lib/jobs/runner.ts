import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { and, asc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { recordOutcome, withAudit } from "@/lib/audit/audit";
import type { OwnerLookup } from "@/lib/auth/token-auth";
import type { ClerkClient } from "@/lib/clerk/client";
import { runAction, type WriteAction } from "@/lib/clerk/define-action";
import { withReadRetry } from "@/lib/clerk/retry";
import { stableHash } from "@/lib/clerk/stable-hash";
import type { Db } from "@/lib/db/client";
import {
  approvals,
  auditLog,
  type BulkJobRow,
  type BulkJobTargetRow,
  bulkJobs,
  bulkJobTargets,
} from "@/lib/db/schema";
import { AppError, logger, toAppError } from "@/lib/errors";
import { type PacedClerk, pacedClerk } from "./paced-clerk";
import type { Pacer } from "./pacer";
import { checkBinding } from "./plan";
import { bulkAction } from "./planner";
import { afterStateHolds } from "./reconcile";
import { checkJobStanding, type JobStanding } from "./standing";
import { controlJob, plannedTargets } from "./store";

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
}

/** `deferred`: the roles could not be checked (Clerk unreachable); the job is retried after a lease period. */
export type RunEnd = "completed" | "paused" | "cancelled" | "lost_lease" | "failed" | "deferred";

export function defaultOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** Takes the oldest runnable job whose lease is free or expired (a dead worker's job is taken over). */
export async function acquireJob(
  db: Db,
  owner: string,
  leaseMs: number,
  now = new Date(),
): Promise<BulkJobRow | null> {
  const runnable = and(
    inArray(bulkJobs.status, ["queued", "running"]),
    or(isNull(bulkJobs.leaseExpiresAt), lt(bulkJobs.leaseExpiresAt, now), eq(bulkJobs.leaseOwner, owner)),
  );
  const candidates = await db
    .select({ id: bulkJobs.id })
    .from(bulkJobs)
    .where(runnable)
    .orderBy(asc(bulkJobs.createdAt))
    .limit(5);
  for (const c of candidates) {
    const [row] = await db
      .update(bulkJobs)
      .set({
        status: "running",
        leaseOwner: owner,
        leaseExpiresAt: new Date(now.getTime() + leaseMs),
        startedAt: sql`coalesce(${bulkJobs.startedAt}, ${now.toISOString()}::timestamptz)`,
        updatedAt: now,
      })
      .where(and(eq(bulkJobs.id, c.id), runnable))
      .returning();
    if (row) return row;
  }
  return null;
}

interface RunState {
  job: BulkJobRow;
  action: WriteAction;
  paced: PacedClerk;
  approverUserId: string | null;
  stop: RunEnd | null;
  shouldStop: () => boolean;
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
    shouldStop: opts.shouldStop ?? (() => false),
  };
  // Every run start (first run, resume, restart): the same people and token must still stand as at approval.
  const standing = await checkJobStanding(db, opts.lookupOwner, {
    chatId: approval?.chatId ?? null,
    people: [
      { as: "proposer", userId: job.createdBy },
      ...(approval?.decidedBy ? [{ as: "approver" as const, userId: approval.decidedBy }] : []),
    ],
  });
  if (!standing.ok) return refuseRun(db, state, owner, leaseMs, standing);
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
    () =>
      void heartbeat().catch((e) =>
        logger.error("jobs.heartbeat_failed", { jobId: job.id, error: String(e) }),
      ),
    Math.max(200, Math.min(leaseMs / 3, 2_000)),
  );
  try {
    await reconcileRunning(db, state);
    await processPending(db, state, opts.concurrency ?? 4);
    await heartbeat();
    if (state.stop) {
      if (state.stop !== "lost_lease") await releaseLease(db, job.id, owner);
      return state.stop;
    }
    const [left] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(bulkJobTargets)
      .where(and(eq(bulkJobTargets.jobId, job.id), inArray(bulkJobTargets.status, ["pending", "running"])));
    if ((left?.n ?? 0) > 0) {
      await releaseLease(db, job.id, owner);
      return "paused";
    }
    await finishJob(db, job.id, owner, "completed", null);
    logger.info("jobs.completed", { jobId: job.id, requests: state.paced.requests });
    return "completed";
  } finally {
    clearInterval(timer);
  }
}

/**
 * A job that may no longer run is cancelled before any write: targets a dead worker left in flight
 * are settled first (reads only), so what was done stays done and the rest is skipped. If Clerk could
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

async function releaseLease(db: Db, jobId: string, owner: string): Promise<void> {
  await db
    .update(bulkJobs)
    .set({ leaseOwner: null, leaseExpiresAt: null, updatedAt: new Date() })
    .where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.leaseOwner, owner)));
}

async function finishJob(
  db: Db,
  jobId: string,
  owner: string,
  status: "completed" | "failed",
  error: string | null,
) {
  const now = new Date();
  await db
    .update(bulkJobs)
    .set({ status, error, finishedAt: now, leaseOwner: null, leaseExpiresAt: null, updatedAt: now })
    .where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.leaseOwner, owner), eq(bulkJobs.status, "running")));
}

async function setTarget(
  db: Db,
  t: Pick<BulkJobTargetRow, "jobId" | "seq">,
  values: Partial<BulkJobTargetRow>,
) {
  await db
    .update(bulkJobTargets)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(bulkJobTargets.jobId, t.jobId), eq(bulkJobTargets.seq, t.seq)));
}

/**
 * Targets a dead worker left "running" may or may not have been written. Each is re-read: if the
 * change is already there it is done; if the target is exactly as planned it was not written and goes
 * back to pending (the old lease has expired, so nothing of the old worker is still in flight);
 * anything else is reported, never re-applied.
 */
async function reconcileRunning(db: Db, s: RunState): Promise<void> {
  const running = await db
    .select()
    .from(bulkJobTargets)
    .where(and(eq(bulkJobTargets.jobId, s.job.id), eq(bulkJobTargets.status, "running")));
  for (const t of running) {
    const target = s.action.target(t.args);
    const [pending] = await db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.approvalId, s.job.approvalId ?? ""),
          eq(auditLog.targetId, target.id ?? ""),
          eq(auditLog.outcome, "pending"),
        ),
      )
      .limit(1);
    const auditId = t.auditId ?? pending?.id ?? null;
    const current = await readTarget(s, t.args, true);
    s.paced.forget(t.targetId);
    if (afterStateHolds(s.job.action, t.args, current)) {
      await setTarget(db, t, {
        status: "ok",
        applied: true,
        auditId,
        errorCode: null,
        errorMessage: "Reconciled after a restart: the change was already applied.",
      });
      if (auditId) await recordOutcome(auditId, { outcome: "ok", after: current }, db).catch(() => {});
    } else if (stableHash(current) === stableHash(t.before)) {
      await setTarget(db, t, { status: "pending" });
      if (auditId)
        await recordOutcome(
          auditId,
          {
            outcome: "error",
            errorCode: "not_applied",
            errorMessage: "Worker stopped before the write; re-read shows it was not applied.",
          },
          db,
        ).catch(() => {});
    } else {
      await setTarget(db, t, {
        status: "error",
        errorCode: "unknown_outcome",
        errorMessage:
          "The worker stopped mid-write and the target has changed since; check it before retrying.",
      });
    }
    logger.info("jobs.reconciled", { jobId: s.job.id, seq: t.seq });
  }
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
      if (s.stop || s.shouldStop()) return;
      const t = await next();
      if (!t) return;
      await processTarget(db, s, t);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
}

/** A read of the target's state (retried like any read; 429s are handled by the paced client). */
function readTarget(s: RunState, args: unknown, fresh: boolean): Promise<unknown> {
  const id = s.action.target(args).id;
  return withReadRetry(
    () => {
      if (fresh && id) s.paced.forget(id);
      return s.action.snapshot(args, { clerk: s.paced.clerk });
    },
    { label: `jobs.${s.job.action}.snapshot` },
  );
}

async function processTarget(db: Db, s: RunState, t: BulkJobTargetRow): Promise<void> {
  const [claimed] = await db
    .update(bulkJobTargets)
    .set({ status: "running", attempts: sql`${bulkJobTargets.attempts} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(bulkJobTargets.jobId, t.jobId),
        eq(bulkJobTargets.seq, t.seq),
        eq(bulkJobTargets.status, "pending"),
      ),
    )
    .returning();
  if (!claimed) return;
  try {
    await applyTarget(db, s, claimed);
  } finally {
    s.paced.forget(claimed.targetId);
  }
}

async function applyTarget(db: Db, s: RunState, claimed: BulkJobTargetRow): Promise<void> {
  const ctx = { clerk: s.paced.clerk };
  let current: unknown;
  try {
    current = await readTarget(s, claimed.args, true);
  } catch (raw) {
    const err = toAppError(raw);
    await setTarget(db, claimed, {
      status: "error",
      errorCode: err.code,
      errorMessage: `Not applied: reading the target failed: ${err.message}`,
    });
    return;
  }
  if (stableHash(current) !== stableHash(claimed.before)) {
    await setTarget(db, claimed, {
      status: "skipped",
      errorCode: "stale_target",
      errorMessage: "Not applied: the target changed after the plan was approved.",
    });
    return;
  }
  const target = s.action.target(claimed.args);
  for (let attempt = 1; ; attempt++) {
    let auditId: string | null = null;
    try {
      const before = current;
      await withAudit(
        {
          actorUserId: s.job.createdBy,
          source: "bulk",
          action: s.job.action,
          arguments: claimed.args,
          targetType: target.type,
          targetId: target.id ?? null,
          targetLabel: claimed.targetLabel ?? target.email ?? null,
          before,
          approvalId: s.job.approvalId,
          approverUserId: s.approverUserId,
          after: () => s.action.preview(claimed.args, before),
        },
        async (id) => {
          auditId = id;
          return runAction(s.action, claimed.args, ctx);
        },
        db,
      );
      await setTarget(db, claimed, {
        status: "ok",
        applied: true,
        auditId,
        errorCode: null,
        errorMessage: null,
      });
      return;
    } catch (raw) {
      const err = toAppError(raw);
      if (err.details?.outcome !== "unknown") {
        await setTarget(db, claimed, {
          status: "error",
          auditId,
          errorCode: err.code,
          errorMessage: err.message,
        });
        return;
      }
      // Clerk did not confirm. Look before doing anything: applied -> done. Unchanged after a connection
      // failure (not a timeout, which may still land) -> the request never took effect, send it once more.
      await new Promise((r) => setTimeout(r, 500));
      const now = await readTarget(s, claimed.args, true).catch(() => undefined);
      if (now !== undefined && afterStateHolds(s.job.action, claimed.args, now)) {
        await setTarget(db, claimed, {
          status: "ok",
          applied: true,
          auditId,
          errorCode: null,
          errorMessage: "Clerk did not confirm; a re-read shows the change applied.",
        });
        return;
      }
      const timedOut =
        err.details?.timeout === true ||
        (err.cause instanceof AppError && err.cause.details?.timeout === true);
      if (attempt === 1 && !timedOut && now !== undefined && stableHash(now) === stableHash(claimed.before)) {
        current = now;
        continue;
      }
      await setTarget(db, claimed, {
        status: "error",
        auditId,
        errorCode: "unknown_outcome",
        errorMessage: `${err.message} Not retried.`,
      });
      return;
    }
  }
}
