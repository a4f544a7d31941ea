import "server-only";
import { tokenOwnerLookup } from "@/lib/auth/token-auth";
import { getClerkClient } from "@/lib/clerk/client";
import { getDb } from "@/lib/db/client";
import type { BulkJobRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { controlJobBy, type JobActor, takeOverJob } from "./control";
import { type Approver, decideJob } from "./decide";
import { type JobProposer, type ProposedJob, type ProposeJobInput, planAndStoreJob } from "./propose";
import { ensureJobWorker, wakeJobWorker } from "./server";
import { sharedPacer } from "./shared-pacer";
import { jobRefusalErrorCode } from "./standing";
import type { JobControl } from "./store";

export type { JobProposer, ProposedJob, ProposeJobInput };

/** Plans a job with this process's Clerk client and shared pacer; it waits for one batch approval. */
export async function proposeJob(input: ProposeJobInput, proposer: JobProposer): Promise<ProposedJob> {
  const job = await planAndStoreJob(
    { db: await getDb(), clerk: getClerkClient(), pacer: sharedPacer() },
    input,
    proposer,
  );
  void ensureJobWorker();
  return job;
}

export async function decideJobAs(
  approver: Approver,
  input: { jobId: string; approved: boolean; planHash: string; reason?: string },
): Promise<BulkJobRow> {
  const outcome = await decideJob(await getDb(), { ...input, approver, lookupOwner: tokenOwnerLookup() });
  if (!outcome.ok)
    throw new AppError(jobRefusalErrorCode(outcome.code), outcome.message, {
      details: { reason: outcome.code },
    });
  if (input.approved) await wakeJobWorker();
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
