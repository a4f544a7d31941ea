// What the workflow's batch step runs, wired with this process's database, Clerk client and pacer.
import { getClerkClient } from "@/lib/clerk/client";
import { getDb } from "@/lib/db/client";
import { positiveNumber } from "@/lib/env";
import { type BatchResult, DEFAULT_BATCH_TARGETS, lockLeaseFromEnv, runBatch } from "./batch";
import { sharedPacer } from "./shared-pacer";
import { pacedOwnerLookup } from "./standing";

function batchTargets(env: Record<string, string | undefined> = process.env): number {
  const n = positiveNumber(env.BULK_BATCH_TARGETS);
  return n !== undefined && Number.isInteger(n) ? n : DEFAULT_BATCH_TARGETS;
}

/** `planVerified`: an earlier batch of this run checked the plan against its approval (lib/jobs/batch). */
export async function runJobBatchNow(
  jobId: string,
  runId: string,
  planVerified: boolean,
): Promise<BatchResult & { planVerified: boolean }> {
  const clerk = getClerkClient();
  const pacer = sharedPacer();
  const plan = { verified: planVerified };
  const result = await runBatch(
    {
      db: await getDb(),
      clerk,
      pacer,
      lookupOwner: pacedOwnerLookup(clerk, pacer),
      runId,
      plan,
      batchTargets: batchTargets(),
      lockLeaseMs: lockLeaseFromEnv(),
    },
    jobId,
  );
  return { ...result, planVerified: plan.verified };
}
