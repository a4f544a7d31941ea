// One target of a running job: claimed, re-read and written under audit once (the write executor does
// both under the target's lock), retried later when Clerk could not be reached, and reconciled when a
// write's outcome was not confirmed (or a worker died mid-write).

import { and, eq, sql } from "drizzle-orm";
import { actionContext } from "@/lib/clerk/action-context";
import { isStaleTarget, sameState, type WriteAction } from "@/lib/clerk/define-action";
import { withReadRetry } from "@/lib/clerk/retry";
import { stableHash } from "@/lib/clerk/stable-hash";
import type { Db } from "@/lib/db/client";
import { auditLog, type BulkJobRow, type BulkJobTargetRow, bulkJobTargets } from "@/lib/db/schema";
import { AppError, logger, toAppError } from "@/lib/errors";
import { executeWrite } from "@/lib/writes/execute-write";
import { judgeWrite, recordVerdict } from "@/lib/writes/reconcile";
import type { RunEnd } from "./batch";
import type { PacedClerk } from "./paced-clerk";
import type { JobStanding } from "./standing";
import {
  backoffMs,
  type Deferral,
  deferRunUntil,
  holdTarget,
  isRetryableTargetError,
  retryLater,
  setTarget,
  settleLater,
  type TargetRetryPolicy,
} from "./target-retry";

export interface RunState {
  job: BulkJobRow;
  action: WriteAction;
  paced: PacedClerk;
  approverUserId: string | null;
  stop: RunEnd | null;
  /** The periodic standing check failed: no new write goes out; the run ends in refuseRun. */
  halt: Extract<JobStanding, { ok: false }> | null;
  /** A target has to wait (Clerk unreachable, 429, unconfirmed write): nothing new starts; the run is put off. */
  defer: Deferral | null;
  /** A target another writer holds (e.g. a killed worker's lock): it waits; the others go on this pass. */
  later: Deferral | null;
  retry: TargetRetryPolicy;
  /** How long a target's lock outlives a killed process. */
  lockLeaseMs: number;
}

/** The change is in Clerk; `note` says how that was established when not by the write's own answer. */
function markApplied(db: Db, t: BulkJobTargetRow, auditId: string | null, note: string | null = null) {
  return setTarget(db, t, { status: "ok", applied: true, auditId, errorCode: null, errorMessage: note });
}

/**
 * Targets a dead worker left "running" may or may not have been written. Each is re-read and judged
 * like any lost outcome (lib/writes/reconcile): applied -> done; exactly as planned -> not written,
 * back to pending (the old lease has expired, so nothing of the old worker is still in flight);
 * anything else is reported, never re-applied.
 */
export async function reconcileRunning(db: Db, s: RunState): Promise<void> {
  const running = await db
    .select()
    .from(bulkJobTargets)
    .where(and(eq(bulkJobTargets.jobId, s.job.id), eq(bulkJobTargets.status, "running")));
  for (const t of running) {
    const target = s.action.target(t.args);
    // Organization targets share their organization's id: the intent is the one with these arguments.
    const intents = await db
      .select({ id: auditLog.id, arguments: auditLog.arguments })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.approvalId, s.job.approvalId ?? ""),
          eq(auditLog.targetId, target.id ?? ""),
          eq(auditLog.outcome, "pending"),
        ),
      );
    const pending = intents.find((i) => stableHash(i.arguments) === stableHash(t.args));
    const auditId = t.auditId ?? pending?.id ?? null;
    let current: unknown;
    try {
      current = await readTarget(s, t.args);
    } catch (raw) {
      const err = toAppError(raw);
      if (isRetryableTargetError(err)) {
        // Still cannot look: it stays running, and nothing else is sent until it is settled.
        deferRunUntil(s, Date.now() + backoffMs(s.retry, t.attempts, err.retryAfter), err.code);
        return;
      }
      await setTarget(db, t, {
        status: "error",
        auditId,
        errorCode: err.code,
        errorMessage: `The write was not confirmed and re-reading the target failed: ${err.message}`,
      });
      continue;
    } finally {
      s.paced.forget(t.targetId);
    }
    const verdict = judgeWrite(s.action, t.args, t.before, current);
    if (auditId) await recordVerdict(db, auditId, verdict, current).catch(() => {});
    if (verdict === "ok") {
      await markApplied(db, t, auditId, "Reconciled after a restart: the change was already applied.");
    } else if (verdict === "not_applied") {
      await setTarget(db, t, { status: "pending", auditId: null, errorCode: null, errorMessage: null });
    } else {
      await setTarget(db, t, {
        status: "error",
        errorCode: "unknown_outcome",
        errorMessage:
          "The write was not confirmed and the target has changed otherwise since; check it before retrying.",
      });
    }
    logger.info("jobs.reconciled", { jobId: s.job.id, seq: t.seq });
  }
}

