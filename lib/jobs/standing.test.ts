import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  cancelTokenProposals,
  decideInboxItems,
  type InboxDeps,
  proposeInboxWrite,
} from "@/lib/approvals/inbox";
import type { Actor } from "@/lib/auth/policy";
import { clerkOwnerLookup } from "@/lib/auth/token-auth";
import { wrapApiMethods } from "@/lib/clerk/client";
import { actions } from "@/lib/clerk/registry";
import { accessTokens, approvals, bulkJobTargets } from "@/lib/db/schema";
import { type LogRecord, setLogSink } from "@/lib/errors";
import { createAccessToken, revokeAccessToken } from "@/lib/tokens/tokens";
import { type ClerkFixture, settle, startClerkFixture } from "@/test/support/clerk-fixture";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { type DriverEnd, InProcessJobs } from "@/test/support/job-driver";
import { bulkProposerFor } from "@/test/support/jobs";
import { until } from "@/test/support/until";
import { runBatch } from "./batch";
import { decideJob } from "./decide";
import { Pacer, paceFromEnv } from "./pacer";
import { jobRefusalErrorCode } from "./standing";
import { controlJob, getJob } from "./store";

// A bulk job stands only while the admin who proposed it (and the one who approved it) is an admin and
// the token it was proposed with is live: checked when the plan is approved and before each run starts.
// Real Local Clerk (roles are public_metadata.role, changed through its Backend API) and a real store.

let fx: ClerkFixture;
let tdb: TestDatabase;
let admin: Actor;
let proposer: Actor;
let approver2: Actor;
let restoreLog: () => void;
const logs: LogRecord[] = [];
const ends: DriverEnd[] = [];
const lookupOwner = () => clerkOwnerLookup((uid) => fx.ctx.clerk.users.getUser(uid), { ttlMs: 0 });
const pacer = () => new Pacer(paceFromEnv({}));
const worker = (lockLeaseMs?: number) =>
  new InProcessJobs({
    db: tdb.db,
    clerk: fx.ctx.clerk,
    pacer: pacer(),
    lookupOwner: lookupOwner(),
    lockLeaseMs,
    onJobEnd: (_id, end) => ends.push(end),
  });

// What lib/runtime/deps wires for the /approvals page: the inbox, deciding bulk plans through decideJob.
const inbox = (): InboxDeps => ({
  db: tdb.db,
  ctx: fx.ctx,
  lookupOwner: lookupOwner(),
  allowPrivateMetadata: false,
  decideBulkJob: async (input) => {
    const outcome = await decideJob(tdb.db, { ...input, lookupOwner: lookupOwner() });
    return outcome.ok ? { ok: true } : outcome;
  },
});

const writesSince = (seq: number) => fx.requestsSince(seq).filter((e) => e.method !== "GET");
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

async function token(owner: Actor): Promise<string> {
  return (
    await createAccessToken(tdb.db, owner, { name: "standing", scope: "read+propose", expiresInDays: 1 })
  ).view.id;
}

/** Plans "plan=<value>" for `ids` as `who` (over MCP with a token, or from a chat); returns its inbox card ids. */
async function propose(who: Actor, ids: string[], via: { tokenId: string } | "agent", value = "standing") {
  const proposed = await bulkProposerFor(tdb.db, fx.ctx)(
    { action: "updateUserMetadata", user_ids: ids, public_metadata: { plan: value } },
    via === "agent"
      ? { userId: who.userId, source: "agent" }
      : { userId: who.userId, source: "mcp", tokenId: via.tokenId },
  );
  const [row] = await tdb.db.select().from(approvals).where(eq(approvals.id, proposed.approvalId));
  return { jobId: proposed.jobId, approvalId: proposed.approvalId, planHash: row?.argsHash ?? "" };
}

