// Settles audit intents whose outcome was never recorded (the process died, or the store failed,
// between Clerk's answer and the outcome record): the target is re-read and the intent marked ok
// (its change is there), not_applied (the target is exactly as before) or unknown (it changed otherwise).
import { and, eq, inArray, lte, notExists, or, sql } from "drizzle-orm";
import { recordOutcome } from "@/lib/audit/audit";
import { type ActionContext, parseInput, sameState, type WriteAction } from "@/lib/clerk/define-action";
import { getAction } from "@/lib/clerk/registry";
import { withReadRetry } from "@/lib/clerk/retry";
import type { Db } from "@/lib/db/client";
import { type AuditRow, auditLog, bulkJobs } from "@/lib/db/schema";
import { logger, toAppError } from "@/lib/errors";
import { isInFlight } from "./execute-write";

export type Verdict = "ok" | "not_applied" | "unknown";

const MESSAGES: Record<Exclude<Verdict, "ok">, string> = {
  not_applied: "Reconciled: the outcome was never recorded and a re-read shows the change was not applied.",
  unknown:
    "Reconciled: the outcome was never recorded and the target has changed otherwise since; check it before retrying.",
};

/** What a fresh read says about a write: its change is there, the target is untouched, or neither. */
export function judgeWrite(action: WriteAction, input: unknown, before: unknown, current: unknown): Verdict {
  if (action.applied(input, current)) return "ok";
  return sameState(action, current, before) ? "not_applied" : "unknown";
}

export async function recordVerdict(
  db: Db,
  auditId: string,
  verdict: Verdict,
  current: unknown,
): Promise<void> {
  if (verdict === "ok") return recordOutcome(auditId, { outcome: "ok", after: current }, db);
  return recordOutcome(
    auditId,
    { outcome: verdict, errorCode: verdict, errorMessage: MESSAGES[verdict] },
    db,
  );
}

/** Re-reads one pending intent's target and records its verdict; null when the read failed (try later). */
export async function settleIntent(db: Db, ctx: ActionContext, row: AuditRow): Promise<Verdict | null> {
  const action = getAction(row.action);
  let verdict: Verdict = "unknown";
  let current: unknown = null;
  if (action?.kind === "write") {
    try {
      const input = parseInput(action, row.arguments);
      current = await withReadRetry(() => action.snapshot(input, ctx), { label: `reconcile.${action.name}` });
      verdict = judgeWrite(action, input, row.before, current);
    } catch (err) {
      const e = toAppError(err);
      if (e.code !== "validation_failed") {
        logger.warn("writes.reconcile_deferred", { auditId: row.id, code: e.code });
        return null;
      }
    }
  }
  await recordVerdict(db, row.id, verdict, current);
  logger.info("writes.reconciled", { auditId: row.id, action: row.action, verdict });
  return verdict;
}

/** Longer than any write can take (Clerk timeout and read retries included). */
export const RECONCILE_GRACE_MS = 120_000;

export interface ReconcileOptions {
  graceMs?: number;
  now?: Date;
  limit?: number;
}

/**
 * Settles every pending intent older than the grace period. A bulk job's intents are left to the job
 * while it can still run (its worker reconciles them on takeover, see lib/jobs/target-execution).
 */
export async function reconcilePending(
  db: Db,
  ctx: ActionContext,
  opts: ReconcileOptions = {},
): Promise<Record<Verdict | "deferred", number>> {
  const cutoff = new Date((opts.now ?? new Date()).getTime() - (opts.graceMs ?? RECONCILE_GRACE_MS));
  const activeJob = db
    .select({ one: sql`1` })
    .from(bulkJobs)
    .where(
      and(
        eq(bulkJobs.approvalId, auditLog.approvalId),
        inArray(bulkJobs.status, ["queued", "running", "paused"]),
      ),
    );
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.outcome, "pending"),
        lte(auditLog.createdAt, cutoff),
        or(sql`${auditLog.source} <> 'bulk'`, notExists(activeJob)),
      ),
    )
    .orderBy(auditLog.createdAt)
    .limit(opts.limit ?? 200);
  const counts = { ok: 0, not_applied: 0, unknown: 0, deferred: 0 };
  for (const row of rows) {
    if (isInFlight(row.id)) continue;
    const verdict = await settleIntent(db, ctx, row).catch((err: unknown) => {
      logger.error("writes.reconcile_failed", { auditId: row.id, error: err });
      return null;
    });
    counts[verdict ?? "deferred"] += 1;
  }
  return counts;
}

let timer: ReturnType<typeof setInterval> | undefined;

/** At boot and then every `intervalMs`, settles what a dead process left pending (one timer per process). */
export function startReconciler(
  deps: () => Promise<{ db: Db; ctx: ActionContext }>,
  intervalMs = 300_000,
): void {
  if (timer) return;
  const pass = async () => {
    try {
      const { db, ctx } = await deps();
      const counts = await reconcilePending(db, ctx);
      if (counts.ok + counts.not_applied + counts.unknown > 0) logger.info("writes.reconcile_pass", counts);
    } catch (err) {
      logger.warn("writes.reconcile_pass_failed", { error: err });
    }
  };
  void pass();
  timer = setInterval(() => void pass(), intervalMs);
  timer.unref?.();
}
