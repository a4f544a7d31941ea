// Bulk jobs through Clerk failures that pass and failures that do not, on a real Local Clerk (faults
// injected through its fault API) and a real PostgreSQL store, with the job's batches driven in-process
// as the workflow runs them (test/support/job-driver). A failure that passes (an outage, a 429, an unconfirmed write) never fails a target: it waits and
// is re-read; a refusal (a 422) fails the target, the job ends completed_with_errors, and an admin can
// retry exactly the failed targets once, through a new plan and its own approval.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clerkOwnerLookup } from "@/lib/auth/token-auth";
import { auditLog, type BulkJobRow, bulkJobTargets } from "@/lib/db/schema";
import { AppError, type LogRecord, setLogSink } from "@/lib/errors";
import { type ClerkFixture, settle, startClerkFixture } from "@/test/support/clerk-fixture";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { type DriverEnd, InProcessJobs } from "@/test/support/job-driver";
import { approvedMetadataJob, metadataWrites, seededAdmin } from "@/test/support/jobs";
import { decideJob } from "./decide";
import { pacedClerk } from "./paced-clerk";
import { Pacer, paceFromEnv } from "./pacer";
import { proposeRetryOfFailed } from "./retry";
import { getJob } from "./store";

const PACE = { BULK_RATE_LIMIT: "40", BULK_RATE_WINDOW_MS: "1000" };

let fx: ClerkFixture;
let tdb: TestDatabase;
let restoreLog: () => void;
const logs: LogRecord[] = [];
const ends: DriverEnd[] = [];
let nextUser = 0;

beforeAll(async () => {
  restoreLog = setLogSink((r) => logs.push(r));
  // A short client timeout so an unanswered write is "outcome unknown" quickly.
  [fx, tdb] = await Promise.all([
    startClerkFixture({ seedUsers: 90, timeoutMs: 2_000 }),
    createTestDatabase("pg"),
  ]);
});

afterAll(async () => {
  restoreLog?.();
  await Promise.all([fx?.stop(), tdb?.destroy()]);
});

function users(n: number): string[] {
  const own = new Set(["admin@example.com", "viewer@example.com", "member@example.com"]);
  const ids = [...fx.lc.state.users.all()]
    .filter((u) => !u.emails.some((e) => own.has(e.email_address)))
    .slice(nextUser, nextUser + n)
    .map((u) => u.id);
  nextUser += n;
  return ids;
}

function worker() {
  const pacer = new Pacer(paceFromEnv(PACE));
  return new InProcessJobs({
    db: tdb.db,
    clerk: fx.ctx.clerk,
    pacer,
    lookupOwner: clerkOwnerLookup((id) => pacedClerk(fx.ctx.clerk, pacer).clerk.users.getUser(id), {
      ttlMs: 0,
    }),
    lockLeaseMs: 600,
    standingCheckMs: 400,
    targetRetry: { baseMs: 200, maxMs: 1_000, settleAfterTimeoutMs: 1_000 },
    onJobEnd: (_id, end) => ends.push(end),
  });
}

async function newJob(ids: string[], batch: string): Promise<BulkJobRow> {
  const { job } = await approvedMetadataJob(tdb.db, fx.lc, new Pacer(paceFromEnv(PACE)), ids, batch);
  return job;
}

const targetRows = (jobId: string) =>
  tdb.db.select().from(bulkJobTargets).where(eq(bulkJobTargets.jobId, jobId));

async function waitFor(cond: () => boolean, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Every target applied once: status ok, one 200 write in Local Clerk's log, one ok audit row each. */
async function expectEachAppliedOnce(job: BulkJobRow, ids: string[], mark: number, batch: string) {
  const rows = await targetRows(job.id);
  expect(rows.filter((r) => r.status !== "ok" || !r.applied).map((r) => [r.targetId, r.status])).toEqual([]);
  const writes = metadataWrites(fx.requestsSince(mark));
  expect(ids.map((id) => writes.get(id) ?? 0)).toEqual(ids.map(() => 1));
  for (const id of ids) expect(fx.lc.state.users.get(id)?.public_metadata).toMatchObject({ batch });
  const audit = await tdb.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.approvalId, job.approvalId ?? ""));
  const ok = audit.filter((a) => a.outcome === "ok").map((a) => a.targetId);
  expect(ok.sort()).toEqual([...ids].sort());
  expect(audit.filter((a) => a.outcome === "pending")).toEqual([]);
}

