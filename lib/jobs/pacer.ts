import { positiveNumber } from "@/lib/env";
import type { PaceBudget } from "./pace-budget";
import { ReservedSlots } from "./reserved-slots";

export interface PaceConfig {
  /** Requests allowed per window (already the fraction of Clerk's limit the jobs may use). */
  requests: number;
  windowMs: number;
}

/** Clerk's documented Backend API limits: development instances 100 / 10 s, production 1,000 / 10 s. */
export const CLERK_DEV_LIMIT: PaceConfig = { requests: 100, windowMs: 10_000 };
export const CLERK_PROD_LIMIT: PaceConfig = { requests: 1_000, windowMs: 10_000 };
export const DEFAULT_PACE_FRACTION = 0.9;

/**
 * The pace jobs run at: BULK_PACE_FRACTION (default 0.9) of Clerk's limit, which is BULK_RATE_LIMIT /
 * BULK_RATE_WINDOW_MS when set, otherwise inferred from the secret key (sk_live_ = production).
 */
export function paceFromEnv(env: Record<string, string | undefined> = process.env): PaceConfig {
  const base = env.CLERK_SECRET_KEY?.startsWith("sk_live_") ? CLERK_PROD_LIMIT : CLERK_DEV_LIMIT;
  const limit = positiveNumber(env.BULK_RATE_LIMIT) ?? base.requests;
  const windowMs = positiveNumber(env.BULK_RATE_WINDOW_MS) ?? base.windowMs;
  const fraction = Math.min(1, positiveNumber(env.BULK_PACE_FRACTION) ?? DEFAULT_PACE_FRACTION);
  return { requests: Math.max(1, Math.floor(limit * fraction)), windowMs };
}

export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * A reservation from a shared budget covers what this process sent in the last BLOCK_MS * 2, halved
 * (its demand for the next BLOCK_MS), at most BLOCK_MS of the pace and MAX_BLOCK sends.
 */
const BLOCK_MS = 500;
const MAX_BLOCK = 1_000;
/**
 * How late a reserved send time may still be used, as a share of the window: a process asking less than
 * the pace spends its times late rather than reserving once per request. Any window then holds at most
 * the pace plus this share of it (plus one): 95 of Clerk's 100 at the default 90%.
 */
const LATE_SHARE = 0.05;

const realClock: PacerClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Paces requests to at most `requests` per any `windowMs` (a sliding log of send times, the hard cap)
 * and spreads them evenly (GCRA with a small burst), so Clerk's fixed windows never see a burst even
 * when a request is delivered late. Sends are scheduled from their theoretical times, so timer lateness
 * does not accumulate and the long-run rate equals the configured pace.
 *
 * With a shared budget (see shareBudget), each send also needs a send time reserved from it: processes
 * pacing to one Clerk instance then take turns instead of each spending the whole pace.
 */
export class Pacer {
  private readonly sent: number[] = [];
  private tat = Number.NEGATIVE_INFINITY;
  private blockedUntil = 0;
  private queue: Promise<void> = Promise.resolve();
  private count = 0;
  private pace!: PaceConfig;
  private step = 0;
  private tolerance = 0;
  private pendingRetune: (() => Promise<PaceConfig | null>) | null = null;
  private slots: ReservedSlots | null = null;
  private waiting = 0;

  constructor(
    config: PaceConfig,
    private readonly clock: PacerClock = realClock,
    private readonly burst?: number,
  ) {
    this.retune(config);
  }

  get config(): PaceConfig {
    return this.pace;
  }

  /**
   * Draws every send from `budget` too, in blocks sized to this process's demand (reserved ahead of
   * need while it keeps asking, so the store is not asked once per request nor waited on mid-stream).
   */
  shareBudget(budget: PaceBudget): void {
    this.slots = new ReservedSlots(budget, () => this.clock.now());
  }

