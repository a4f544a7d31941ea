// Pacer measurements shared by the pacer suites and the pace benches.
import type { Pacer } from "../../lib/jobs/pacer";

/** The most of `times` (ms) that fall in any window of `windowMs`. */
export function busiestWindow(times: readonly number[], windowMs: number): number {
  const at = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let lo = 0, hi = 0; hi < at.length; hi++) {
    while ((at[hi] as number) - (at[lo] as number) >= windowMs) lo++;
    max = Math.max(max, hi - lo + 1);
  }
  return max;
}

/**
 * `lanes` callers per pacer, each acquiring until `total` grants were handed out across all pacers and
 * running `send` after each (a request's time); answers the grant times on `now`'s clock, in grant order.
 */
export async function grantAcross(
  pacers: readonly Pacer[],
  now: () => number,
  total: number,
  lanes = 4,
  send: () => Promise<void> = async () => {},
): Promise<number[]> {
  const times: number[] = [];
  let issued = 0;
  const lane = async (pacer: Pacer) => {
    while (issued < total) {
      issued++;
      await pacer.acquire();
      times.push(now());
      await send();
    }
  };
  await Promise.all(pacers.flatMap((p) => Array.from({ length: lanes }, () => lane(p))));
  return times;
}
