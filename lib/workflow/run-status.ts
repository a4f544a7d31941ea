// Whether a workflow run can still make progress: what the boot catch-ups (jobs, automation firings)
// check before starting a replacement. No "server-only": instrumentation-node.ts reaches this.
import { getRun } from "workflow/api";

export async function runIsActive(runId: string | null): Promise<boolean> {
  if (!runId) return false;
  try {
    const status = await getRun(runId).status;
    return status === "pending" || status === "running";
  } catch {
    return false;
  }
}
