// A bulk job as a durable workflow (Workflow SDK): it waits for its batch approval on a hook, then runs
// one step per batch of targets, sleeping to absolute dates when Clerk asks it to wait. The job's state
// (progress, per-target outcomes, pause/cancel) lives in the console's database; the engine only carries
// the control flow, so a run killed anywhere resumes from its history and the store. Pause, resume and
// cancel are recorded in the store first, then signalled on the run's control hook: a paused run parks
// there (nothing polls, the run does not end) until resumed or cancelled; a sleeping run reads them when it wakes.
// Guardrails (issue 18): one step per batch, not per target (each step completion replays the history);
// sleeps to an absolute Date (a relative sleep after concurrent work has diverged on replay upstream);
// steps are at-least-once, which lib/jobs/batch tolerates (claims, re-reads, the write executor).
// The step bodies import their code lazily: the workflow bundle runs in a sandbox without Node modules.
import { defineHook, getWorkflowMetadata, sleep } from "workflow";

export interface ApprovalSignal {
  approved: boolean;
}

/** Resumed by the approve/deny action (lib/jobs/engine) after its own checks; never from a public route. */
export const jobApprovalHook = defineHook<ApprovalSignal>();

export function approvalToken(jobId: string): string {
  return `bulk-job:${jobId}:approval`;
}

export interface ControlSignal {
  control: "pause" | "resume" | "cancel";
}

/** Resumed by lib/jobs/engine after lib/jobs/control recorded the control; never from a public route. */
export const jobControlHook = defineHook<ControlSignal>();

/** Per run: only the run that claimed the job (bulk_jobs.run_id) is signalled, and runs never share a token. */
export function controlToken(jobId: string, runId: string): string {
  return `bulk-job:${jobId}:control:${runId}`;
}

type Gate = "await_approval" | "run" | "end";

export async function bulkJobWorkflow(jobId: string): Promise<string> {
  "use workflow";
  const { workflowRunId } = getWorkflowMetadata();
  // Registered with the run's first step, so once this run has claimed the job it can be signalled.
  const control = jobControlHook.create({ token: controlToken(jobId, workflowRunId) });
  const gate = await claimJob(jobId, workflowRunId);
  if (gate === "end") return "not_runnable";
  if (gate === "await_approval") {
    const decision = await jobApprovalHook.create({ token: approvalToken(jobId) });
    if (!decision.approved) return "denied";
  }
  let planVerified = false;
  for (;;) {
    const step = await runJobBatch(jobId, workflowRunId, planVerified);
    planVerified = step.planVerified;
    if (step.next === "more") continue;
    // A plain sleep to an absolute date, not raced with the control hook: concurrent waits are what
    // upstream replays have diverged on (issue 18). Pause and cancel are in the store for the next batch.
    if (step.next === "wait") {
      await sleep(new Date(step.until));
      continue;
    }
    if (step.end !== "paused") return step.end;
    // Paused: parked until a signal; then the next batch reads the store (queued runs, cancelled ends).
    await control.then((s) => s);
  }
}

/** The run takes the job over (a newer run supersedes an older one) and says what to do first. */
async function claimJob(jobId: string, runId: string): Promise<Gate> {
  "use step";
  const [{ getDb }, { claimJobRun }] = await Promise.all([import("@/lib/db/client"), import("./store")]);
  const job = await claimJobRun(await getDb(), jobId, runId);
  if (!job) return "end";
  if (job.status === "awaiting_approval") return "await_approval";
  // A paused job's run parks on its control hook (its first batch ends "paused").
  return job.status === "queued" || job.status === "running" || job.status === "paused" ? "run" : "end";
}

async function runJobBatch(jobId: string, runId: string, planVerified: boolean) {
  "use step";
  const { runJobBatchNow } = await import("./engine-steps");
  return runJobBatchNow(jobId, runId, planVerified);
}
