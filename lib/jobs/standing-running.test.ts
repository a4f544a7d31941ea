import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { clerkOwnerLookup } from "@/lib/auth/token-auth";
import { approvals, bulkJobTargets } from "@/lib/db/schema";
import { type LogRecord, setLogSink } from "@/lib/errors";
import { createAccessToken, revokeAccessToken } from "@/lib/tokens/tokens";
import { type ClerkFixture, settle, startClerkFixture } from "@/test/support/clerk-fixture";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { type DriverEnd, InProcessJobs } from "@/test/support/job-driver";
import { bulkProposerFor } from "@/test/support/jobs";
import { decideJob } from "./decide";
import { pacedClerk } from "./paced-clerk";
import { Pacer, paceFromEnv } from "./pacer";
import { getJob } from "./store";

// A job that is already running re-checks its proposer, approver and token while it runs (the start
// check is in standing.test.ts): a demotion or revocation mid-run stops new writes, lets the targets in
// flight settle and cancels the job; a Clerk outage during the check only puts the run off.
// Real Local Clerk (roles are public_metadata.role, changed through its Backend API) and a real store.

const TARGETS = 16;
const CHECK_MS = 400;
const LEASE_MS = 600;

let fx: ClerkFixture;
let tdb: TestDatabase;
let admin: Actor;
let proposer: Actor;
let restoreLog: () => void;
const logs: (LogRecord & { seenAt: number })[] = [];
const ends: DriverEnd[] = [];

/** The batches as lib/jobs/engine-steps wires them: role reads through the job's own pacer (uncached here). */
function worker() {
  const pacer = new Pacer(paceFromEnv({}));
  return new InProcessJobs({
    db: tdb.db,
    clerk: fx.ctx.clerk,
    pacer,
    lookupOwner: clerkOwnerLookup((id) => pacedClerk(fx.ctx.clerk, pacer).clerk.users.getUser(id), {
      ttlMs: 0,
    }),
    lockLeaseMs: LEASE_MS,
    standingCheckMs: CHECK_MS,
    onJobEnd: (_id, end) => ends.push(end),
  });
}

const setRole = (userId: string, role: "admin" | "viewer") =>
  fx.ctx.clerk.users.updateUserMetadata(userId, { publicMetadata: { role } });

let nextTarget = 0;
function targets(n: number): string[] {
  const own = new Set(["admin@example.com", "viewer@example.com", "member@example.com"]);
  const ids = [...fx.lc.state.users.all()]
    .filter((u) => !u.emails.some((e) => own.has(e.email_address) || e.email_address.startsWith("standing-")))
    .slice(nextTarget, nextTarget + n)
    .map((u) => u.id);
  nextTarget += n;
  return ids;
}

/** Proposed over MCP with a fresh token by `proposer`, approved by the seeded admin. */
async function approvedJob(ids: string[], value: string) {
  const tokenId = (
    await createAccessToken(tdb.db, proposer, { name: "running", scope: "read+propose", expiresInDays: 1 })
  ).view.id;
  const proposed = await bulkProposerFor(tdb.db, fx.ctx)(
    { action: "updateUserMetadata", user_ids: ids, public_metadata: { plan: value } },
    { userId: proposer.userId, source: "mcp", tokenId },
  );
  const [row] = await tdb.db.select().from(approvals).where(eq(approvals.id, proposed.approvalId));
  const decided = await decideJob(tdb.db, {
    jobId: proposed.jobId,
    approver: admin,
    approved: true,
    planHash: row?.argsHash ?? "",
    lookupOwner: clerkOwnerLookup((id) => fx.ctx.clerk.users.getUser(id), { ttlMs: 0 }),
  });
  expect(decided.ok).toBe(true);
  return { jobId: proposed.jobId, tokenId };
}

/** Successful metadata writes to the job's targets since `mark` (the role changes are not targets). */
function targetWrites(ids: string[], mark: number) {
  const paths = new Set(ids.map((id) => `/v1/users/${id}/metadata`));
  return fx.requestsSince(mark).filter((e) => e.method === "PATCH" && paths.has(e.path) && e.status === 200);
}

