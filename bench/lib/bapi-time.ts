import type { RequestLogEntry } from "../../local-clerk/src/request-log";

/**
 * Wall-clock time the BAPI was busy for a set of requests: the union of their [start, end] intervals,
 * so two concurrent requests (list + count) count once. Local Clerk logs start times in whole ms.
 */
export function bapiWallMs(entries: readonly RequestLogEntry[]): number {
  const spans = entries.map((e) => [e.at, e.at + e.durationMs] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let cur: [number, number] | undefined;
  for (const [s, e] of spans) {
    if (!cur || s > cur[1]) {
      if (cur) total += cur[1] - cur[0];
      cur = [s, e];
    } else cur[1] = Math.max(cur[1], e);
  }
  if (cur) total += cur[1] - cur[0];
  return total;
}

/** BAPI traffic only: Local Clerk also serves FAPI and its own test hooks on the same port. */
export const isBapi = (e: RequestLogEntry) => e.path.startsWith("/v1/") && !e.path.startsWith("/v1/client");
