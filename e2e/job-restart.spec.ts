import { expect, test } from "@playwright/test";
import { and, eq, isNull } from "drizzle-orm";
import { auditLog, automationFirings, bulkJobs, metadataIndex } from "../lib/db/schema";
import { Pacer } from "../lib/jobs/pacer";
import { targetCounts } from "../lib/jobs/store";
import { resyncMetadataIndex } from "../lib/webhooks/metadata-index";
import { appEnvForLocalClerk, LOCAL_WEBHOOK_SECRET } from "../local-clerk/src/app-env";
import { type LocalClerkHandle, startLocalClerk } from "../local-clerk/src/index";
import { type ConsoleServer, freePort, killConsole, startConsole } from "../test/support/console-server";
import { createTestDatabase, type TestDatabase } from "../test/support/db";
import { firingsLeftWhileDown } from "../test/support/firings-while-down";
import { approvedMetadataJob, clientFor, metadataWrites } from "../test/support/jobs";
import { until } from "../test/support/until";

// A real `next start` of the build, its own Local Clerk (limited to Clerk's development 100 / 10 s) and
// its own PostgreSQL database (so the PostgreSQL workflow world). A job is approved while no server runs;
// the server starts and runs it, is killed (SIGKILL) mid-job and started again; nobody opens a page or
// calls the console at all: the job must start, resume and finish on its own, every target written once.
// While the console is down a user changes in Clerk, and the webhook retry is 10 minutes away: the boot
// catch-up must bring it into the metadata index. Automation firings left while it is down, one recorded
// but never started (its process died first) and one held by a dead runner's lease, are each run once by
// a workflow run the boot starts (the held one only once its lease is over).

const TARGETS = 60;
const KILL_AFTER_WRITES = 15;
const LEASE_MS = 5_000;
/** How long after the restart a dead runner still holds its firing (the run must wait it out). */
const FIRING_HELD_MS = 30_000;
let lc: LocalClerkHandle;
let store: TestDatabase;
const consoles: ConsoleServer[] = [];

test.afterAll(async () => {
  for (const c of consoles) await killConsole(c);
  await lc?.stop();
  await store?.destroy();
});

