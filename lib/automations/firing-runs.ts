// Starting firings' workflow runs (lib/automations/firing-workflow): one per newly recorded firing when
// its webhook is stored, and at boot one for every unfinished firing whose run is gone or never started
// (recorded while no run could start, or by a process that died first). Runs the world itself recovers
// (the local world re-enqueues active runs, PostgreSQL's queue is durable) are left alone.
// No "server-only": instrumentation-node.ts resumes firings at boot.
import { start } from "workflow/api";
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/errors";
import { runIsActive } from "@/lib/workflow/run-status";
import { automationFiringWorkflow } from "./firing-workflow";
import { unfinishedFirings } from "./run";

async function startFiringRun(firingId: string): Promise<string> {
  const run = await start(automationFiringWorkflow, [firingId]);
  logger.info("automations.run_started", { firingId, runId: run.runId });
  return run.runId;
}

/** A firing whose run cannot start now stays recorded; the next boot's catch-up starts it. */
export async function startFiringRuns(ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    try {
      await startFiringRun(id);
    } catch (err) {
      logger.error("automations.run_start_failed", { firingId: id, error: String(err) });
    }
  }
}

export async function resumeFiringsAtBoot(db: Db): Promise<number> {
  const open = await unfinishedFirings(db);
  let started = 0;
  for (const firing of open) {
    if (await runIsActive(firing.runId)) continue;
    try {
      await startFiringRun(firing.id);
      started++;
    } catch (err) {
      logger.error("automations.boot_resume_failed", { firingId: firing.id, error: String(err) });
    }
  }
  if (open.length > 0) logger.info("automations.boot_resumed", { open: open.length, started });
  return started;
}
