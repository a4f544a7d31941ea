import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OwnerLookup } from "@/lib/auth/token-auth";
import { approvals, bulkJobTargets } from "@/lib/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { decideJob } from "./decide";
import type { TargetPlan } from "./planner";
import { controlJob, createJob, getJob } from "./store";

const ADMIN = { userId: "user_admin1", role: "admin" as const };
const OTHER_ADMIN = { userId: "user_admin2", role: "admin" as const };
const VIEWER = { userId: "user_viewer", role: "viewer" as const };
// The store's binding is under test here; proposers' roles against Local Clerk are in standing.test.ts.
const ROSTER: Record<string, "admin" | "viewer"> = {
  [ADMIN.userId]: "admin",
  [OTHER_ADMIN.userId]: "admin",
  [VIEWER.userId]: "viewer",
};
const lookupOwner: OwnerLookup = async (userId) => ({ role: ROSTER[userId] ?? "none", email: null });

function targets(n: number): TargetPlan[] {
  return Array.from({ length: n }, (_, seq) => ({
    seq,
    targetId: `user_t${seq}`,
    targetLabel: `t${seq}@example.com`,
    args: { user_id: `user_t${seq}`, public_metadata: { plan: "pro" } },
    before: { public_metadata: {}, private_metadata: {}, unsafe_metadata: {}, updated_at: 1000 + seq },
    after: { public_metadata: { plan: "pro" } },
    changes: [],
    checks: [],
    skip: seq === n - 1 ? "no_change" : null,
  }));
}

describe("job store: the batch approval binding", () => {
  let store: TestDatabase;
  beforeAll(async () => {
    store = await createTestDatabase("pglite");
  }, 60_000);
  afterAll(async () => {
    await store?.destroy();
  });

  const decide = (input: Omit<Parameters<typeof decideJob>[1], "lookupOwner">) =>
    decideJob(store.db, { ...input, lookupOwner });
  const newJob = (opts: { source?: "console" | "mcp"; ttlSeconds?: number; now?: Date } = {}) =>
    createJob(store.db, {
      action: "updateUserMetadata",
      title: "plan=pro",
      params: {},
      createdBy: ADMIN.userId,
      source: opts.source ?? "console",
      pacePer10s: 90,
      targets: targets(4),
      ttlSeconds: opts.ttlSeconds,
      now: opts.now,
    });

  it("approves once: awaiting_approval -> queued, the approval is used up", async () => {
    const { job, planHash, approvalId } = await newJob();
    expect(job.status).toBe("awaiting_approval");
    const first = await decide({ jobId: job.id, approver: ADMIN, approved: true, planHash });
    expect(first).toMatchObject({ ok: true, job: { status: "queued" } });
    const again = await decide({ jobId: job.id, approver: ADMIN, approved: true, planHash });
    expect(again).toMatchObject({ ok: false, code: "already_decided" });
    const [row] = await store.db.select().from(approvals).where(eq(approvals.id, approvalId));
    expect(row).toMatchObject({
      status: "executed",
      decidedBy: ADMIN.userId,
      bulkJobId: job.id,
      source: "bulk",
    });
  });

  it("refuses viewers, another admin's console job, and a plan hash other than the reviewed one", async () => {
    const { job, planHash } = await newJob();
    expect(await decide({ jobId: job.id, approver: VIEWER, approved: true, planHash })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await decide({ jobId: job.id, approver: OTHER_ADMIN, approved: true, planHash })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(
      await decide({ jobId: job.id, approver: ADMIN, approved: true, planHash: "f".repeat(64) }),
    ).toMatchObject({ ok: false, code: "args_mismatch" });
    expect((await getJob(store.db, job.id))?.status).toBe("awaiting_approval");
  });

  it("lets any admin approve an MCP-proposed job", async () => {
    const { job, planHash } = await newJob({ source: "mcp" });
    expect(await decide({ jobId: job.id, approver: OTHER_ADMIN, approved: true, planHash })).toMatchObject({
      ok: true,
    });
  });

  it("refuses a plan whose stored targets were edited after it was proposed", async () => {
    const { job, planHash } = await newJob();
    await store.db
      .update(bulkJobTargets)
      .set({ args: { user_id: "user_t0", public_metadata: { plan: "enterprise" } } })
      .where(and(eq(bulkJobTargets.jobId, job.id), eq(bulkJobTargets.seq, 0)));
    expect(await decide({ jobId: job.id, approver: ADMIN, approved: true, planHash })).toMatchObject({
      ok: false,
      code: "args_mismatch",
    });
    const { job: job2, planHash: hash2 } = await newJob();
    await store.db
      .update(bulkJobTargets)
      .set({ before: { public_metadata: { plan: "free" } } })
      .where(and(eq(bulkJobTargets.jobId, job2.id), eq(bulkJobTargets.seq, 1)));
    expect(await decide({ jobId: job2.id, approver: ADMIN, approved: true, planHash: hash2 })).toMatchObject({
      ok: false,
      code: "state_mismatch",
    });
  });

  it("refuses an expired approval and denies the job", async () => {
    const { job, planHash } = await newJob({ ttlSeconds: 1, now: new Date(Date.now() - 5_000) });
    expect(await decide({ jobId: job.id, approver: ADMIN, approved: true, planHash })).toMatchObject({
      ok: false,
      code: "expired",
    });
    expect((await getJob(store.db, job.id))?.status).toBe("denied");
  });

  it("deny is final; cancel skips the pending targets; pause/resume only from the right states", async () => {
    const denied = await newJob();
    expect(
      await decide({
        jobId: denied.job.id,
        approver: ADMIN,
        approved: false,
        planHash: denied.planHash,
      }),
    ).toMatchObject({ ok: true, job: { status: "denied" } });
    await expect(controlJob(store.db, denied.job.id, "pause")).rejects.toThrow(/cannot be paused/);

    const { job, planHash } = await newJob();
    await decide({ jobId: job.id, approver: ADMIN, approved: true, planHash });
    expect((await controlJob(store.db, job.id, "pause")).status).toBe("paused");
    expect((await controlJob(store.db, job.id, "resume")).status).toBe("queued");
    expect((await controlJob(store.db, job.id, "cancel")).status).toBe("cancelled");
    const rows = await store.db.select().from(bulkJobTargets).where(eq(bulkJobTargets.jobId, job.id));
    expect(rows.map((r) => r.status).sort()).toEqual(["skipped", "skipped", "skipped", "skipped"]);
    expect(rows.filter((r) => r.errorCode === "cancelled")).toHaveLength(3);
  });
});