test("a job interrupted by SIGKILL resumes after the restart without any page visit; the index catches up", async () => {
  test.setTimeout(420_000);
  const appPort = await freePort();
  lc = await startLocalClerk({
    port: 0,
    quiet: true,
    seedUsers: TARGETS + 10,
    rateLimit: { requests: 100, windowMs: 10_000 },
    webhookUrl: `http://127.0.0.1:${appPort}/api/webhooks/clerk`,
    webhookSecret: LOCAL_WEBHOOK_SECRET,
    webhookRetryDelaysMs: [600_000],
  });
  store = await createTestDatabase("pg");
  if (store.config.driver !== "pg") throw new Error("needs PostgreSQL");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...appEnvForLocalClerk(lc.port),
    DATABASE_URL: store.config.url,
    BULK_LEASE_MS: String(LEASE_MS),
    NODE_ENV: "production",
  };
  for (const k of ["WORKFLOW_TARGET_WORLD", "BULK_RATE_LIMIT", "BULK_RATE_WINDOW_MS", "DATABASE_DIR"])
    delete env[k];

  const users = [...lc.state.users.all()].filter(
    (u) =>
      !u.emails.some(
        (e) => e.email_address.endsWith("@example.com") && /^(admin|viewer|member)@/.test(e.email_address),
      ),
  );
  const targetIds = users.slice(0, TARGETS).map((u) => u.id);
  const [changedWhileDown] = users.slice(TARGETS, TARGETS + 1).map((u) => u.id);
  await resyncMetadataIndex(clientFor(lc), { db: store.db });

  const { job } = await approvedMetadataJob(
    store.db,
    lc,
    new Pacer({ requests: 20, windowMs: 10_000 }),
    targetIds,
    "restart",
  );
  const runSeq = lc.requestLog.list().at(-1)?.seq ?? 0;
  const first = startConsole(appPort, env);
  consoles.push(first);
  await until(
    "writes before the kill",
    async () => metadataWrites(lc.requestLog.list({ sinceSeq: runSeq })).size >= KILL_AFTER_WRITES,
  );
  await killConsole(first);
  const killedAt = Date.now();
  const killSeq = lc.requestLog.list().at(-1)?.seq ?? 0;
  const writtenBefore = metadataWrites(lc.requestLog.list({ sinceSeq: runSeq })).size;
  expect(writtenBefore).toBeLessThan(TARGETS);

  // Down: a change in Clerk whose webhook cannot be delivered (the retry is 10 minutes away).
  await clientFor(lc).users.updateUserMetadata(changedWhileDown!, {
    publicMetadata: { tier: "changed-while-down" },
  });

  const heldUntil = new Date(Date.now() + FIRING_HELD_MS);
  const left = await firingsLeftWhileDown(store.db, lc, heldUntil);

  const restartedAt = Date.now();
  const second = startConsole(appPort, env);
  consoles.push(second);
  // One poll for the three milestones, so each is timed on its own (no request to the console).
  const seen: { firstWrite?: number; done?: number; indexed?: number; fired?: number } = {};
  await until("recovery", async () => {
    seen.firstWrite ??= lc.requestLog
      .list({ sinceSeq: killSeq })
      .some((e) => e.method === "PATCH" && e.status === 200 && e.at >= restartedAt)
      ? Date.now()
      : undefined;
    const [row] = await store.db.select().from(bulkJobs).where(eq(bulkJobs.id, job.id));
    seen.done ??= row?.status === "completed" ? Date.now() : undefined;
    const [entry] = await store.db
      .select()
      .from(metadataIndex)
      .where(and(eq(metadataIndex.userId, changedWhileDown!), isNull(metadataIndex.deletedAt)));
    seen.indexed ??=
      (entry?.publicMetadata as { tier?: string } | undefined)?.tier === "changed-while-down"
        ? Date.now()
        : undefined;
    const fired = await store.db
      .select()
      .from(automationFirings)
      .where(eq(automationFirings.ruleId, left.ruleId));
    seen.fired ??= fired.length === 2 && fired.every((f) => f.status === "applied") ? Date.now() : undefined;
    return seen.firstWrite && seen.done && seen.indexed && seen.fired;
  });
  const { firstWrite: firstWriteAfter = 0, done = 0, indexed = 0, fired = 0 } = seen;

  const firingRows = await store.db
    .select()
    .from(automationFirings)
    .where(eq(automationFirings.ruleId, left.ruleId));
  expect(firingRows.map((f) => f.runId)).toEqual([
    expect.stringMatching(/^wrun_/),
    expect.stringMatching(/^wrun_/),
  ]);
  const writesSinceKill = metadataWrites(lc.requestLog.list({ sinceSeq: killSeq }));
  for (const f of left.firings) {
    expect(writesSinceKill.get(f.userId)).toBe(1);
    expect(lc.state.users.get(f.userId)?.public_metadata).toEqual({ welcomed: true });
  }
  const audited = await store.db.select().from(auditLog).where(eq(auditLog.ruleId, left.ruleId));
  expect(audited.map((a) => [a.source, a.eventId, a.outcome]).sort()).toEqual(
    left.firings.map((f) => ["automation", f.svixId, "ok"]).sort(),
  );
  // The dead runner's claim was respected: its firing was written only after the lease ended.
  const heldWrite = audited.find((a) => a.eventId === left.held.svixId);
  expect(heldWrite?.createdAt.getTime()).toBeGreaterThanOrEqual(heldUntil.getTime());

  const log = lc.requestLog.list({ sinceSeq: runSeq });
  const writes = new Map([...metadataWrites(log)].filter(([id]) => targetIds.includes(id)));
  expect(writes.size).toBe(TARGETS);
  expect([...writes.values()].filter((n) => n !== 1)).toEqual([]);
  expect((await targetCounts(store.db, [job.id])).get(job.id)).toMatchObject({
    ok: TARGETS,
    error: 0,
    pending: 0,
  });
  expect(log.filter((e) => e.status === 429)).toEqual([]);
  expect(second.output()).toContain("workflow.world_started");

  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const summary =
    `[restart recovery] ${TARGETS} targets, SIGKILL after ${writtenBefore} writes; first write ${s(firstWriteAfter - restartedAt)} after the restart ` +
    `(${s(firstWriteAfter - killedAt)} after the kill; target lock ${s(LEASE_MS)}), job completed ${s(done - restartedAt)} after the restart, ` +
    `every target written once, 0 429s, no page visit; index caught up ${s(indexed - restartedAt)} after the restart (webhook retry 600 s away); ` +
    `2 firings left while down (one recorded, one held ${s(heldUntil.getTime() - restartedAt)} past the restart) applied once each by workflow runs, ` +
    `the last ${s(fired - restartedAt)} after the restart`;
  console.log(summary);
  await test.info().attach("restart-recovery", { body: summary, contentType: "text/plain" });
});