describe("failures that pass leave no target failed", () => {
  it("an outage mid-job: the run is put off, the targets in flight wait, every target is applied once", async () => {
    fx.lc.faults.configure([]);
    const ids = users(30);
    const job = await newJob(ids, "outage");
    const mark = fx.mark();
    logs.length = 0;
    ends.length = 0;
    const run = worker().drainUntilIdle(100);
    await waitFor(() => metadataWrites(fx.requestsSince(mark)).size >= 8);
    // Every Backend API call fails for 2.5 s, and until the run it struck has ended (however slow the
    // machine): reads before a write, writes (not confirmed), role checks. So each target request the
    // outage struck was answered by the struck run itself, never by a read that succeeded on retry.
    fx.lc.faults.configure([{ route: "* /v1/*", kind: "500" }]);
    await new Promise((r) => setTimeout(r, 2_500));
    await waitFor(() => ends.length > 0);
    fx.lc.faults.configure([]);
    await run;
    await settle();

    const paths = new Set(ids.flatMap((id) => [`/v1/users/${id}`, `/v1/users/${id}/metadata`]));
    const struck = fx.requestsSince(mark).filter((e) => e.fault && paths.has(e.path));
    expect(struck.length).toBeGreaterThan(0);
    expect(ends).toContain("deferred");
    expect(ends.at(-1)).toBe("completed");
    expect(await getJob(tdb.db, job.id)).toMatchObject({ status: "completed", error: null });
    await expectEachAppliedOnce(job, ids, mark, "outage");
    const rows = await targetRows(job.id);
    const count = (event: string) => logs.filter((l) => l.event === event).length;
    // Each target the outage struck waited, and says how: back to pending with backoff, left running to
    // be settled by a re-read, or put back untouched because the run's standing check (its role reads
    // fail too) had halted it first. Which of these a target meets depends only on timing.
    const waits = ["jobs.target_retry_later", "jobs.target_settle_later", "jobs.target_held"];
    const waited = new Set(logs.filter((l) => waits.includes(l.event)).map((l) => l.seq));
    const seqOf = new Map(rows.map((r) => [r.targetId, r.seq]));
    const struckTargets = new Set(struck.map((e) => e.path.split("/")[3] as string));
    expect([...struckTargets].filter((id) => !waited.has(seqOf.get(id)))).toEqual([]);
    console.log(
      `[outage] ${ids.length} targets; requests to targets struck by the outage: ${struck.length} ` +
        `(${struck.filter((e) => e.method === "PATCH").length} writes); targets put back to pending: ` +
        `${count("jobs.target_retry_later")}, left to settle by re-read: ${count("jobs.target_settle_later")}, ` +
        `held by the halted run: ${count("jobs.target_held")}; ` +
        `targets run more than once: ${rows.filter((r) => r.attempts > 1).length}; runs: ${ends.join(", ")}; ` +
        `failed targets: 0; each target written once`,
    );
  }, 180_000);

  it("the read before the write fails: the target goes back to pending and is applied later", async () => {
    const ids = users(4);
    const victim = ids[0] as string;
    // The executor's re-read of this one user (3 attempts with read retries), nothing else.
    fx.lc.faults.configure([{ route: `GET /v1/users/${victim}`, kind: "500", count: 3 }]);
    const job = await newJob(ids, "unreadable");
    const mark = fx.mark();
    logs.length = 0;
    await worker().drainUntilIdle(100);
    await settle();
    expect(fx.requestsSince(mark).filter((e) => e.fault === "500")).toHaveLength(3);
    expect(await getJob(tdb.db, job.id)).toMatchObject({ status: "completed" });
    await expectEachAppliedOnce(job, ids, mark, "unreadable");
    expect(logs.some((l) => l.event === "jobs.target_retry_later" && l.code === "upstream_unavailable")).toBe(
      true,
    );
  }, 120_000);

  it("a write Clerk never answers is settled by re-reading the target, then sent once more", async () => {
    const ids = users(4);
    const victim = ids[1] as string;
    fx.lc.faults.configure([
      { route: `PATCH /v1/users/${victim}/metadata`, kind: "timeout", hangMs: 4_000, count: 1 },
    ]);
    const job = await newJob(ids, "unanswered");
    const mark = fx.mark();
    logs.length = 0;
    ends.length = 0;
    await worker().drainUntilIdle(100);
    await settle();
    expect(await getJob(tdb.db, job.id)).toMatchObject({ status: "completed" });
    await expectEachAppliedOnce(job, ids, mark, "unanswered");
    const [row] = (await targetRows(job.id)).filter((r) => r.targetId === victim);
    expect(row?.attempts).toBe(2);
    expect(logs.some((l) => l.event === "jobs.target_settle_later")).toBe(true);
    expect(logs.some((l) => l.event === "jobs.reconciled")).toBe(true);
  }, 120_000);

  it("a 429 that outlasts the pacer's own retries puts the target back to pending; it is applied later", async () => {
    const ids = users(4);
    const victim = ids[2] as string;
    fx.lc.faults.configure([
      { route: `PATCH /v1/users/${victim}/metadata`, kind: "429", count: 6, retryAfter: 0 },
    ]);
    const job = await newJob(ids, "throttled");
    const mark = fx.mark();
    logs.length = 0;
    await worker().drainUntilIdle(100);
    await settle();
    expect(fx.requestsSince(mark).filter((e) => e.status === 429)).toHaveLength(6);
    expect(await getJob(tdb.db, job.id)).toMatchObject({ status: "completed" });
    await expectEachAppliedOnce(job, ids, mark, "throttled");
    expect(logs.some((l) => l.event === "jobs.target_retry_later" && l.code === "rate_limited")).toBe(true);
  }, 120_000);
});

