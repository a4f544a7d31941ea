import "server-only";
import { getClerkClient } from "@/lib/clerk/client";
import { getDb } from "@/lib/db/client";
import type { BulkJobRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { pacedClerk } from "./paced-clerk";
import { bulkAction, planTargets } from "./planner";
import { ensureJobWorker, wakeJobWorker } from "./server";
import { sharedPacer } from "./shared-pacer";
import { type Approver, controlJob, createJob, decideJob, type JobControl, type NewJob } from "./store";

export interface ProposeJobInput {
  action: string;
  /** One argument object per target, exactly as the single-target action takes it. */
  targets: readonly unknown[];
  title?: string;
  params?: Record<string, unknown>;
}

export interface ProposedJob {
  jobId: string;
  approvalId: string;
  planHash: string;
  total: number;
  skipped: number;
  url: string;
}

/** Plans a job (paced reads of every target's before-state) and stores it awaiting one batch approval. */
export async function proposeJob(
  input: ProposeJobInput,
  proposer: { userId: string; source: NewJob["source"] },
): Promise<ProposedJob> {
  const action = bulkAction(input.action);
  const pacer = sharedPacer();
  const targets = await planTargets(action.name, input.targets, pacedClerk(getClerkClient(), pacer));
  const db = await getDb();
  const { job, approvalId, planHash } = await createJob(db, {
    action: action.name,
    title: input.title?.trim() || `${action.title}: ${targets.length} targets`,
    params: input.params ?? {},
    createdBy: proposer.userId,
    source: proposer.source,
    pacePer10s: Math.round((pacer.config.requests * 10_000) / pacer.config.windowMs),
    targets,
  });
  void ensureJobWorker();
  return {
    jobId: job.id,
    approvalId,
    planHash,
    total: targets.length,
    skipped: targets.filter((t) => t.skip).length,
    url: `/jobs/${job.id}`,
  };
}

export async function decideJobAs(
  approver: Approver,
  input: { jobId: string; approved: boolean; planHash: string; reason?: string },
): Promise<BulkJobRow> {
  const outcome = await decideJob(await getDb(), { ...input, approver });
  if (!outcome.ok) {
    const code =
      outcome.code === "forbidden" ? "forbidden" : outcome.code === "not_found" ? "not_found" : "conflict";
    throw new AppError(code, outcome.message, { details: { reason: outcome.code } });
  }
  if (input.approved) await wakeJobWorker();
  return outcome.job;
}

export async function controlJobAs(jobId: string, control: JobControl): Promise<BulkJobRow> {
  const row = await controlJob(await getDb(), jobId, control);
  if (control === "resume") await wakeJobWorker();
  return row;
}