  /** Changes the pace from the next request on (sends already made keep counting in their window). */
  retune(config: PaceConfig): void {
    if (!(config.requests >= 1) || !(config.windowMs > 0))
      throw new Error("pace must be >= 1 request per window");
    const burst = this.burst ?? Math.min(5, Math.max(2, Math.floor(config.requests / 20)));
    this.pace = { requests: config.requests, windowMs: config.windowMs };
    this.step = config.windowMs / config.requests;
    this.tolerance = this.step * (burst - 1);
  }

  /**
   * Asks `next` for the pace when the first request is about to go out (not before: an idle process
   * asks nothing); no request is sent until it answers, and a pace it answers replaces the current one.
   */
  retuneBeforeFirst(next: () => Promise<PaceConfig | null>): void {
    this.pendingRetune = next;
  }

  private startPendingRetune(): void {
    const next = this.pendingRetune;
    if (!next) return;
    this.pendingRetune = null;
    this.queue = this.queue.then(next).then(
      (config) => {
        if (config) this.retune(config);
      },
      () => {},
    );
  }

  /** Requests granted so far. */
  get granted(): number {
    return this.count;
  }

  /** Resolves when one more request may be sent; callers are served in order. */
  acquire(): Promise<void> {
    this.startPendingRetune();
    this.waiting++;
    const turn = this.queue.then(() => this.waitForSlot()).finally(() => this.waiting--);
    this.queue = turn.catch(() => {});
    return turn;
  }

  /** Clerk answered 429: nothing goes out before `retryAfterSeconds` from now. */
  backOff(retryAfterSeconds: number): void {
    const until = this.clock.now() + Math.max(0, retryAfterSeconds) * 1000;
    this.blockedUntil = Math.max(this.blockedUntil, until);
    this.slots?.backOff(retryAfterSeconds);
  }

  /** Sends to reserve: what this process is likely to ask in the next BLOCK_MS, within the caps. */
  private demand(now: number): { size: number; sustained: boolean } {
    const horizon = Math.min(this.pace.windowMs, 2 * BLOCK_MS);
    let lo = 0;
    let hi = this.sent.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.sent[mid] as number) > now - horizon) hi = mid;
      else lo = mid + 1;
    }
    const expected = Math.round(((this.sent.length - lo) * BLOCK_MS) / horizon);
    const cap = Math.min(
      MAX_BLOCK,
      Math.max(1, Math.round((this.pace.requests * BLOCK_MS) / this.pace.windowMs)),
    );
    return { size: Math.min(cap, Math.max(1, this.waiting, expected)), sustained: expected >= 2 };
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (this.sent.length > 0 && (this.sent[0] as number) <= now - this.pace.windowMs) this.sent.shift();
      let wait = Math.max(0, this.blockedUntil - now, this.tat - this.tolerance - now);
      if (this.sent.length >= this.pace.requests) {
        wait = Math.max(wait, (this.sent[0] as number) + this.pace.windowMs - now);
      }
      if (this.slots) {
        const slot = this.slots.next(
          now,
          Math.max(this.tolerance, this.step, this.pace.windowMs * LATE_SHARE),
        );
        if (slot === null) {
          await this.slots.reserve(this.demand(now).size, this.step);
          continue;
        }
        wait = Math.max(wait, slot - now);
      }
      if (wait <= 0) {
        this.sent.push(now);
        this.spendSlot(now);
        this.tat = Math.max(this.tat, now) + this.step;
        this.count++;
        return;
      }
      await this.clock.sleep(Math.ceil(wait));
    }
  }

  private spendSlot(now: number): void {
    const slots = this.slots;
    if (!slots) return;
    slots.take();
    // Callers queued behind this one, or a steady stream of them: reserve before this block runs out.
    const { size, sustained } = this.demand(now);
    if ((this.waiting > 1 || sustained) && slots.left <= size / 2 && !slots.reserving) {
      void slots.reserve(size, this.step);
    }
  }
}