describe("a refusal fails the target; its retry is a new plan, approved once", () => {
  it("422 -> completed_with_errors; retry proposes exactly the failed targets, once; approved, each is applied once", async () => {
    const ids = users(6);
    const failing = [ids[1], ids[4]] as string[];
    fx.lc.faults.configure(
      failing.map((id) => ({ route: `PATCH /v1/users/${id}/metadata`, kind: "422" as const, count: 1 })),
    );
    const job = await newJob(ids, "refused");
    const mark = fx.mark();
    await worker().drainUntilIdle(100);
    await settle();
    const finished = await getJob(tdb.db, job.id);
    expect(finished).toMatchObject({
      status: "completed_with_errors",
      error: expect.stringMatching(/2 of 6/),
    });
    const rows = await targetRows(job.id);
    expect(
      rows
        .filter((r) => r.status === "error")
        .map((r) => [r.targetId, r.errorCode])
        .sort(),
    ).toEqual(failing.map((id) => [id, "validation_failed"]).sort());
    expect(rows.filter((r) => r.status === "ok")).toHaveLength(4);

    // Two admins' clicks at once: one retry plan, the other refused.
    const admin = seededAdmin(fx.lc);
    const deps = { db: tdb.db, clerk: fx.ctx.clerk, pacer: new Pacer(paceFromEnv(PACE)) };
    const proposer = { userId: admin.userId, source: "console" as const };
    const both = await Promise.allSettled([
      proposeRetryOfFailed(deps, job.id, proposer),
      proposeRetryOfFailed(deps, job.id, proposer),
    ]);
    const planned = both.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const refusedAtOnce = both.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(planned).toHaveLength(1);
    expect(refusedAtOnce[0]).toBeInstanceOf(AppError);
    expect(refusedAtOnce[0]).toMatchObject({ code: "conflict", details: { reason: "already_retried" } });
    const retry = planned[0] as (typeof planned)[number];
    expect(retry.total).toBe(2);
    const retryJob = await getJob(tdb.db, retry.jobId);
    expect(retryJob).toMatchObject({ status: "awaiting_approval", retryOf: job.id });
    expect((await targetRows(retry.jobId)).map((r) => r.targetId).sort()).toEqual([...failing].sort());

    // Nothing runs before its own approval.
    await worker().drainUntilIdle(100);
    expect(metadataWrites(fx.requestsSince(mark)).size).toBe(4);
    const decided = await decideJob(tdb.db, {
      jobId: retry.jobId,
      approver: admin,
      approved: true,
      planHash: retry.planHash,
      lookupOwner: clerkOwnerLookup((id) => fx.ctx.clerk.users.getUser(id), { ttlMs: 0 }),
    });
    expect(decided.ok).toBe(true);
    const retryMark = fx.mark();
    await worker().drainUntilIdle(100);
    await settle();
    expect(await getJob(tdb.db, retry.jobId)).toMatchObject({ status: "completed", error: null });
    // Only the failed targets were written by the retry, each once; over both jobs every target once.
    const retried = metadataWrites(fx.requestsSince(retryMark));
    expect([...retried.keys()].sort()).toEqual([...failing].sort());
    expect([...retried.values()]).toEqual([1, 1]);
    const all = metadataWrites(fx.requestsSince(mark));
    expect(ids.map((id) => all.get(id) ?? 0)).toEqual(ids.map(() => 1));
    for (const id of ids)
      expect(fx.lc.state.users.get(id)?.public_metadata).toMatchObject({ batch: "refused" });

    // The same set cannot be retried again, and the retry itself has nothing left to retry.
    await expect(proposeRetryOfFailed(deps, job.id, proposer)).rejects.toMatchObject({
      code: "conflict",
      details: { reason: "already_retried" },
    });
    await expect(proposeRetryOfFailed(deps, retry.jobId, proposer)).rejects.toMatchObject({
      code: "conflict",
      details: { reason: "nothing_to_retry" },
    });
  }, 180_000);
});