async function expectClosed(jobId: string, approvalId: string, message: RegExp) {
  const job = await getJob(tdb.db, jobId);
  expect(job).toMatchObject({ status: "cancelled", error: expect.stringMatching(message) });
  const [approval] = await tdb.db.select().from(approvals).where(eq(approvals.id, approvalId));
  expect(approval).toMatchObject({ status: "expired", reason: expect.stringMatching(message) });
  const rows = await tdb.db.select().from(bulkJobTargets).where(eq(bulkJobTargets.jobId, jobId));
  expect(rows.map((r) => [r.status, r.errorCode])).toEqual(rows.map(() => ["skipped", "cancelled"]));
}

beforeAll(async () => {
  restoreLog = setLogSink((r) => logs.push(r));
  [fx, tdb] = await Promise.all([startClerkFixture({ seedUsers: 60 }), createTestDatabase("pglite")]);
  admin = { userId: fx.userIdByEmail("admin@example.com"), email: "admin@example.com", role: "admin" };
  const make = async (email: string): Promise<Actor> => {
    const u = await fx.ctx.clerk.users.createUser({
      emailAddress: [email],
      password: "standing-password-123",
      publicMetadata: { role: "admin" },
    });
    return { userId: u.id, email, role: "admin" };
  };
  proposer = await make("standing-proposer@example.com");
  approver2 = await make("standing-approver@example.com");
});

afterEach(async () => {
  await setRole(proposer.userId, "admin");
  await setRole(approver2.userId, "admin");
});

afterAll(async () => {
  restoreLog?.();
  await Promise.all([fx?.stop(), tdb?.destroy()]);
});

