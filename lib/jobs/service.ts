import "server-only";
import { tokenOwnerLookup } from "@/lib/auth/token-auth";
import { getClerkClient } from "@/lib/clerk/client";
import { getDb } from "@/lib/db/client";
import type { BulkJobRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { controlJobBy, type JobActor, takeOverJob } from "./control";
import { type Approver, decideJob, type JobDecision, type JobDecisionInput } from "./decide";
import { type JobProposer, type ProposedJob, type ProposeJobInput, planAndStoreJob } from "./propose";
import { proposeRetryOfFailed } from "./retry";
import { ensureJobWorker, wakeJobWorker } from "./server";
import { sharedPacer } from "./shared-pacer";
import { jobRefusalErrorCode } from "./standing";
import type { JobControl } from "./store";

export type { JobProposer, ProposedJob, ProposeJobInput };

/** Plans a job with this process's Clerk client and shared pacer; it waits for one batch approval. */
export async function proposeJob(input: ProposeJobInput, proposer: JobProposer): Promise<ProposedJob> {
  const job = await planAndStoreJob(await planDeps(), input, proposer);
  void ensureJobWorker();
  return job;
}

async function planDeps() {
  return { db: await getDb(), clerk: getClerkClient(), pacer: sharedPacer() };
}

/** The one wiring of a job's approval (console, inbox, MCP, REST): decided, then the worker woken. */
export async function decideJobFor(input: JobDecisionInput): Promise<JobDecision> {
  const outcome = await decideJob(await getDb(), { ...input, lookupOwner: tokenOwnerLookup() });
  if (outcome.ok && input.approved) await wakeJobWorker();
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
  const row = await controlJobBy(await getDb(), actor, jobId, control);
  if (control === "resume") await wakeJobWorker();
  return row;
}

export async function takeOverJobAs(actor: JobActor, jobId: string): Promise<BulkJobRow> {
  return takeOverJob(await getDb(), actor, jobId);
}

/** A new plan over a finished job's failed targets, proposed by `proposer`; it waits for its own approval. */
export async function retryFailedTargetsAs(proposer: JobProposer, jobId: string): Promise<ProposedJob> {
  const job = await proposeRetryOfFailed(await planDeps(), jobId, proposer);
  void ensureJobWorker();
  return job;
}
