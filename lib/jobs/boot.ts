// At server boot: the workflow world starts, then open jobs are checked for a live run (lib/jobs/engine).
// Retried while the database or the world cannot be reached yet. No "server-only" (instrumentation).
import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/errors";
import { startWorkflowWorld } from "@/lib/workflow/boot";
import { resumeJobsAtBoot } from "./engine";

export function startJobsAtBoot(retryMs = 10_000): void {
  let worldStarted = false;
  const attempt = async () => {
    try {
      if (!worldStarted) await startWorkflowWorld();
      worldStarted = true;
      await resumeJobsAtBoot(await getDb());
    } catch (err) {
      logger.error("jobs.boot_failed", { error: err instanceof Error ? err.message : String(err) });
      setTimeout(() => void attempt(), retryMs).unref();
    }
  };
  void attempt();
}
