import type { ClerkClient } from "@/lib/clerk/client";
import type { Db } from "@/lib/db/client";
import { pacedClerk } from "./paced-clerk";
import type { Pacer } from "./pacer";
import { bulkAction, planTargets } from "./planner";
import { createJob, type NewJob } from "./store";

export interface ProposeJobInput {
  action: string;
  /** One argument object per target, exactly as the single-target action takes it. */
  targets: readonly unknown[];
  title?: string | undefined;
  params?: Record<string, unknown>;
}

export interface JobProposer {
  userId: string;
  source: NewJob["source"];
  /** The personal access token an MCP/REST client proposed with (revoking it cancels the plan). */
  tokenId?: string | undefined;
}

export interface ProposeOptions {
  /** This plan retries the failed targets of that job. */
  retryOf?: string;
}

export interface ProposedJob {
  jobId: string;
  approvalId: string;
  title: string;
  planHash: string;
  total: number;
  skipped: number;
  url: string;
  expiresAt: string;
}

/** Plans a job (paced reads of every target's before-state) and stores it awaiting one batch approval. */
export async function planAndStoreJob(
  deps: { db: Db; clerk: ClerkClient; pacer: Pacer },
  input: ProposeJobInput,
  proposer: JobProposer,
  opts: ProposeOptions = {},
): Promise<ProposedJob> {
  const action = bulkAction(input.action);
  const { pacer } = deps;
  const targets = await planTargets(action.name, input.targets, pacedClerk(deps.clerk, pacer));
  const { job, approvalId, planHash, expiresAt } = await createJob(deps.db, {
    action: action.name,
    title: input.title?.trim() || `${action.title}: ${targets.length} targets`,
    params: input.params ?? {},
    createdBy: proposer.userId,
    source: proposer.source,
    proposerTokenId: proposer.tokenId,
    pacePer10s: Math.round((pacer.config.requests * 10_000) / pacer.config.windowMs),
    targets,
    ...(opts.retryOf ? { retryOf: opts.retryOf } : {}),
  });
  return {
    jobId: job.id,
    approvalId,
    title: job.title ?? job.action,
    planHash,
    total: targets.length,
    skipped: targets.filter((t) => t.skip).length,
    url: `/jobs/${job.id}`,
    expiresAt: expiresAt.toISOString(),
  };
}
