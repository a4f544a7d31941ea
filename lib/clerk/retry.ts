import { type AppError, logger, toAppError } from "@/lib/errors";

export interface RetryOptions {
  /** Total attempts including the first. */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Upper bound on the summed waits; a Retry-After beyond it is returned to the caller instead. */
  maxTotalWaitMs?: number;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  label?: string;
}

export const RETRY_DEFAULTS = {
  attempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxTotalWaitMs: 15_000,
} as const;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function isRetryable(err: AppError): boolean {
  return err.code === "rate_limited" || err.code === "upstream_unavailable";
}

/**
 * Delay before the next attempt. A 429's Retry-After is honoured as a floor (plus a little jitter so
 * parallel callers do not return in lockstep); otherwise exponential backoff with full jitter.
 */
export function retryDelayMs(
  err: AppError,
  attempt: number,
  opts: { baseDelayMs: number; maxDelayMs: number; random: () => number },
): number {
  if (err.retryAfter !== undefined && err.retryAfter >= 0) {
    return Math.round(err.retryAfter * 1000 + opts.random() * Math.min(250, opts.baseDelayMs));
  }
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (opts.random() * ceiling) / 2);
}

/**
 * Retries an idempotent read on 429, 5xx, network errors and timeouts. Never wrap a write in this:
 * a timed-out or 5xx write may have been applied.
 */
export async function withReadRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? RETRY_DEFAULTS.attempts;
  const baseDelayMs = options.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs;
  const maxTotalWaitMs = options.maxTotalWaitMs ?? RETRY_DEFAULTS.maxTotalWaitMs;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (raw) {
      const err = toAppError(raw);
      if (!isRetryable(err) || attempt >= attempts) throw err;
      const delay = retryDelayMs(err, attempt, { baseDelayMs, maxDelayMs, random });
      if (waited + delay > maxTotalWaitMs) throw err;
      logger.info("clerk.retry", {
        label: options.label,
        attempt,
        code: err.code,
        retryAfter: err.retryAfter,
        delayMs: delay,
        traceId: err.traceId,
      });
      waited += delay;
      await sleep(delay);
    }
  }
}
