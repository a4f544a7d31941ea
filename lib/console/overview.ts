// Pure date arithmetic for the Overview page's signups chart. Clerk's BAPI has no "signups over time"
// endpoint, so the chart is built from one GET /users/count per bucket, filtered with the documented
// created_at_after / created_at_before query parameters (both exclusive, milliseconds).

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
export const SIGNUP_WEEKS = 13;

export interface Bucket {
  /** Inclusive start, ms since epoch (UTC midnight). */
  start: number;
  /** Exclusive end, ms since epoch (UTC midnight). */
  end: number;
}

export interface CountedBucket extends Bucket {
  count: number;
}

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * `weeks` contiguous 7-day buckets, oldest first, the last one ending at the end of today (UTC) so
 * today's signups are included. 13 weeks = 91 days, which covers "the last 90 days".
 */
export function weeklyBuckets(now: number, weeks = SIGNUP_WEEKS): Bucket[] {
  if (!Number.isFinite(now)) throw new RangeError("now must be a finite timestamp");
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 53) throw new RangeError("weeks must be 1..53");
  const end = startOfUtcDay(now) + DAY_MS;
  return Array.from({ length: weeks }, (_, i) => {
    const bucketEnd = end - (weeks - 1 - i) * WEEK_MS;
    return { start: bucketEnd - WEEK_MS, end: bucketEnd };
  });
}

/** BAPI's bounds are exclusive on both sides; this turns [start, end) into them. */
export function bucketCountParams(b: Bucket): { createdAtAfter: number; createdAtBefore: number } {
  return { createdAtAfter: b.start - 1, createdAtBefore: b.end };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Sep 1" — UTC, locale-independent so server and client render the same text. */
export function shortUtcDate(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

/** "Sep 1 – Sep 7" for a bucket (the end is exclusive, so the label shows the day before it). */
export function bucketLabel(b: Bucket): string {
  return `${shortUtcDate(b.start)} – ${shortUtcDate(b.end - DAY_MS)}`;
}

/** The y-axis step: the smallest of 1, 2, 5 x 10^k with 4 steps reaching `max` (37 -> 10, 0 -> 1). */
export function axisStep(max: number): number {
  const raw = Math.max(1, max) / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  return Math.max(1, Math.ceil(step));
}
