import { inArray, sql } from "drizzle-orm";
import { bulkJobs } from "@/lib/db/schema";
import { logger } from "@/lib/errors";
import { acquireJob } from "./job-lease";
import { defaultOwner, type RunEnd, type RunnerOptions, runJob } from "./runner";

/** The runner's options (the worker sets `shouldStop` itself), plus polling. */
export interface WorkerOptions extends Omit<RunnerOptions, "shouldStop"> {
  /** How often an idle worker looks for approved jobs. */
  pollMs?: number;
  onJobEnd?: (jobId: string, end: RunEnd) => void;
}

/** Polls the store for approved jobs and runs them one at a time under a lease. */
export class JobWorker {
  readonly owner: string;
  private running = false;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;

  constructor(private readonly opts: WorkerOptions) {
    this.owner = opts.owner ?? defaultOwner();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Looks for work now instead of at the next poll (a job was just approved or resumed). */
  wake(): void {
    this.wakeUp?.();
  }

  /** Stops taking jobs; the current job stops after its in-flight targets. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.wake();
    await this.loop;
  }

  /** Runs every runnable job once; returns how many it ran (for the CLI's --until-idle and tests). */
  async drain(): Promise<number> {
    let ran = 0;
    for (;;) {
      const job = await acquireJob(this.opts.db, this.owner, this.opts.leaseMs ?? 30_000);
      if (!job) return ran;
      const end = await runJob({ ...this.opts, owner: this.owner, shouldStop: () => this.stopping }, job);
      this.opts.onJobEnd?.(job.id, end);
      ran++;
    }
  }

  /** Runs jobs until no approved job is left, waiting out leases of workers that died. */
  async drainUntilIdle(pollMs = 500): Promise<number> {
    let ran = 0;
    for (;;) {
      ran += await this.drain();
      const [row] = await this.opts.db
        .select({ n: sql<number>`count(*)::int` })
        .from(bulkJobs)
        .where(inArray(bulkJobs.status, ["queued", "running"]));
      if ((row?.n ?? 0) === 0) return ran;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.drain();
      } catch (err) {
        logger.error("jobs.worker_error", {
          owner: this.owner,
          error: err instanceof Error ? err.message : String(err),
        });
      }
      if (!this.running) return;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.opts.pollMs ?? 2_000);
        this.wakeUp = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }
}
