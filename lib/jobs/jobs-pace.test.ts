import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { type LocalClerkHandle, startLocalClerk } from "@/local-clerk/src/index";
import { listTargets, targetCounts } from "./store";
import {
  approvedMetadataJob,
  clientFor,
  maxInAnyWindow,
  metadataWrites,
  observedPace,
  pacerFor,
  scaledLimit,
} from "./test-support";
import { JobWorker } from "./worker";

const TARGETS = 1_000;
const limit = scaledLimit();

describe(`bulk job: ${TARGETS} targets against Local Clerk limited to ${limit.requests} / ${limit.windowMs} ms`, () => {
  let lc: LocalClerkHandle;
  let store: TestDatabase;

  beforeAll(async () => {
    lc = await startLocalClerk({ port: 0, seedUsers: TARGETS + 5, quiet: true });
    store = await createTestDatabase("pg");
  }, 120_000);
  afterAll(async () => {
    await store?.destroy();
    await lc?.stop();
  });

  it("applies every target exactly once, never gets a 429 and runs at >= 95% of the configured pace", async () => {
    const userIds = [...lc.state.users.all()].slice(0, TARGETS).map((u) => u.id);
    lc.context.rateLimiter.set(limit);
    const startSeq = lc.requestLog.list().at(-1)?.seq ?? 0;
    const pacer = pacerFor(limit);
    const { job, planRequests } = await approvedMetadataJob(store.db, lc, pacer, userIds, "pace");
    expect(planRequests).toBe(Math.ceil(TARGETS / 100));

    const runSeq = lc.requestLog.list().at(-1)?.seq ?? 0;
    const worker = new JobWorker({ db: store.db, clerk: clientFor(lc), pacer, concurrency: 6 });
    const started = performance.now();
    expect(await worker.drain()).toBe(1);
    const seconds = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 100));

    const all = lc.requestLog.list({ sinceSeq: startSeq });
    const run = lc.requestLog.list({ sinceSeq: runSeq });
    expect(all.filter((e) => e.status === 429)).toEqual([]);
    const writes = metadataWrites(run);
    expect(writes.size).toBe(TARGETS);
    expect([...writes.values()].every((n) => n === 1)).toBe(true);
    for (const id of userIds)
      expect(lc.state.users.get(id)?.public_metadata).toMatchObject({ plan: "pro", batch: "pace" });

    const counts = (await targetCounts(store.db, [job.id])).get(job.id);
    expect(counts).toMatchObject({ ok: TARGETS, applied: TARGETS, error: 0, pending: 0, running: 0 });
    const failed = await listTargets(store.db, job.id, { status: "error" });
    expect(failed).toEqual([]);

    const pace = pacer.config.requests;
    const observed = observedPace(run, limit.windowMs);
    const ratio = observed / pace;
    console.log(
      `[bulk pace] ${TARGETS} targets, ${run.length} BAPI requests (reads + writes) in ${seconds.toFixed(1)} s; ` +
        `configured ${pace} / ${limit.windowMs} ms, observed ${observed.toFixed(1)} / ${limit.windowMs} ms = ${(ratio * 100).toFixed(1)}%; ` +
        `max in any window ${maxInAnyWindow(all, limit.windowMs)} (Local Clerk limit ${limit.requests}); 429s: 0`,
    );
    expect(maxInAnyWindow(all, limit.windowMs)).toBeLessThanOrEqual(limit.requests);
    expect(ratio).toBeGreaterThanOrEqual(0.95);
  }, 240_000);
});
