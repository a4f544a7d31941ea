import { logger } from "@/lib/errors";
import type { PaceBudget } from "./pace-budget";

/**
 * Send times this process reserved from the shared budget (on its own clock), spent in order. A time
 * whose turn passed more than `graceMs` ago is dropped rather than spent late: a late send would sit
 * next to the turns reserved after it (by this or another process) and crowd Clerk's window.
 */
export class ReservedSlots {
  private times: number[] = [];
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly budget: PaceBudget,
    private readonly now: () => number,
  ) {}

  /** How many reserved times are left. */
  get left(): number {
    return this.times.length;
  }

  get reserving(): boolean {
    return this.inFlight !== null;
  }

  /** The next time still good at `now` (older ones dropped), or null when none is left. */
  next(now: number, graceMs: number): number | null {
    while (this.times.length > 0 && (this.times[0] as number) + graceMs < now) this.times.shift();
    return this.times[0] ?? null;
  }

  /** Spends the time `next` answered. */
  take(): void {
    this.times.shift();
  }

  /** Reserves `count` more times `stepMs` apart; one reservation is in flight at a time. */
  reserve(count: number, stepMs: number): Promise<void> {
    this.inFlight ??= this.budget
      .reserve(count, stepMs)
      .then(
        ({ startsInMs }) => this.add(this.now() + startsInMs, count, stepMs),
        (err: unknown) => {
          // The store is unreachable: pace this process alone rather than stop its jobs.
          budgetUnavailable(err);
          this.add(
            Math.max(this.now(), (this.times.at(-1) ?? Number.NEGATIVE_INFINITY) + stepMs),
            count,
            stepMs,
          );
        },
      )
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  /** Shares a 429's Retry-After with every process (the caller already waits locally). */
  backOff(seconds: number): void {
    this.budget.backOff(seconds).catch(budgetUnavailable);
  }

  private add(start: number, count: number, stepMs: number): void {
    for (let i = 0; i < count; i++) this.times.push(start + i * stepMs);
    this.times.sort((a, b) => a - b);
  }
}

function budgetUnavailable(err: unknown): void {
  logger.warn("jobs.pace_budget_unavailable", { error: err instanceof Error ? err.message : String(err) });
}
