import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/db/schema";
import { appEnvForLocalClerk } from "@/local-clerk/src/app-env";
import { type LocalClerkHandle, type RequestLogEntry, startLocalClerk } from "@/local-clerk/src/index";
import {
  type ConsoleServer,
  freePort,
  killConsole,
  requireBuild,
  startConsole,
} from "@/test/support/console-server";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { approvedMetadataJob, maxInAnyWindow, metadataWrites, observedPace } from "@/test/support/jobs";
import { until } from "@/test/support/until";
import { CLERK_DEV_LIMIT, Pacer, paceFromEnv } from "./pacer";
import { getJob, listTargets, targetCounts } from "./store";

// The acceptance run, on the workflow engine: Clerk's real development limit (100 / 10 s) enforced by
// Local Clerk, the default pace (90% of it), 1,000 targets, the job approved while no server runs, then
// the console's production build (`next start`) started: the job must start with no page visit. The
// server is killed (SIGKILL) midway and started again. Once on the embedded (local) world, once on the
// PostgreSQL world. Each target costs two requests (the re-read and the write): about 4 minutes per world.

const TARGETS = 1_000;
const LIMIT = CLERK_DEV_LIMIT;
const LOCK_LEASE_MS = 3_000;
const KILL_AFTER_WRITES = TARGETS * 0.4;
const LIMIT_ENV = { BULK_RATE_LIMIT: String(LIMIT.requests), BULK_RATE_WINDOW_MS: String(LIMIT.windowMs) };

const span = (log: RequestLogEntry[]) => ((log.at(-1)?.at ?? 0) - (log[0]?.at ?? 0)) / 1000;
const WORLDS = [
  {
    name: "embedded (local) world",
    env: (dir: string) => ({ WORKFLOW_TARGET_WORLD: "local", WORKFLOW_LOCAL_DATA_DIR: dir }),
  },
  { name: "PostgreSQL world", env: (_dir: string) => ({}) },
] as const;

