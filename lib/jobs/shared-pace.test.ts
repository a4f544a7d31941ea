// Issue 18: two processes pacing to one Clerk instance share its budget through the console's database.
// Each "process" here is an independent pacer (its own reserved times, its own database handle on
// PostgreSQL; PGlite is one process's store, so there the two share the handle), both discovering the
// limit Local Clerk announces, both pushing 4 lanes of reads as fast as their pacer lets them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "@/lib/db/client";
import { LOCAL_SECRET_KEY } from "@/local-clerk/src/app-env";
import type { LocalClerkHandle } from "@/local-clerk/src/index";
import { createTestDatabase, type TestDatabase, testDrivers } from "@/test/support/db";
import { clientFor, maxInAnyWindow } from "@/test/support/jobs";
import { startTestClerk } from "@/test/support/local-clerk";
import { discoverRateLimit } from "./instance-limit";
import { dbPaceBudget, paceBudgetKey } from "./pace-budget";
import { pacedClerk } from "./paced-clerk";
import { instancePacer } from "./shared-pacer";

const LIMIT = { requests: 100, windowMs: 10_000 };
const PER_PROCESS = 70;
const LANES = 4;

process.env.LOG_LEVEL = "warn";

async function pushReads(lc: LocalClerkHandle, db: DbHandle, counted: { n: number }) {
  const env = { CLERK_SECRET_KEY: LOCAL_SECRET_KEY, CLERK_API_URL: lc.url };
  const pacer = instancePacer(
    env,
    discoverRateLimit,
    dbPaceBudget(async () => db.db, paceBudgetKey(env)),
  );
  const paced = pacedClerk(clientFor(lc), pacer);
  let issued = 0;
  const lane = async () => {
    while (issued < PER_PROCESS) {
      issued++;
      await paced.clerk.users.getCount();
      counted.n++;
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
  return { pacer, paced };
}

describe.each(testDrivers())("two processes on one %s store", (driver) => {
  let lc: LocalClerkHandle;
  let store: TestDatabase;
  let second: DbHandle;

  beforeAll(async () => {
    [lc, store] = await Promise.all([
      startTestClerk({ seedUsers: 3, rateLimit: LIMIT }),
      createTestDatabase(driver),
    ]);
    second = driver === "pg" ? await openDb(store.config, { migrate: false }) : store;
  });
  afterAll(async () => {
    if (second !== store) await second?.close();
    await Promise.all([store?.destroy(), lc?.stop()]);
  });

  it("reserve block after block from one row, after a Retry-After, one row per Clerk instance", async () => {
    // Minute-long steps: the asserted bounds hold however slow the machine is between the calls.
    const step = 60_000;
    const one = dbPaceBudget(async () => store.db, "test:one");
    const other = dbPaceBudget(async () => second.db, "test:one");
    const first = await one.reserve(5, step);
    expect(first.startsInMs).toBeGreaterThanOrEqual(0);
    expect(first.startsInMs).toBeLessThan(step);
    const next = await other.reserve(5, step);
    expect(next.startsInMs).toBeGreaterThan(4 * step);
    expect(next.startsInMs).toBeLessThanOrEqual(5 * step);
    await other.backOff(3_600);
    expect((await one.reserve(1, step)).startsInMs).toBeGreaterThan(3_000_000);
    const elsewhere = await dbPaceBudget(async () => second.db, "test:two").reserve(1, step);
    expect(elsewhere.startsInMs).toBeLessThan(step);
  });

  it(`stay under Local Clerk's ${LIMIT.requests} / 10 s together: 0 429s`, async () => {
    const startSeq = lc.requestLog.list().at(-1)?.seq ?? 0;
    const a = { n: 0 };
    const b = { n: 0 };
    const started = performance.now();
    const [one, two] = await Promise.all([pushReads(lc, store, a), pushReads(lc, second, b)]);
    const seconds = (performance.now() - started) / 1000;

    const log = lc.requestLog.list({ sinceSeq: startSeq });
    const busiest = maxInAnyWindow(log, LIMIT.windowMs);
    const limited = log.filter((e) => e.status === 429).length;
    console.log(
      `[shared pace ${driver}] ${log.length} BAPI requests (2 x ${PER_PROCESS} reads + 2 limit discoveries) in ` +
        `${seconds.toFixed(1)} s = ${((log.length / seconds) * 10).toFixed(1)} / 10 s; pace ${one.pacer.config.requests} / 10 s; ` +
        `busiest 10 s window ${busiest}; 429s ${limited}`,
    );
    expect(limited).toBe(0);
    expect(one.paced.rateLimited + two.paced.rateLimited).toBe(0);
    expect(busiest).toBeLessThanOrEqual(LIMIT.requests);
    expect([a.n, b.n]).toEqual([PER_PROCESS, PER_PROCESS]);
    expect(one.pacer.config).toEqual({ requests: 90, windowMs: 10_000 });
  }, 90_000);
});
