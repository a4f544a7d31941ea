import "server-only";
import { getClerkClient } from "@/lib/clerk/client";
import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/errors";
import { sharedPacer } from "./shared-pacer";
import { pacedOwnerLookup } from "./standing";
import { JobWorker } from "./worker";

const KEY = Symbol.for("clerk-admin-console.job-worker");
const holder = globalThis as unknown as { [KEY]?: Promise<JobWorker | null> };

/**
 * The in-process worker, started on first use by any jobs page, route or action. BULK_WORKER=off
 * leaves running jobs to a separate `npm run jobs:work` process (the DB lease keeps them apart anyway).
 */
export function ensureJobWorker(): Promise<JobWorker | null> {
  holder[KEY] ??= (async () => {
    if (process.env.BULK_WORKER === "off") return null;
    const clerk = getClerkClient();
    const pacer = sharedPacer();
    const lookupOwner = pacedOwnerLookup(clerk, pacer);
    const worker = new JobWorker({ db: await getDb(), clerk, pacer, lookupOwner });
    worker.start();
    logger.info("jobs.worker_started", { owner: worker.owner });
    return worker;
  })();
  return holder[KEY];
}

export async function wakeJobWorker(): Promise<void> {
  (await ensureJobWorker())?.wake();
}
