import "server-only";
import { tokenOwnerLookup } from "@/lib/auth/token-auth";
import { getClerkClient } from "@/lib/clerk/client";
import { getDb } from "@/lib/db/client";
import type { BulkJobRow } from "@/lib/db/schema";
import { AppError, logger } from "@/lib/errors";
import { afterResponse } from "@/lib/runtime/after-response";
import { controlJobBy, type JobActor, takeOverJob } from "./control";
import { type Approver, decideJob, type JobDecision, type JobDecisionInput } from "./decide";
import { signalJobControl, signalJobDecision, startJobRun } from "./engine";
import { type JobProposer, type ProposedJob, type ProposeJobInput, planAndStoreJob } from "./propose";
import { proposeRetryOfFailed } from "./retry";
import { sharedPacer } from "./shared-pacer";
import { jobRefusalErrorCode } from "./standing";
import type { JobControl } from "./store";

/** Plans a job with this process's Clerk client and shared pacer; it waits for one batch approval. */
export async function proposeJob(input: ProposeJobInput, proposer: JobProposer): Promise<ProposedJob> {
  const job = await planAndStoreJob(await planDeps(), input, proposer);
  await startRun(job.jobId);
  return job;
}

/** The plan is stored either way: a run that fails to start here is started at the decision or at boot. */
async function startRun(jobId: string): Promise<void> {
  await startJobRun(jobId).catch((err: unknown) =>
    logger.error("jobs.run_start_failed", { jobId, error: err instanceof Error ? err.message : String(err) }),
  );
}

async function planDeps() {
  return { db: await getDb(), clerk: getClerkClient(), pacer: sharedPacer() };
}

/**
 * The one wiring of a job's approval (console, inbox, MCP, REST): decided and recorded with the standing
 * checks, then, after the response, the job's workflow run is resumed on its approval hook (a refusal
 * that closed the plan ends the run too).
 */
export async function decideJobFor(input: JobDecisionInput): Promise<JobDecision> {
  const db = await getDb();
  const outcome = await decideJob(db, { ...input, lookupOwner: tokenOwnerLookup() });
  // The decision is recorded; telling the run may wait for it to reach its hook, which the approver's
  // request need not sit through (a run that never hears is restarted here or at boot from the store).
  afterResponse(() =>
    signalJobDecision(db, input.jobId).catch((err: unknown) =>
      logger.error("jobs.signal_failed", { jobId: input.jobId, error: String(err) }),
    ),
  );
  return outcome;
}

export async function decideJobAs(
  approver: Approver,
  input: Omit<JobDecisionInput, "approver">,
): Promise<BulkJobRow> {
  const outcome = await decideJobFor({ ...input, approver });
  if (!outcome.ok)
    throw new AppError(jobRefusalErrorCode(outcome.code), outcome.message, {
      details: { reason: outcome.code },
    });
  return outcome.job;
}

export async function controlJobAs(actor: JobActor, jobId: string, control: JobControl): Promise<BulkJobRow> {
  const db = await getDb();
  const row = await controlJobBy(db, actor, jobId, control);
  // Recorded first (a batch in flight reads pause and cancel from the store), then the run is told: a
  // plan cancelled before approval on its approval hook, an approved job's run on its control hook.
  if (control === "cancel") await signalJobDecision(db, jobId, 0).catch(() => {});
  await signalJobControl(db, jobId, { control }).catch((err: unknown) =>
    logger.error("jobs.signal_failed", { jobId, control, error: String(err) }),
  );
  return row;
}

export async function takeOverJobAs(actor: JobActor, jobId: string): Promise<BulkJobRow> {
  return takeOverJob(await getDb(), actor, jobId);
}

/** A new plan over a finished job's failed targets, proposed by `proposer`; it waits for its own approval. */
export async function retryFailedTargetsAs(proposer: JobProposer, jobId: string): Promise<ProposedJob> {
  const job = await proposeRetryOfFailed(await planDeps(), jobId, proposer);
  await startRun(job.jobId);
  return job;
}
