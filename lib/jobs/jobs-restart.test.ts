import { type ChildProcess, spawn } from "node:child_process";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { appEnvForLocalClerk } from "@/local-clerk/src/app-env";
import { type LocalClerkHandle, startLocalClerk } from "@/local-clerk/src/index";
import { getJob, listTargets, targetCounts } from "./store";
import { approvedMetadataJob, maxInAnyWindow, metadataWrites, pacerFor, scaledLimit } from "./test-support";

const TARGETS = 300;
const limit = scaledLimit();
const LEASE_MS = 3_000;

function startWorker(
  lc: LocalClerkHandle,
  store: TestDatabase,
): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  if (store.config.driver !== "pg") throw new Error("the worker process needs a shared PostgreSQL database");
  let out = "";
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "lib/jobs/worker-cli.ts", "--until-idle", "--lease-ms", String(LEASE_MS)],
    {
      cwd: process.cwd(),
      env: {
        ...process.env,
        ...appEnvForLocalClerk(lc.port),
        DATABASE_URL: store.config.url,
        BULK_RATE_LIMIT: String(limit.requests),
        BULK_RATE_WINDOW_MS: String(limit.windowMs),
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

describe("bulk job: worker process killed midway (SIGKILL), then a new worker", () => {
  let lc: LocalClerkHandle;
  let store: TestDatabase;

  beforeAll(async () => {
    lc = await startLocalClerk({ port: 0, seedUsers: TARGETS, quiet: true });
    store = await createTestDatabase("pg");
  }, 120_000);
  afterAll(async () => {
    await store?.destroy();
    await lc?.stop();
  });

  it("resumes without repeating completed targets: exactly one write per target", async () => {
    const userIds = [...lc.state.users.all()].slice(0, TARGETS).map((u) => u.id);
    lc.context.rateLimiter.set(limit);
    const startSeq = lc.requestLog.list().at(-1)?.seq ?? 0;
    const { job } = await approvedMetadataJob(store.db, lc, pacerFor(limit), userIds, "restart");

    const first = startWorker(lc, store);
    await waitFor(
      () => metadataWrites(lc.requestLog.list({ sinceSeq: startSeq })).size >= TARGETS * 0.4,
      90_000,
    );
    first.child.kill("SIGKILL");
    await first.exited;
    const beforeRestart = metadataWrites(lc.requestLog.list({ sinceSeq: startSeq })).size;
    const mid = (await targetCounts(store.db, [job.id])).get(job.id);
    console.log(`[bulk restart] killed after ${beforeRestart} writes; store: ${JSON.stringify(mid)}`);
    expect(beforeRestart).toBeLessThan(TARGETS);

    const second = startWorker(lc, store);
    const code = await second.exited;
    expect(code, second.output()).toBe(0);
    await new Promise((r) => setTimeout(r, 100));

    const log = lc.requestLog.list({ sinceSeq: startSeq });
    expect(log.filter((e) => e.status === 429)).toEqual([]);
    expect(maxInAnyWindow(log, limit.windowMs)).toBeLessThanOrEqual(limit.requests);
    const writes = metadataWrites(log);
    expect(writes.size).toBe(TARGETS);
    expect([...writes.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    for (const id of userIds)
      expect(lc.state.users.get(id)?.public_metadata).toMatchObject({ plan: "pro", batch: "restart" });

    expect((await getJob(store.db, job.id))?.status).toBe("completed");
    const counts = (await targetCounts(store.db, [job.id])).get(job.id);
    expect(counts).toMatchObject({ ok: TARGETS, applied: TARGETS, error: 0, pending: 0, running: 0 });
    expect(await listTargets(store.db, job.id, { status: "error" })).toEqual([]);
    const audit = await store.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.approvalId, job.approvalId ?? ""));
    expect(audit.filter((a) => a.outcome === "ok").length).toBe(TARGETS);
    expect(new Set(audit.filter((a) => a.outcome === "ok").map((a) => a.targetId)).size).toBe(TARGETS);
    expect(audit.filter((a) => a.outcome === "pending")).toEqual([]);
  }, 180_000);
});