describe.each(WORLDS)(
  `bulk job on the workflow engine, $name: ${TARGETS} targets at ${LIMIT.requests} / ${LIMIT.windowMs / 1000} s`,
  (world) => {
    let lc: LocalClerkHandle;
    let store: TestDatabase;
    let dataDir: string;
    const servers: ConsoleServer[] = [];

    beforeAll(async () => {
      requireBuild();
      lc = await startLocalClerk({ port: 0, seedUsers: TARGETS + 5, quiet: true });
      store = await createTestDatabase("pg");
      dataDir = mkdtempSync(path.join(tmpdir(), "workflow-world-"));
    }, 120_000);
    afterAll(async () => {
      for (const s of servers) await killConsole(s);
      await store?.destroy();
      await lc?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it("approved while down, runs at boot; 0 429s, every target applied once at >= 95% of the pace, across a SIGKILL", async () => {
      if (store.config.driver !== "pg")
        throw new Error("the server and the test share a PostgreSQL database");
      const userIds = [...lc.state.users.all()].slice(0, TARGETS).map((u) => u.id);
      lc.context.rateLimiter.set(LIMIT);
      const pacer = new Pacer(paceFromEnv(LIMIT_ENV));
      expect(pacer.config).toEqual({ requests: 90, windowMs: 10_000 });
      const startSeq = lc.requestLog.list().at(-1)?.seq ?? 0;
      // Approved in the store while no console runs (as by an instance that went down since).
      const { job } = await approvedMetadataJob(store.db, lc, pacer, userIds, "pace");
      const runSeq = lc.requestLog.list().at(-1)?.seq ?? 0;

      // Local Clerk's secret key is sk_live_-shaped (the pace would default to production's 1,000 / 10 s),
      // so the console is told the development limit it emulates; the fraction stays the default 90%.
      const { BULK_PACE_FRACTION: _f, DATABASE_DIR: _d, WORKFLOW_TARGET_WORLD: _w, ...base } = process.env;
      const env: NodeJS.ProcessEnv = {
        ...base,
        ...appEnvForLocalClerk(lc.port),
        ...LIMIT_ENV,
        ...world.env(dataDir),
        DATABASE_URL: store.config.url,
        BULK_LEASE_MS: String(LOCK_LEASE_MS),
        NODE_ENV: "production",
        LOG_LEVEL: "info",
      };
      const port = await freePort();
      const bootedAt = Date.now();
      const first = startConsole(port, env);
      servers.push(first);
      const written = () => metadataWrites(lc.requestLog.list({ sinceSeq: runSeq })).size;
      const withOutput = (s: ConsoleServer) => (err: Error) => {
        throw new Error(`${err.message}\n${s.output().slice(-4000)}`);
      };
      await until("the first write, with no page visit", () => written() > 0, 120_000, 50).catch(
        withOutput(first),
      );
      await until("writes before the kill", () => written() >= KILL_AFTER_WRITES, 300_000, 20).catch(
        withOutput(first),
      );
      const firstWrite = lc.requestLog.list({ sinceSeq: runSeq }).find((e) => e.method === "PATCH")?.at ?? 0;
      await killConsole(first);
      const killedAt = Date.now();
      const killSeq = lc.requestLog.list().at(-1)?.seq ?? 0;
      const killedAfter = metadataWrites(lc.requestLog.list({ sinceSeq: runSeq })).size;
      const mid = (await targetCounts(store.db, [job.id])).get(job.id);
      expect(killedAfter).toBeLessThan(TARGETS);
      expect(mid?.pending).toBeGreaterThan(0);

      const restartedAt = Date.now();
      const second = startConsole(port, env);
      servers.push(second);
      await until(
        "the job to complete",
        async () => (await getJob(store.db, job.id))?.status === "completed",
        300_000,
        200,
      ).catch(withOutput(second));
      const seconds = (Date.now() - bootedAt) / 1000;
      await killConsole(second);
      expect(first.output() + second.output()).toContain("workflow.world_started");

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

      // Pace while a server runs the job (boot and the restart gap are reported, not counted).
      const run = lc.requestLog.list({ sinceSeq: runSeq });
      const before = run.filter((e) => e.seq <= killSeq);
      const after = run.filter((e) => e.seq > killSeq);
      const active = span(before) + span(after);
      const observed = ((before.length - 1 + after.length - 1) * LIMIT.windowMs) / 1000 / active;
      const ratio = observed / pacer.config.requests;
      const resumed = (after[0]?.at ?? 0) - restartedAt;
      const ideal = ((before.length + after.length) * LIMIT.windowMs) / pacer.config.requests / 1000;
      const pct = (n: number) => `${((n / pacer.config.requests) * 100).toFixed(1)}%`;
      console.log(
        `[bulk pace, ${world.name}] ${TARGETS} targets, ${before.length + after.length} BAPI requests in ${seconds.toFixed(1)} s ` +
          `(first write ${((firstWrite - bootedAt) / 1000).toFixed(1)} s after the first boot, no page visit); ` +
          `pace ${pacer.config.requests} / 10 s, observed while running ${observed.toFixed(1)} / 10 s = ${pct(observed)} ` +
          `(before the kill ${pct(observedPace(before, LIMIT.windowMs))}, after the restart ${pct(observedPace(after, LIMIT.windowMs))}); ` +
          `busiest 10 s window ${busiest}; 429s: 0; duplicates: 0; killed after ${killedAfter} writes (store then ${JSON.stringify(mid)}); ` +
          `first request ${(resumed / 1000).toFixed(1)} s after the restart (${(((after[0]?.at ?? 0) - killedAt) / 1000).toFixed(1)} s after the kill); ` +
          `engine overhead ${(((active - ideal) * 1000) / TARGETS).toFixed(1)} ms per target over the pace`,
      );
      expect(ratio).toBeGreaterThanOrEqual(0.95);
    }, 900_000);
  },
);
