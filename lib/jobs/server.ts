// No "server-only" here: instrumentation-node.ts starts the worker at boot, and Next compiles the
// instrumentation hook outside the React server layer, where that marker refuses to load.
import { getClerkClient } from "@/lib/clerk/client";
import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/errors";
import { sharedPacer } from "./shared-pacer";
import { pacedOwnerLookup } from "./standing";
import { JobWorker } from "./worker";

const KEY = Symbol.for("clerk-admin-console.job-worker");
const holder = globalThis as unknown as { [KEY]?: Promise<JobWorker | null> };

function leaseMs(env: Record<string, string | undefined> = process.env): number | undefined {
  const n = Number(env.BULK_LEASE_MS);
  return Number.isFinite(n) && n >= 1_000 ? n : undefined;
}

/**
 * The in-process worker: started at server boot (instrumentation-node.ts) and, should that have failed
 * (database unreachable), again by the next jobs page, route or action. BULK_WORKER=off leaves running
 * jobs to a separate `npm run jobs:work` process (the DB lease keeps them apart anyway).
 */
export function ensureJobWorker(): Promise<JobWorker | null> {
  const existing = holder[KEY];
  if (existing) return existing;
  const starting = (async () => {
    if (process.env.BULK_WORKER === "off") return null;
    const clerk = getClerkClient();
    const pacer = sharedPacer();
    const lookupOwner = pacedOwnerLookup(clerk, pacer);
    const worker = new JobWorker({ db: await getDb(), clerk, pacer, lookupOwner, leaseMs: leaseMs() });
    worker.start();
    logger.info("jobs.worker_started", { owner: worker.owner });
    return worker;
  })();
  holder[KEY] = starting;
  starting.catch((err: unknown) => {
    if (holder[KEY] === starting) delete holder[KEY];
    logger.error("jobs.worker_start_failed", { error: err instanceof Error ? err.message : String(err) });
  });
  return starting;
}

export async function wakeJobWorker(): Promise<void> {
  (await ensureJobWorker())?.wake();
}

/** At server boot: a job a restart interrupted resumes without anyone opening a page. */
export function startJobWorkerAtBoot(retryMs = 10_000): void {
  if (process.env.BULK_WORKER === "off") return;
  const attempt = () =>
    ensureJobWorker().catch(() => {
      setTimeout(attempt, retryMs).unref();
    });
  void attempt();
}