async function waitFor(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function targetRows(jobId: string) {
  const rows = await tdb.db.select().from(bulkJobTargets).where(eq(bulkJobTargets.jobId, jobId));
  return {
    ok: rows.filter((r) => r.status === "ok" && r.applied).map((r) => r.targetId),
    skipped: rows.filter((r) => r.status === "skipped" && r.errorCode === "cancelled").length,
    pending: rows.filter((r) => r.status === "pending").length,
    total: rows.length,
  };
}

/** Runs the job, changes its standing once `writesFirst` targets are written, and drains the worker. */
async function runAndChange(ids: string[], mark: number, change: () => Promise<unknown>, writesFirst = 3) {
  logs.length = 0;
  ends.length = 0;
  const w = worker();
  const run = w.drain();
  await waitFor(() => targetWrites(ids, mark).length >= writesFirst);
  const changedAt = fx.lc.state.clock.now();
  await change();
  expect(await run).toBe(1);
  await settle();
  return { w, changedAt };
}

/** Every target that was written is `ok` in the store, once each; nothing went out after the check saw it. */
async function expectStoppedAtTheCheck(jobId: string, ids: string[], mark: number) {
  const lost = logs.filter((r) => r.event === "jobs.standing_lost");
  expect(lost).toHaveLength(1);
  const seenAt = (lost[0] as { seenAt: number }).seenAt;
  const writes = targetWrites(ids, mark);
  expect(writes.filter((e) => e.at > seenAt)).toEqual([]);
  const rows = await targetRows(jobId);
  expect(rows.ok.sort()).toEqual(writes.map((e) => e.path.split("/")[3]).sort());
  expect(new Set(rows.ok).size).toBe(rows.ok.length);
  // Stopped mid-run by the periodic check: the run is the only one (callers' `ends`) and some targets
  // were skipped (callers' `skipped`). No wall-clock bound from the change: on a busy 2-core machine
  // one check (a store read, two Clerk reads) can take longer than several check periods.
  return rows;
}

beforeAll(async () => {
  restoreLog = setLogSink((r) => logs.push({ ...r, seenAt: fx.lc.state.clock.now() }));
  [fx, tdb] = await Promise.all([
    startClerkFixture({ seedUsers: 4 * TARGETS + 10 }),
    createTestDatabase("pglite"),
  ]);
  admin = { userId: fx.userIdByEmail("admin@example.com"), email: "admin@example.com", role: "admin" };
  const u = await fx.ctx.clerk.users.createUser({
    emailAddress: ["standing-running@example.com"],
    password: "standing-password-123",
    publicMetadata: { role: "admin" },
  });
  proposer = { userId: u.id, email: "standing-running@example.com", role: "admin" };
});

afterEach(async () => {
  fx.lc.faults.configure([]);
  await setRole(proposer.userId, "admin");
});

afterAll(async () => {
  restoreLog?.();
  await Promise.all([fx?.stop(), tdb?.destroy()]);
});

// Each test proposes, approves and runs a paced job against Local Clerk and PGlite in real time.
describe("a running job re-checks its standing periodically", { timeout: 120_000 }, () => {
  it("proposer demoted mid-run: no write after the check sees it, in-flight targets settle, cancelled", async () => {
    const ids = targets(TARGETS);
    const { jobId } = await approvedJob(ids, "running-demoted");
    const mark = fx.mark();
    const { changedAt } = await runAndChange(ids, mark, () => setRole(proposer.userId, "viewer"));

    expect(ends).toEqual(["cancelled"]);
    expect(await getJob(tdb.db, jobId)).toMatchObject({
      status: "cancelled",
      error: expect.stringMatching(/proposed.*no longer an admin/),
    });
    const rows = await expectStoppedAtTheCheck(jobId, ids, mark);
    expect(rows.ok.length).toBeGreaterThanOrEqual(3);
    expect(rows.skipped).toBeGreaterThan(0);
    expect(rows.ok.length + rows.skipped).toBe(TARGETS);
    // The check that saw the demotion read the proposer after the demotion was written.
    const reads = fx.requestsSince(mark, { method: "GET", pathPrefix: `/v1/users/${proposer.userId}` });
    expect(reads.some((e) => e.at >= changedAt)).toBe(true);
  });

  it("proposing token revoked mid-run: cancelled the same way", async () => {
    const ids = targets(TARGETS);
    const { jobId, tokenId } = await approvedJob(ids, "running-revoked");
    const mark = fx.mark();
    await runAndChange(ids, mark, () => revokeAccessToken(tdb.db, admin, tokenId));

    expect(ends).toEqual(["cancelled"]);
    expect(await getJob(tdb.db, jobId)).toMatchObject({
      status: "cancelled",
      error: expect.stringMatching(/revoked/),
    });
    const rows = await expectStoppedAtTheCheck(jobId, ids, mark);
    expect(rows.skipped).toBeGreaterThan(0);
    expect(rows.ok.length + rows.skipped).toBe(TARGETS);
  });

  it("Clerk cannot be asked during the check: the run is put off, not cancelled, and finishes later", async () => {
    const ids = targets(TARGETS);
    const { jobId } = await approvedJob(ids, "running-outage");
    const mark = fx.mark();
    const { w } = await runAndChange(ids, mark, async () =>
      fx.lc.faults.configure([{ route: `GET /v1/users/${proposer.userId}`, kind: "500" }]),
    );
    expect(ends).toEqual(["deferred"]);
    expect(await getJob(tdb.db, jobId)).toMatchObject({ status: "running", error: null });
    const mid = await targetRows(jobId);
    expect(mid.skipped).toBe(0);
    expect(mid.pending).toBeGreaterThan(0);

    fx.lc.faults.configure([]);
    await new Promise((r) => setTimeout(r, LEASE_MS + 100));
    expect(await w.drain()).toBe(1);
    expect(ends).toEqual(["deferred", "completed"]);
    await settle();
    expect(await getJob(tdb.db, jobId)).toMatchObject({ status: "completed" });
    expect((await targetRows(jobId)).ok).toHaveLength(TARGETS);
    const writes = targetWrites(ids, mark);
    expect(writes).toHaveLength(TARGETS);
    expect(new Set(writes.map((e) => e.path)).size).toBe(TARGETS);
  });

  it("happy path: still standing -> checked during the run, completed, every target written once", async () => {
    const ids = targets(TARGETS);
    const { jobId } = await approvedJob(ids, "running-ok");
    const mark = fx.mark();
    logs.length = 0;
    ends.length = 0;
    const started = Date.now();
    expect(await worker().drain()).toBe(1);
    const ms = Date.now() - started;
    await settle();
    expect(ends).toEqual(["completed"]);
    expect(await getJob(tdb.db, jobId)).toMatchObject({ status: "completed", error: null });
    const writes = targetWrites(ids, mark);
    expect(writes).toHaveLength(TARGETS);
    expect(new Set(writes.map((e) => e.path)).size).toBe(TARGETS);
    expect(logs.filter((r) => r.event === "jobs.standing_lost")).toEqual([]);
    // The start check plus the periodic ones, never more often than every CHECK_MS.
    const reads = fx.requestsSince(mark, { method: "GET", pathPrefix: `/v1/users/${proposer.userId}` });
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads.length).toBeLessThanOrEqual(1 + Math.ceil(ms / CHECK_MS));
  });
});
