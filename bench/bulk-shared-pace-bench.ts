// The shared pace budget (issue 18): what drawing every send from the database costs a pacer. The same
// number of grants at the same pace, 4 lanes per pacer: one pacer on its own (no budget), then two
// pacers sharing a budget on PostgreSQL (one handle each, as two processes) and on PGlite. Prints the
// achieved rate against the pace, the busiest window of grants, the time each grant took beyond the
// ideal schedule, database round trips per grant and the reservation's latency. No Clerk is called:
// this is the pacer's own cost.
// Usage: npx tsx bench/bulk-shared-pace-bench.ts [grants=1800] [limit=1000] [windowMs=10000] [requestMs=0]
// requestMs: how long each lane's "request" takes after its grant (0: the pacer is the bottleneck; 100 at
// production's pace: 4 lanes x 2 pacers ask for less than the pace, as jobs against real Clerk do).
import { type Db, openDb } from "@/lib/db/client";
import { dbPaceBudget, type PaceBudget } from "@/lib/jobs/pace-budget";
import { Pacer, paceFromEnv } from "@/lib/jobs/pacer";
import { createTestDatabase, testDrivers } from "@/test/support/db";
import { busiestWindow, grantAcross } from "@/test/support/pacing";
import { type Figure, runAsScript } from "./lib/figures";
import { pct, round } from "./lib/stats";

const LANES = 4;

function timedBudget(budget: PaceBudget, latencies: number[]): PaceBudget {
  return {
    reserve: async (count, stepMs) => {
      const t = performance.now();
      const out = await budget.reserve(count, stepMs);
      latencies.push(performance.now() - t);
      return out;
    },
    backOff: (seconds) => budget.backOff(seconds),
  };
}

async function measure(
  label: string,
  dbs: Db[] | null,
  grants: number,
  env: Record<string, string>,
  requestMs: number,
) {
  const latencies: number[] = [];
  const count = dbs?.length ?? 1;
  const pacers = Array.from({ length: count }, (_, i) => {
    const pacer = new Pacer(paceFromEnv(env));
    const db = dbs?.[i];
    if (db)
      pacer.shareBudget(
        timedBudget(
          dbPaceBudget(async () => db, `bench:${label}`),
          latencies,
        ),
      );
    return pacer;
  });
  const { requests, windowMs } = (pacers[0] as Pacer).config;
  const step = windowMs / requests;
  const send = () => new Promise<void>((resolve) => setTimeout(resolve, requestMs));
  const times = (await grantAcross(pacers, () => performance.now(), grants, LANES, send)).sort(
    (a, b) => a - b,
  );
  const elapsed = (times.at(-1) as number) - (times[0] as number);
  const n = (k: string, value: number, unit: string, note?: string): Figure => ({
    bench: "bulk-shared-pace",
    name: `${label} ${k}`,
    value,
    unit,
    ...(note ? { note } : {}),
  });
  const figures = [
    n(
      "of pace",
      round(((times.length - 1) * step * 100) / elapsed, 1),
      "%",
      `pace ${requests} / ${windowMs} ms`,
    ),
    n("busiest window", busiestWindow(times, windowMs), "grants"),
    n(
      "time beyond the schedule per grant",
      round((elapsed - (times.length - 1) * step) / times.length, 3),
      "ms",
    ),
  ];
  if (!dbs) return figures;
  return [
    ...figures,
    n("database round trips per grant", round(latencies.length / times.length, 3), "trips"),
    n("reservation p50", round(pct(latencies, 0.5), 2), "ms"),
    n("reservation p95", round(pct(latencies, 0.95), 2), "ms"),
  ];
}

export async function run(): Promise<Figure[]> {
  const [grants = 1_800, limit = 1000, windowMs = 10_000, requestMs = 0] = process.argv.slice(2).map(Number);
  const env = { BULK_RATE_LIMIT: String(limit), BULK_RATE_WINDOW_MS: String(windowMs) };
  const figures = await measure("one pacer, no budget", null, grants, env, requestMs);
  for (const driver of testDrivers()) {
    const store = await createTestDatabase(driver);
    const second = driver === "pg" ? await openDb(store.config, { migrate: false }) : store;
    try {
      figures.push(
        ...(await measure(`two pacers, ${driver} budget`, [store.db, second.db], grants, env, requestMs)),
      );
    } finally {
      if (second !== store) await second.close();
      await store.destroy();
    }
  }
  for (const f of figures) console.log(`${f.name}: ${f.value} ${f.unit}`);
  return figures;
}

runAsScript(import.meta.url, run);
