// A bulk job as a durable workflow (Workflow SDK): it waits for its batch approval on a hook, then runs
// one step per batch of targets, sleeping to absolute dates when Clerk asks it to wait. The job's state
// (progress, per-target outcomes, pause/cancel flags) lives in the console's database; the engine only
// carries the control flow, so a run killed anywhere resumes from its history and the store.
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

type Gate = "await_approval" | "run" | "end";

export async function bulkJobWorkflow(jobId: string): Promise<string> {
  "use workflow";
  const { workflowRunId } = getWorkflowMetadata();
  const gate = await claimJob(jobId, workflowRunId);
  if (gate === "end") return "not_runnable";
  if (gate === "await_approval") {
    const decision = await jobApprovalHook.create({ token: approvalToken(jobId) });
    if (!decision.approved) return "denied";
  }
  for (;;) {
    const step = await runJobBatch(jobId, workflowRunId);
    if (step.next === "end") return step.end;
    if (step.next === "wait") await sleep(new Date(step.until));
  }
}

/** The run takes the job over (a newer run supersedes an older one) and says what to do first. */
async function claimJob(jobId: string, runId: string): Promise<Gate> {
  "use step";
  const [{ getDb }, { claimJobRun }] = await Promise.all([import("@/lib/db/client"), import("./store")]);
  const job = await claimJobRun(await getDb(), jobId, runId);
  if (!job) return "end";
  if (job.status === "awaiting_approval") return "await_approval";
  return job.status === "queued" || job.status === "running" ? "run" : "end";
}

async function runJobBatch(jobId: string, runId: string) {
  "use step";
  const { runJobBatchNow } = await import("./engine-steps");
  return runJobBatchNow(jobId, runId);
}
