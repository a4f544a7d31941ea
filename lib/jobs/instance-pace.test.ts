import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_SECRET_KEY } from "@/local-clerk/src/app-env";
import type { LocalClerkHandle } from "@/local-clerk/src/index";
import { useProcessTestStore } from "@/test/support/db";
import { InProcessJobs } from "@/test/support/job-driver";
import { approvedMetadataJob, clientFor, maxInAnyWindow, metadataWrites } from "@/test/support/jobs";
import { startTestClerk } from "@/test/support/local-clerk";
import { limitFromHeaders } from "./instance-limit";
import { CLERK_PROD_LIMIT } from "./pacer";
import { instancePacer, sharedPacer } from "./shared-pacer";
import { pacedOwnerLookup } from "./standing";
import { getJob, targetCounts } from "./store";

// Demo pacing: Local Clerk's key is sk_live_-shaped, which alone would mean production's 1,000 / 10 s.
// Local Clerk announces the limit it is configured with and the console paces to that, with no
// BULK_RATE_LIMIT in the environment (an "unpaced" job, as in the demo).

const TARGETS = 80;
const LIMIT = { requests: 100, windowMs: 10_000 };

let lc: LocalClerkHandle;
// sharedPacer() draws from the process-wide store (getDb), so the suite points it at a fresh PGlite.
let store: Awaited<ReturnType<typeof useProcessTestStore>>;

beforeAll(async () => {
  lc = await startTestClerk({ seedUsers: TARGETS + 5, rateLimit: LIMIT });
  store = await useProcessTestStore("pglite");
  for (const k of ["BULK_RATE_LIMIT", "BULK_RATE_WINDOW_MS", "BULK_PACE_FRACTION", "LOCAL_CLERK_URL"])
    delete process.env[k];
  process.env.CLERK_SECRET_KEY = LOCAL_SECRET_KEY;
  process.env.CLERK_API_URL = lc.url;
  process.env.LOG_LEVEL = "warn";
});
afterAll(async () => {
  await store?.close();
  await lc?.stop();
});

describe("Local Clerk announces its rate limit", () => {
  it("in its Backend API responses", async () => {
    const res = await fetch(`${lc.url}/v1/users/count`, {
      headers: { authorization: `Bearer ${LOCAL_SECRET_KEY}` },
    });
    expect(res.headers.get("ratelimit-policy")).toBe("100;w=10");
    expect(res.headers.get("x-ratelimit-limit")).toBe("100");
    expect(Number(res.headers.get("x-ratelimit-remaining"))).toBeLessThan(100);
    expect(limitFromHeaders(res.headers)).toEqual(LIMIT);
    expect(limitFromHeaders(new Headers({ "x-ratelimit-limit": "20" }))).toEqual({
      requests: 20,
      windowMs: 10_000,
    });
    expect(limitFromHeaders(new Headers())).toBeNull();
  });

  it("is asked once, when the first request is about to go out (an idle process asks nothing)", async () => {
    let asked = 0;
    const pacer = instancePacer({ CLERK_SECRET_KEY: LOCAL_SECRET_KEY }, async () => {
      asked += 1;
      return LIMIT;
    });
    expect(asked).toBe(0);
    await Promise.all([pacer.acquire(), pacer.acquire()]);
    expect(asked).toBe(1);
    expect(pacer.config).toEqual({ requests: 90, windowMs: 10_000 });
    expect(instancePacer({ CLERK_SECRET_KEY: LOCAL_SECRET_KEY, BULK_RATE_LIMIT: "50" }).config.requests).toBe(
      45,
    );
  });

  it("an instance that announces nothing keeps the pace inferred from the key", async () => {
    const unlimited = await startTestClerk({ seedUsers: 1 });
    try {
      const pacer = instancePacer({ CLERK_SECRET_KEY: LOCAL_SECRET_KEY, CLERK_API_URL: unlimited.url });
      await pacer.acquire();
      expect(pacer.config).toEqual({ requests: CLERK_PROD_LIMIT.requests * 0.9, windowMs: 10_000 });
    } finally {
      await unlimited.stop();
    }
  });
});

describe(`an unpaced job against Local Clerk limited to ${LIMIT.requests} / 10 s`, () => {
  it("never exceeds the limit: 0 429s, every target written once", async () => {
    const pacer = sharedPacer();
    const userIds = [...lc.state.users.all()].slice(0, TARGETS).map((u) => u.id);
    const startSeq = lc.requestLog.list().at(-1)?.seq ?? 0;
    const { job } = await approvedMetadataJob(store.db, lc, pacer, userIds, "demo-pace");
    const clerk = clientFor(lc);
    const worker = new InProcessJobs({
      db: store.db,
      clerk,
      pacer,
      lookupOwner: pacedOwnerLookup(clerk, pacer),
    });
    await worker.drainUntilIdle(200);

    const log = lc.requestLog.list({ sinceSeq: startSeq });
    const busiest = maxInAnyWindow(log, LIMIT.windowMs);
    console.log(
      `[demo pace] ${log.length} BAPI requests for ${TARGETS} targets; pacer ${pacer.config.requests} / ${pacer.config.windowMs / 1000} s; ` +
        `busiest 10 s window ${busiest}; 429s ${log.filter((e) => e.status === 429).length}`,
    );
    expect(log.filter((e) => e.status === 429)).toEqual([]);
    expect(busiest).toBeLessThanOrEqual(LIMIT.requests);
    expect(pacer.config).toEqual({ requests: 90, windowMs: 10_000 });
    expect(metadataWrites(log).size).toBe(TARGETS);
    expect((await getJob(store.db, job.id))?.status).toBe("completed");
    expect((await targetCounts(store.db, [job.id])).get(job.id)).toMatchObject({ ok: TARGETS, error: 0 });
  }, 120_000);
});