describe("approving a bulk plan re-checks who proposed it", () => {
  it("proposer demoted between proposal and approval: refused in the inbox and on the jobs page, nothing written", async () => {
    const tokenId = await token(proposer);
    const viaInbox = await propose(proposer, targets(3), { tokenId });
    const viaJobsPage = await propose(proposer, targets(3), { tokenId });
    const update = actions.updateUserMetadata;
    if (!update) throw new Error("no updateUserMetadata");
    const single = await proposeInboxWrite(
      inbox(),
      update,
      { user_id: targets(1)[0], public_metadata: { plan: "single" } },
      { userId: proposer.userId, email: proposer.email, tokenId, source: "mcp" },
    );
    await setRole(proposer.userId, "viewer");
    const mark = fx.mark();
    logs.length = 0;

    const results = await decideInboxItems(inbox(), admin, [
      { approvalId: viaInbox.approvalId, approved: true, argsHash: viaInbox.planHash },
      { approvalId: single.row.id, approved: true, argsHash: single.row.argsHash },
    ]);
    // The plan is refused with the same code as the single write from the same demoted proposer.
    expect(results).toEqual([
      {
        approvalId: viaInbox.approvalId,
        ok: false,
        code: "forbidden",
        reason: "proposer_not_admin",
        message: expect.stringMatching(/proposed.*no longer an admin/),
      },
      {
        approvalId: single.row.id,
        ok: false,
        code: "forbidden",
        reason: "proposer_not_admin",
        message: expect.stringMatching(/proposed.*no longer an admin/),
      },
    ]);
    await expectClosed(viaInbox.jobId, viaInbox.approvalId, /no longer an admin/);

    const direct = await decideJob(tdb.db, {
      jobId: viaJobsPage.jobId,
      approver: admin,
      approved: true,
      planHash: viaJobsPage.planHash,
      lookupOwner: lookupOwner(),
    });
    expect(direct).toMatchObject({ ok: false, code: "proposer_not_admin" });
    expect(jobRefusalErrorCode(direct.ok ? "" : direct.code)).toBe("forbidden");
    await expectClosed(viaJobsPage.jobId, viaJobsPage.approvalId, /no longer an admin/);
    expect(logs.filter((r) => r.event === "jobs.decision_refused").map((r) => [r.level, r.code])).toEqual([
      ["warn", "proposer_not_admin"],
      ["warn", "proposer_not_admin"],
    ]);

    expect(await worker().drain()).toBe(0);
    await settle();
    expect(writesSince(mark)).toEqual([]);
  });

  it("a revoked or expired proposing token: refused, nothing written", async () => {
    const revoked = await token(proposer);
    const plan = await propose(proposer, targets(2), { tokenId: revoked });
    // Revoked, and the decision lands before the revoke action cancels the token's proposals.
    await revokeAccessToken(tdb.db, admin, revoked);
    const expired = await token(proposer);
    const plan2 = await propose(proposer, targets(2), { tokenId: expired });
    await tdb.db
      .update(accessTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accessTokens.id, expired));
    const mark = fx.mark();

    const [result] = await decideInboxItems(inbox(), admin, [
      { approvalId: plan.approvalId, approved: true, argsHash: plan.planHash },
    ]);
    expect(result).toMatchObject({
      ok: false,
      code: "forbidden",
      reason: "token_revoked",
      message: expect.stringMatching(/revoked/),
    });
    await expectClosed(plan.jobId, plan.approvalId, /revoked/);
    expect(
      await decideJob(tdb.db, {
        jobId: plan2.jobId,
        approver: admin,
        approved: true,
        planHash: plan2.planHash,
        lookupOwner: lookupOwner(),
      }),
    ).toMatchObject({ ok: false, code: "token_expired" });
    await expectClosed(plan2.jobId, plan2.approvalId, /expired/);

    expect(await worker().drain()).toBe(0);
    await settle();
    expect(writesSince(mark)).toEqual([]);
  });

  it("happy path: the proposer is still an admin and the token live -> approved in the inbox, every target written once", async () => {
    const ids = targets(3);
    const plan = await propose(proposer, ids, { tokenId: await token(proposer) }, "standing-ok");
    const mark = fx.mark();
    expect(
      await decideInboxItems(inbox(), admin, [
        { approvalId: plan.approvalId, approved: true, argsHash: plan.planHash },
      ]),
    ).toEqual([{ approvalId: plan.approvalId, ok: true, status: "queued" }]);
    expect(await worker().drain()).toBe(1);
    await settle();
    expect(await getJob(tdb.db, plan.jobId)).toMatchObject({ status: "completed", error: null });
    expect(
      writesSince(mark)
        .map((e) => `${e.method} ${e.path} ${e.status}`)
        .sort(),
    ).toEqual(ids.map((id) => `PATCH /v1/users/${id}/metadata 200`).sort());
    for (const id of ids)
      expect(fx.lc.state.users.get(id)?.public_metadata).toMatchObject({ plan: "standing-ok" });
  });
});

