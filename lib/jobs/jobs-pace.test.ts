import { type ChildProcess, spawn } from "node:child_process";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/db/schema";
import { appEnvForLocalClerk } from "@/local-clerk/src/app-env";
import { type LocalClerkHandle, type RequestLogEntry, startLocalClerk } from "@/local-clerk/src/index";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { approvedMetadataJob, maxInAnyWindow, metadataWrites, observedPace } from "@/test/support/jobs";
import { CLERK_DEV_LIMIT, Pacer, paceFromEnv } from "./pacer";
import { getJob, listTargets, targetCounts } from "./store";

// The acceptance run: Clerk's real development limit (100 / 10 s) enforced by Local Clerk, the default
// pace (90% of it), 1,000 targets, and the worker process killed (SIGKILL) midway and started again.
// Each target costs two requests (the staleness re-read and the write), so this takes about 4 minutes.

const TARGETS = 1_000;
const LIMIT = CLERK_DEV_LIMIT;
const LEASE_MS = 3_000;
const KILL_AFTER_WRITES = TARGETS * 0.4;
const LIMIT_ENV = { BULK_RATE_LIMIT: String(LIMIT.requests), BULK_RATE_WINDOW_MS: String(LIMIT.windowMs) };

function startWorker(lc: LocalClerkHandle, store: TestDatabase) {
  if (store.config.driver !== "pg") throw new Error("the worker process needs a shared PostgreSQL database");
  // Local Clerk's secret key is sk_live_-shaped (the pace would default to production's 1,000 / 10 s),
  // so the worker is told the development limit it emulates; the fraction stays the default 90%.
  const { BULK_PACE_FRACTION: _fraction, ...env } = process.env;
  let out = "";
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "lib/jobs/worker-cli.ts", "--until-idle", "--lease-ms", String(LEASE_MS)],
    {
      cwd: process.cwd(),
      env: {
        ...env,
        ...appEnvForLocalClerk(lc.port),
        DATABASE_URL: store.config.url,
        ...LIMIT_ENV,
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, output: () => out };
}

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

const span = (log: RequestLogEntry[]) => ((log.at(-1)?.at ?? 0) - (log[0]?.at ?? 0)) / 1000;

describe(`bulk job: ${TARGETS} targets against Local Clerk limited to ${LIMIT.requests} / ${LIMIT.windowMs / 1000} s`, () => {
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

  it("0 429s, every target applied exactly once at >= 95% of the default pace, across a SIGKILL and restart", async () => {
    const userIds = [...lc.state.users.all()].slice(0, TARGETS).map((u) => u.id);
    lc.context.rateLimiter.set(LIMIT);
    const pacer = new Pacer(paceFromEnv(LIMIT_ENV));
    expect(pacer.config).toEqual({ requests: 90, windowMs: 10_000 });
    const startSeq = lc.requestLog.list().at(-1)?.seq ?? 0;
    const { job, planRequests } = await approvedMetadataJob(store.db, lc, pacer, userIds, "pace");
    expect(planRequests).toBe(Math.ceil(TARGETS / 100));
    const runSeq = lc.requestLog.list().at(-1)?.seq ?? 0;
    const started = performance.now();

    const first = startWorker(lc, store);
    await waitFor(
      () => metadataWrites(lc.requestLog.list({ sinceSeq: runSeq })).size >= KILL_AFTER_WRITES,
      200_000,
    );
    first.child.kill("SIGKILL");
    await first.exited;
    expect(first.output()).toContain("pacing at 90 requests / 10000 ms");
    const killSeq = lc.requestLog.list().at(-1)?.seq ?? 0;
    const killedAfter = metadataWrites(lc.requestLog.list({ sinceSeq: runSeq })).size;
    const mid = (await targetCounts(store.db, [job.id])).get(job.id);
    expect(killedAfter).toBeLessThan(TARGETS);
    expect(mid?.pending).toBeGreaterThan(0);

    const second = startWorker(lc, store);
    const code = await second.exited;
    expect(code, second.output()).toBe(0);
    const seconds = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 100));

    // Local Clerk's side: no 429, never more than its limit in any window, one write per target.
    const all = lc.requestLog.list({ sinceSeq: startSeq });
    expect(all.filter((e) => e.status === 429)).toEqual([]);
    const busiest = maxInAnyWindow(all, LIMIT.windowMs);
    expect(busiest).toBeLessThanOrEqual(LIMIT.requests);
    const writes = metadataWrites(all);
    expect(writes.size).toBe(TARGETS);
    expect([...writes.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(all.filter((e) => e.method !== "GET").length).toBe(TARGETS);
    for (const id of userIds)
      expect(lc.state.users.get(id)?.public_metadata).toMatchObject({ plan: "pro", batch: "pace" });

    // The store's side: completed, every target ok once, one successful audit entry per target.
    expect((await getJob(store.db, job.id))?.status).toBe("completed");
    const counts = (await targetCounts(store.db, [job.id])).get(job.id);
    expect(counts).toMatchObject({ ok: TARGETS, applied: TARGETS, error: 0, pending: 0, running: 0 });
    expect(await listTargets(store.db, job.id, { status: "error" })).toEqual([]);
    const audit = await store.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.approvalId, job.approvalId ?? ""));
    const ok = audit.filter((a) => a.outcome === "ok");
    expect(ok.length).toBe(TARGETS);
    expect(new Set(ok.map((a) => a.targetId)).size).toBe(TARGETS);
    expect(audit.filter((a) => a.outcome === "pending")).toEqual([]);

    // Pace while a worker runs (the restart gap is reported, not counted): >= 95% of 90 / 10 s.
    const before = lc.requestLog.list({ sinceSeq: runSeq }).filter((e) => e.seq <= killSeq);
    const after = lc.requestLog.list({ sinceSeq: killSeq });
    const active = span(before) + span(after);
    const observed = ((before.length - 1 + after.length - 1) * LIMIT.windowMs) / 1000 / active;
    const ratio = observed / pacer.config.requests;
    const gap = ((after[0]?.at ?? 0) - (before.at(-1)?.at ?? 0)) / 1000;
    const pct = (n: number) => `${((n / pacer.config.requests) * 100).toFixed(1)}%`;
    console.log(
      `[bulk pace] ${TARGETS} targets, ${before.length + after.length} BAPI requests (reads + writes) in ${seconds.toFixed(1)} s ` +
        `incl. a ${gap.toFixed(1)} s restart gap; Local Clerk limit ${LIMIT.requests} / ${LIMIT.windowMs / 1000} s, ` +
        `configured pace ${pacer.config.requests} / 10 s; observed while running ${observed.toFixed(1)} / 10 s = ${pct(observed)} ` +
        `(before the kill ${pct(observedPace(before, LIMIT.windowMs))}, after the restart ${pct(observedPace(after, LIMIT.windowMs))}); ` +
        `busiest 10 s window ${busiest}; 429s: 0; killed after ${killedAfter} writes, store then ${JSON.stringify(mid)}`,
    );
    expect(ratio).toBeGreaterThanOrEqual(0.95);
  }, 480_000);
});