/** A fresh read of the target's state (retried like any read; 429s are handled by the paced client). */
async function readTarget(s: RunState, args: unknown): Promise<unknown> {
  const id = s.action.target(args).id;
  try {
    return await withReadRetry(
      () => {
        if (id) s.paced.forget(id);
        return s.action.snapshot(args, actionContext({ clerk: s.paced.clerk }));
      },
      { label: `jobs.${s.job.action}.snapshot` },
    );
  } catch (raw) {
    const err = toAppError(raw);
    throw new AppError(err.code, err.message, {
      cause: err,
      retryAfter: err.retryAfter,
      traceId: err.traceId,
      details: { ...err.details, phase: "pre_write_read" },
    });
  }
}

export async function processTarget(db: Db, s: RunState, t: BulkJobTargetRow): Promise<void> {
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
  const target = s.action.target(claimed.args);
  // Requests of the write go out only while the job still stands, checked as each one's turn comes.
  let sent = false;
  const writer = s.paced.gated(() => {
    if (s.halt) return false;
    sent = true;
    return true;
  });
  for (let attempt = 1; ; attempt++) {
    if (s.halt) return holdTarget(db, claimed, s.halt);
    let auditId: string | null = null;
    sent = false;
    s.paced.forget(claimed.targetId);
    try {
      // Under the target's lock: re-read (through the ungated client, which primes the write's own
      // pre-write read), refused as stale unless it is still the approved before-state, then written once.
      await executeWrite({
        db,
        ctx: actionContext({ clerk: writer, db }),
        readCtx: actionContext({ clerk: s.paced.clerk, db }),
        action: s.action,
        input: claimed.args,
        actor: { userId: s.job.createdBy, email: null },
        source: "bulk",
        decided: { approvalId: s.job.approvalId, approverUserId: s.approverUserId },
        expectedSnapshot: claimed.before,
        lock: { leaseMs: s.lockLeaseMs },
        targetLabel: claimed.targetLabel ?? target.email ?? null,
        onIntent: (id) => {
          auditId = id;
        },
      });
      await markApplied(db, claimed, auditId);
      return;
    } catch (raw) {
      if (isStaleTarget(raw)) {
        await setTarget(db, claimed, {
          status: "skipped",
          errorCode: "stale_target",
          errorMessage: "Not applied: the target changed after the plan was approved.",
        });
        return;
      }
      const err = toAppError(raw);
      if (s.halt && !sent) return holdTarget(db, claimed, s.halt, err);
      if (err.details?.outcome !== "unknown") {
        if (isRetryableTargetError(err)) return retryLater(db, s, claimed, err);
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
      const now = await readTarget(s, claimed.args).catch(() => undefined);
      if (now !== undefined && s.action.applied(claimed.args, now)) {
        await markApplied(db, claimed, auditId, "Clerk did not confirm; a re-read shows the change applied.");
        return;
      }
      const timedOut =
        err.details?.timeout === true ||
        (err.cause instanceof AppError && err.cause.details?.timeout === true);
      const unchanged = now !== undefined && sameState(s.action, now, claimed.before);
      if (attempt === 1 && !timedOut && unchanged) continue;
      // Not readable now (Clerk still down), or untouched but possibly still landing: settled by a
      // re-read on the next run, never re-sent blind.
      if (now === undefined || unchanged) return settleLater(db, s, claimed, auditId, timedOut);
      await setTarget(db, claimed, {
        status: "error",
        auditId,
        errorCode: "unknown_outcome",
        errorMessage: `${err.message} The target has changed otherwise since; not retried.`,
      });
      return;
    }
  }
}