describe("running an approved job re-checks proposer, approver and token before each run starts", () => {
  async function approved(who: Actor, ids: string[], via: { tokenId: string } | "agent", by: Actor) {
    const plan = await propose(who, ids, via);
    const decided = await decideJob(tdb.db, {
      jobId: plan.jobId,
      approver: by,
      approved: true,
      planHash: plan.planHash,
      lookupOwner: lookupOwner(),
    });
    expect(decided.ok).toBe(true);
    return plan;
  }

  async function expectCancelled(jobId: string, message: RegExp, mark: number) {
    ends.length = 0;
    expect(await worker().drain()).toBe(1);
    expect(ends).toEqual(["cancelled"]);
    await settle();
    expect(writesSince(mark)).toEqual([]);
    expect(await getJob(tdb.db, jobId)).toMatchObject({
      status: "cancelled",
      error: expect.stringMatching(message),
    });
  }

  it("the MCP proposer lost admin after approval: cancelled before any write", async () => {
    const plan = await approved(proposer, targets(3), { tokenId: await token(proposer) }, admin);
    await setRole(proposer.userId, "viewer");
    await expectCancelled(plan.jobId, /proposed.*no longer an admin/, fx.mark());
  });

  it("the approver lost admin after approving: cancelled (a chat's plan, approved by its own admin)", async () => {
    const plan = await approved(approver2, targets(2), "agent", approver2);
    await setRole(approver2.userId, "viewer");
    await expectCancelled(plan.jobId, /no longer an admin/, fx.mark());
    await setRole(approver2.userId, "admin");
    const other = await approved(proposer, targets(2), { tokenId: await token(proposer) }, approver2);
    await setRole(approver2.userId, "viewer");
    await expectCancelled(other.jobId, /approved.*no longer an admin/, fx.mark());
  });

  it("the token was revoked after approval (the revoke action's cancel leaves decided plans): cancelled", async () => {
    const tokenId = await token(proposer);
    const plan = await approved(proposer, targets(2), { tokenId }, admin);
    await revokeAccessToken(tdb.db, admin, tokenId);
    expect(await cancelTokenProposals(tdb.db, tokenId)).toBe(0);
    await expectCancelled(plan.jobId, /revoked/, fx.mark());
  });

  it("a paused job whose proposer lost admin is cancelled at resume; the targets already done stay done", async () => {
    const ids = targets(5);
    const plan = await approved(proposer, ids, { tokenId: await token(proposer) }, admin);
    const mark = fx.mark();
    // Paused by its proposer right after the second write, while the batch runs (one lane); that write's
    // target waits until the batch's control poll has been by (it bumps updated_at), so the pause is seen
    // mid-batch, not after the batch ran out of targets.
    let written = 0;
    const clerk = wrapApiMethods(fx.ctx.clerk, async (call) => {
      const out = await call.run();
      if (call.label === "users.updateUserMetadata" && ++written === 2) {
        const paused = await controlJob(tdb.db, plan.jobId, "pause");
        await until("the batch's control poll", async () => {
          const job = await getJob(tdb.db, plan.jobId);
          return (job?.updatedAt.getTime() ?? 0) > paused.updatedAt.getTime();
        });
      }
      return out;
    });
    const first = await runBatch(
      { db: tdb.db, clerk, pacer: pacer(), lookupOwner: lookupOwner(), concurrency: 1 },
      plan.jobId,
    );
    expect(first).toEqual({ next: "end", end: "paused" });
    expect(await getJob(tdb.db, plan.jobId)).toMatchObject({ status: "paused" });
    await settle();
    const done = writesSince(mark).length;
    expect(done).toBeGreaterThanOrEqual(2);
    expect(done).toBeLessThan(ids.length);

    await setRole(proposer.userId, "viewer");
    await controlJob(tdb.db, plan.jobId, "resume");
    await expectCancelled(plan.jobId, /no longer an admin/, fx.mark());
    const rows = await tdb.db.select().from(bulkJobTargets).where(eq(bulkJobTargets.jobId, plan.jobId));
    expect(rows.filter((r) => r.status === "ok" && r.applied)).toHaveLength(done);
    expect(rows.filter((r) => r.status === "skipped" && r.errorCode === "cancelled")).toHaveLength(
      ids.length - done,
    );
  });

  it("Clerk cannot be asked for the roles: the job is deferred, not cancelled, and runs once it can", async () => {
    const ids = targets(2);
    const plan = await approved(proposer, ids, { tokenId: await token(proposer) }, admin);
    fx.lc.faults.configure([{ route: `GET /v1/users/${proposer.userId}`, kind: "500" }]);
    ends.length = 0;
    const w = worker(300);
    expect(await w.drain()).toBe(1);
    expect(ends).toEqual(["deferred"]);
    expect(await getJob(tdb.db, plan.jobId)).toMatchObject({ status: "running" });
    expect(await w.drain()).toBe(0);
    fx.lc.faults.configure([]);
    await new Promise((r) => setTimeout(r, 400));
    expect(await w.drain()).toBe(1);
    expect(ends).toEqual(["deferred", "completed"]);
    expect(await getJob(tdb.db, plan.jobId)).toMatchObject({ status: "completed" });
  });
});
