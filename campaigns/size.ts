/** `npm test` runs every campaign reduced; `npm run campaign:*` sets CAMPAIGN_SIZE=full. */
export const FULL = process.env.CAMPAIGN_SIZE === "full";

export const sized = (reduced: number, full: number): number => (FULL ? full : reduced);

/** 20% of calls fail: a third each 429 (Retry-After), 500 and a hung connection, chained rates. */
export function twentyPercentFaults(route: string, hangMs: number) {
  return [
    { route, kind: "429" as const, rate: 1 / 15, retryAfter: 1 },
    { route, kind: "500" as const, rate: 1 / 14 },
    { route, kind: "timeout" as const, rate: 1 / 13, hangMs },
  ];
}
