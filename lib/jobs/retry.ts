// Retrying a finished job's failed targets is a new plan for exactly those targets, read afresh and
// approved like any other: nothing of the old approval carries over. One live retry per job (a unique
// index on bulk_jobs.retry_of, denied and cancelled retries excepted), so a second request is refused.
import { and, asc, eq, notInArray } from "drizzle-orm";
import type { ClerkClient } from "@/lib/clerk/client";
import type { Db } from "@/lib/db/client";
import { type BulkJobRow, bulkJobs, bulkJobTargets } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { errorChain } from "@/lib/errors/store-errors";
import type { Pacer } from "./pacer";
import { type JobProposer, type ProposedJob, planAndStoreJob } from "./propose";
import { jobOrThrow } from "./store";

const FINISHED: BulkJobRow["status"][] = ["completed", "completed_with_errors", "cancelled", "failed"];
const RETRY_INDEX = "bulk_jobs_retry_of_key";

/** The retry of this job that is awaiting approval, running or done (not denied or cancelled), if any. */
export async function liveRetryOf(db: Db, jobId: string): Promise<BulkJobRow | null> {
  const [row] = await db
    .select()
    .from(bulkJobs)
    .where(and(eq(bulkJobs.retryOf, jobId), notInArray(bulkJobs.status, ["denied", "cancelled"])))
    .limit(1);
  return row ?? null;
}

function alreadyRetried(retry: Pick<BulkJobRow, "id">): AppError {
  return AppError.conflict(`These failed targets already have a retry: job ${retry.id}.`, {
    reason: "already_retried",
    jobId: retry.id,
  });
}

function isRetryIndexViolation(err: unknown): boolean {
  return errorChain(err).some((e) => {
    const { code, constraint, message } = e as { code?: unknown; constraint?: unknown; message?: unknown };
    const named =
      constraint === RETRY_INDEX || (typeof message === "string" && message.includes(RETRY_INDEX));
    return code === "23505" && named;
  });
}

/**
 * Plans a new job over `jobId`'s failed targets (their arguments as approved, their state read now) that
 * waits for its own approval. Refused when the job is not finished, has no failed targets, or already
 * has a live retry.
 */
export async function proposeRetryOfFailed(
  deps: { db: Db; clerk: ClerkClient; pacer: Pacer },
  jobId: string,
  proposer: JobProposer,
): Promise<ProposedJob> {
  const { db } = deps;
  const job = await jobOrThrow(db, jobId);
  if (!FINISHED.includes(job.status))
    throw AppError.conflict(`A ${job.status} job's targets cannot be retried until it has finished.`, {
      reason: "not_finished",
    });
  const existing = await liveRetryOf(db, jobId);
  if (existing) throw alreadyRetried(existing);
  const failed = await db
    .select({ args: bulkJobTargets.args })
    .from(bulkJobTargets)
    .where(and(eq(bulkJobTargets.jobId, jobId), eq(bulkJobTargets.status, "error")))
    .orderBy(asc(bulkJobTargets.seq));
  if (failed.length === 0)
    throw AppError.conflict("This job has no failed targets to retry.", { reason: "nothing_to_retry" });
  const { planHash: _old, ...params } = (job.params ?? {}) as Record<string, unknown>;
  try {
    return await planAndStoreJob(
      deps,
      {
        action: job.action,
        targets: failed.map((t) => t.args),
        title: `Retry ${failed.length} failed target${failed.length === 1 ? "" : "s"} of: ${job.title ?? job.action}`,
        params: { ...params, retryOf: jobId },
      },
      proposer,
      { retryOf: jobId },
    );
  } catch (err) {
    if (!isRetryIndexViolation(err)) throw err;
    const winner = await liveRetryOf(db, jobId);
    throw alreadyRetried(winner ?? { id: "(another request)" });
  }
}
