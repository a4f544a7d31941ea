// One automation firing as a durable workflow (Workflow SDK), on the same world as bulk jobs
// (lib/jobs/bulk-workflow): one step runs the firing (runFiring: claimed with a lease, idempotent, its
// progress in the database); when another runner still holds the lease (a step retried after its
// process died), the run sleeps to the lease's end and tries again. Deduplication is the firing row
// itself: one per (rule, svix-id), and only a newly recorded firing gets a run (lib/webhooks).
// The step imports its code lazily: the workflow bundle runs in a sandbox without Node modules.
import { getWorkflowMetadata, sleep } from "workflow";

export type FiringStep = { next: "end"; status: string } | { next: "wait"; until: string };

export async function automationFiringWorkflow(firingId: string): Promise<string> {
  "use workflow";
  const { workflowRunId } = getWorkflowMetadata();
  for (;;) {
    const step = await runFiringStep(firingId, workflowRunId);
    if (step.next === "end") return step.status;
    await sleep(new Date(step.until));
  }
}

async function runFiringStep(firingId: string, runId: string): Promise<FiringStep> {
  "use step";
  const { runFiringNow } = await import("./firing-steps");
  return runFiringNow(firingId, runId);
}
