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

export async function runJobBatchNow(jobId: string, runId: string): Promise<BatchResult> {
  const clerk = getClerkClient();
  const pacer = sharedPacer();
  return runBatch(
    {
      db: await getDb(),
      clerk,
      pacer,
      lookupOwner: pacedOwnerLookup(clerk, pacer),
      runId,
      batchTargets: batchTargets(),
      lockLeaseMs: lockLeaseFromEnv(),
    },
    jobId,
  );
}
