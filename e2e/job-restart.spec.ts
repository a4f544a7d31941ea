import { expect, test } from "@playwright/test";
import { and, eq, isNull } from "drizzle-orm";
import { recordFirings } from "../lib/automations/record";
import { createRule, grantStanding, setRuleState } from "../lib/automations/store";
import { auditLog, automationFirings, bulkJobs, metadataIndex } from "../lib/db/schema";
import { Pacer } from "../lib/jobs/pacer";
import { targetCounts } from "../lib/jobs/store";
import { resyncMetadataIndex } from "../lib/webhooks/metadata-index";
import { appEnvForLocalClerk, LOCAL_WEBHOOK_SECRET } from "../local-clerk/src/app-env";
import { type LocalClerkHandle, startLocalClerk } from "../local-clerk/src/index";
import { type ConsoleServer, freePort, killConsole, startConsole } from "../test/support/console-server";
import { createTestDatabase, type TestDatabase } from "../test/support/db";
import { approvedMetadataJob, clientFor, metadataWrites } from "../test/support/jobs";
import { until } from "../test/support/until";

// A real `next start` of the build, its own Local Clerk (limited to Clerk's development 100 / 10 s) and
// its own PostgreSQL database (so the PostgreSQL workflow world). A job is approved while no server runs;
// the server starts and runs it, is killed (SIGKILL) mid-job and started again; nobody opens a page or
// calls the console at all: the job must start, resume and finish on its own, every target written once.
// While the console is down a user changes in Clerk, and the webhook retry is 10 minutes away: the boot
// catch-up must bring it into the metadata index. An automation firing recorded while it is down (its
// process died before starting the firing's workflow run) is run by a workflow run the boot starts.

const TARGETS = 60;
const KILL_AFTER_WRITES = 15;
const LEASE_MS = 5_000;
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

  const firing = await firingRecordedWhileDown(store.db);

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
    const [fired] = await store.db
      .select()
      .from(automationFirings)
      .where(eq(automationFirings.id, firing.id));
    seen.fired ??= fired?.status === "applied" ? Date.now() : undefined;
    return seen.firstWrite && seen.done && seen.indexed && seen.fired;
  });
  const { firstWrite: firstWriteAfter = 0, done = 0, indexed = 0, fired = 0 } = seen;

  const [firingRow] = await store.db
    .select()
    .from(automationFirings)
    .where(eq(automationFirings.id, firing.id));
  expect(firingRow?.runId).toMatch(/^wrun_/);
  expect(metadataWrites(lc.requestLog.list({ sinceSeq: killSeq })).get(firing.userId)).toBe(1);
  expect(lc.state.users.get(firing.userId)?.public_metadata).toEqual({ welcomed: true });
  const audited = await store.db.select().from(auditLog).where(eq(auditLog.ruleId, firing.ruleId));
  expect(audited.map((a) => [a.source, a.eventId, a.outcome])).toEqual([
    ["automation", FIRING_SVIX_ID, "ok"],
  ]);

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
    `a firing recorded while down applied once by its workflow run ${s(fired - restartedAt)} after the restart`;
  console.log(summary);
  await test.info().attach("restart-recovery", { body: summary, contentType: "text/plain" });
});

const FIRING_SVIX_ID = "msg_recorded_while_down";

/** A rule under a standing approval, and its firing recorded for a new user while no console runs. */
async function firingRecordedWhileDown(db: TestDatabase["db"]) {
  const adminUser = lc.state.users.findByEmail("admin@example.com");
  const admin = { userId: adminUser?.id ?? "", email: "admin@example.com", role: "admin" as const };
  const rule = await createRule(db, admin, {
    name: "welcome while down",
    trigger: "user.created",
    conditions: [{ kind: "emailDomain", domain: "while-down.test" }],
    actions: [
      { action: "updateUserMetadata", args: { user_id: "{{user.id}}", public_metadata: { welcomed: true } } },
    ],
  });
  await grantStanding(db, admin, {
    ruleId: rule.id,
    ruleHash: rule.ruleHash,
    bounds: {
      actions: ["updateUserMetadata"],
      metadataKeys: ["welcomed"],
      maxPerHour: 10,
      maxPerDay: 10,
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    },
  });
  await setRuleState(db, admin, rule.id, { enabled: true });
  const user = await clientFor(lc).users.createUser({ emailAddress: ["new@while-down.test"] });
  const [id] = await recordFirings(db, FIRING_SVIX_ID, {
    type: "user.created",
    data: user.raw as unknown as Record<string, unknown>,
  });
  if (!id) throw new Error("the firing was not recorded");
  return { id, ruleId: rule.id, userId: user.id };
}
