import type { ClerkClient } from "@/lib/clerk/client";
import type { Db } from "@/lib/db/client";
import { pacedClerk } from "./paced-clerk";
import type { Pacer } from "./pacer";
import { bulkAction, planTargets } from "./planner";
import { createJob, type NewJob } from "./store";
import { toChangeView } from "./view";

/** A run spends about this many Clerk requests per changed target: the re-read, then the write. */
const REQUESTS_PER_TARGET = 2;
const SAMPLE_SIZE = 3;

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

export type ProposedJob = Awaited<ReturnType<typeof planAndStoreJob>>;

/** Plans a job (paced reads of every target's before-state) and stores it awaiting one batch approval. */
export async function planAndStoreJob(
  deps: { db: Db; clerk: ClerkClient; pacer: Pacer },
  input: ProposeJobInput,
  proposer: JobProposer,
  /** retryOf: this plan retries the failed targets of that job. */
  opts: { retryOf?: string } = {},
) {
  const action = bulkAction(input.action);
  const { pacer } = deps;
  const targets = await planTargets(action.name, input.targets, pacedClerk(deps.clerk, pacer));
  const pacePer10s = Math.round((pacer.config.requests * 10_000) / pacer.config.windowMs);
  const changing = targets.filter((t) => !t.skip);
  const { job, approvalId, planHash, expiresAt } = await createJob(deps.db, {
    action: action.name,
    title: input.title?.trim() || `${action.title}: ${targets.length} targets`,
    params: input.params ?? {},
    createdBy: proposer.userId,
    source: proposer.source,
    proposerTokenId: proposer.tokenId,
    pacePer10s,
    targets,
    ...(opts.retryOf ? { retryOf: opts.retryOf } : {}),
  });
  return {
    jobId: job.id,
    approvalId,
    title: job.title ?? job.action,
    planHash,
    total: targets.length,
    skipped: targets.length - changing.length,
    /** Of the skipped targets, those already as the plan would leave them. */
    upToDate: targets.filter((t) => t.skip === "no_change").length,
    /** The first few targets that change, with their diffs. */
    sample: changing.slice(0, SAMPLE_SIZE).map((t) => ({
      label: t.targetLabel ?? t.targetId,
      changes: (t.changes as Parameters<typeof toChangeView>[0][]).map(toChangeView),
    })),
    pacePer10s,
    /** How long the run should take at that pace, in seconds (rounded up). */
    estimatedSeconds:
      pacePer10s > 0 ? Math.ceil((changing.length * REQUESTS_PER_TARGET * 10) / pacePer10s) : 0,
    url: `/jobs/${job.id}`,
    expiresAt: expiresAt.toISOString(),
  };
}
