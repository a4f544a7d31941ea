// Starting and signalling bulk jobs' workflow runs (lib/jobs/bulk-workflow). Nothing here decides
// anything: approve/deny, pause/resume/cancel are decided and recorded in the store first (lib/jobs
// decide, control: the standing checks of proposer, approver and token), then the run is told on a hook.
// No "server-only": instrumentation-node.ts resumes jobs at boot.
import { inArray } from "drizzle-orm";
import { start } from "workflow/api";
import type { Db } from "@/lib/db/client";
import { type BulkJobRow, bulkJobs } from "@/lib/db/schema";
import { logger } from "@/lib/errors";
import { runIsActive } from "@/lib/workflow/run-status";
import {
  approvalToken,
  bulkJobWorkflow,
  type ControlSignal,
  controlToken,
  jobApprovalHook,
  jobControlHook,
} from "./bulk-workflow";
import { getJob } from "./store";

/** How long a decision waits for a just-started run to reach its approval hook. */
const HOOK_WAIT_MS = 15_000;

export async function startJobRun(jobId: string): Promise<string> {
  const run = await start(bulkJobWorkflow, [jobId]);
  logger.info("jobs.run_started", { jobId, runId: run.runId });
  return run.runId;
}

/** False when no live hook has the token (its run has not reached it yet, or has ended). */
async function tell<T>(
  hook: { resume(token: string, payload: T): Promise<unknown> },
  token: string,
  payload: T,
): Promise<boolean> {
  try {
    await hook.resume(token, payload);
    return true;
  } catch (err) {
    logger.debug("jobs.hook_not_ready", { token, error: String(err) });
    return false;
  }
}

const resumeApproval = (jobId: string, approved: boolean) =>
  tell(jobApprovalHook, approvalToken(jobId), { approved });

/**
 * Tells the job's run how its approval was decided (the store already says so). A run that has not
 * reached its hook yet is waited for; a run that is gone is replaced by a new one, which reads the
 * decision from the store.
 */
export async function signalJobDecision(db: Db, jobId: string, waitMs = HOOK_WAIT_MS): Promise<void> {
  const job = await getJob(db, jobId);
  if (!job || job.status === "awaiting_approval") return;
  const approved = job.status === "queued" || job.status === "running";
  // A refusal is told to a run already at its hook; nothing waits for one that is not (it has nothing to run).
  const deadline = Date.now() + (approved ? waitMs : 0);
  while (!(await resumeApproval(jobId, approved))) {
    if (Date.now() > deadline) {
      if (approved && !(await runIsActive(job.runId))) await startJobRun(jobId);
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

const OPEN: BulkJobRow["status"][] = ["queued", "running", "paused"];

/**
 * Tells the job's run that it was paused, resumed or cancelled (the store already says so, with the
 * checks of who may: lib/jobs/control). The run that claimed the job is woken on its control hook: a run
 * parked on pause runs again or ends, a sleeping one reads the store when it wakes; a batch in flight has
 * already seen pause and cancel in the store. A run that is gone is replaced while the job is open (the
 * new run reads the store and, for a paused job, parks). A live run without the hook (started before
 * hooks were signals) is given `waitMs` to end, then a resumed job gets a run that supersedes it.
 */
export async function signalJobControl(
  db: Db,
  jobId: string,
  signal: ControlSignal,
  waitMs = HOOK_WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const job = await getJob(db, jobId);
    if (!job || job.status === "awaiting_approval") return;
    if (job.runId && (await tell(jobControlHook, controlToken(jobId, job.runId), signal))) {
      logger.info("jobs.control_signalled", { jobId, runId: job.runId, control: signal.control });
      return;
    }
    if (!(await runIsActive(job.runId))) {
      if (OPEN.includes(job.status)) await startJobRun(jobId);
      return;
    }
    if (Date.now() > deadline) {
      if (signal.control === "resume" && OPEN.includes(job.status)) await startJobRun(jobId);
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * At boot: every open job has a live run. A job approved while no server ran (its hook not resumed), or
 * whose run ended or never started, gets its decision signalled or a new run; runs the world itself
 * recovers (the local world re-enqueues active runs, PostgreSQL's queue is durable) are left alone.
 */
export async function resumeJobsAtBoot(db: Db): Promise<number> {
  const open = await db
    .select({ id: bulkJobs.id, status: bulkJobs.status, runId: bulkJobs.runId })
    .from(bulkJobs)
    .where(inArray(bulkJobs.status, ["awaiting_approval", "queued", "running"]));
  let started = 0;
  for (const job of open) {
    try {
      if (!(await runIsActive(job.runId))) {
        await startJobRun(job.id);
        started++;
      } else if (job.status === "queued") await resumeApproval(job.id, true);
    } catch (err) {
      logger.error("jobs.boot_resume_failed", { jobId: job.id, error: String(err) });
    }
  }
  if (open.length > 0) logger.info("jobs.boot_resumed", { open: open.length, started });
  return started;
}
