// Test-only: drives approved jobs through lib/jobs/batch in this process the way the workflow does
// (lib/jobs/bulk-workflow: batches until the run ends, sleeping until a `wait` batch's date), so the
// batch logic is tested against real Local Clerk and a real store without a built app. The workflow
// engine itself is exercised by the pace test and the e2e specs against `next start`.
import { asc, inArray } from "drizzle-orm";
import { bulkJobs } from "@/lib/db/schema";
import { type BatchOptions, type RunEnd, runBatch } from "@/lib/jobs/batch";

/** `deferred`: a batch asked to wait; drain() leaves the job until that date, as the workflow sleeps. */
export type DriverEnd = RunEnd | "deferred";

export interface DriverOptions extends Omit<BatchOptions, "runId" | "plan"> {
  onJobEnd?: (jobId: string, end: DriverEnd) => void;
}

export class InProcessJobs {
  private readonly waits = new Map<string, number>();

  constructor(private readonly opts: DriverOptions) {}

  /**
   * Runs one job's batches until its run ends or it has to wait, as one workflow run: the plan is
   * hashed on its first batch only; `runId` is the run that claimed the job (lib/jobs/store claimJobRun).
   */
  async run(jobId: string, runId?: string): Promise<DriverEnd> {
    const plan = { verified: false };
    for (;;) {
      const r = await runBatch({ ...this.opts, runId, plan }, jobId);
      if (r.next === "more") continue;
      const end: DriverEnd = r.next === "end" ? r.end : "deferred";
      if (r.next === "wait") this.waits.set(jobId, r.until);
      else this.waits.delete(jobId);
      this.opts.onJobEnd?.(jobId, end);
      return end;
    }
  }

  /** Runs every approved job whose wait (if any) is over, oldest first; returns how many it ran. */
  async drain(): Promise<number> {
    let ran = 0;
    for (const id of await this.runnable()) {
      if ((this.waits.get(id) ?? 0) > Date.now()) continue;
      await this.run(id);
      ran++;
    }
    return ran;
  }

  /** Runs jobs until no approved job is left, waiting out the waits. */
  async drainUntilIdle(pollMs = 200): Promise<number> {
    let ran = 0;
    for (;;) {
      ran += await this.drain();
      if ((await this.runnable()).length === 0) return ran;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  private async runnable(): Promise<string[]> {
    const rows = await this.opts.db
      .select({ id: bulkJobs.id })
      .from(bulkJobs)
      .where(inArray(bulkJobs.status, ["queued", "running"]))
      .orderBy(asc(bulkJobs.createdAt));
    return rows.map((r) => r.id);
  }
}
