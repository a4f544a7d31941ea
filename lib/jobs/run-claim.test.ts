import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clerkOwnerLookup } from "@/lib/auth/token-auth";
import { wrapApiMethods } from "@/lib/clerk/client";
import { bulkJobs, bulkJobTargets } from "@/lib/db/schema";
import { type ClerkFixture, settle, startClerkFixture } from "@/test/support/clerk-fixture";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { InProcessJobs } from "@/test/support/job-driver";
import { approvedMetadataJob, metadataWrites } from "@/test/support/jobs";
import { until } from "@/test/support/until";
import { Pacer, paceFromEnv } from "./pacer";
import { claimJobRun, getJob } from "./store";

// The run gate of lib/jobs/batch: the workflow run that last claimed a job (bulk_jobs.run_id) is the only
// one that writes; an older run's batch ends "superseded" before its first write, or mid-batch once its
// control poll sees the newer claim, after the targets in flight settle. And every run hashes the stored
// plan against its approval on its first batch. Real Local Clerk and a real store.

let fx: ClerkFixture;
let tdb: TestDatabase;
/** Called after each metadata write Clerk answered (the batch waits for it, as for a slow write). */
let afterWrite: ((writes: number) => Promise<void>) | null = null;
let writes = 0;

function worker() {
  const clerk = wrapApiMethods(fx.ctx.clerk, async (call) => {
    const out = await call.run();
    if (call.label === "users.updateUserMetadata") await afterWrite?.(++writes);
    return out;
  });
  return new InProcessJobs({
    db: tdb.db,
    clerk,
    pacer: new Pacer(paceFromEnv({})),
    lookupOwner: clerkOwnerLookup((id) => fx.ctx.clerk.users.getUser(id), { ttlMs: 0 }),
    concurrency: 1,
  });
}

let nextTarget = 0;
function targets(n: number): string[] {
  const ids = [...fx.lc.state.users.all()]
    .filter((u) => !u.emails.some((e) => /^(admin|viewer|member)@example\.com$/.test(e.email_address)))
    .slice(nextTarget, nextTarget + n)
    .map((u) => u.id);
  nextTarget += n;
  return ids;
}

async function approved(ids: string[], batch: string) {
  const { job } = await approvedMetadataJob(tdb.db, fx.lc, new Pacer(paceFromEnv({})), ids, batch);
  return job.id;
}

/** Resolves once a batch's control poll has touched the job after `since` (it bumps updated_at). */
async function polledAfter(jobId: string, since: Date): Promise<void> {
  await until("the batch's control poll", async () => {
    const job = await getJob(tdb.db, jobId);
    return (job?.updatedAt.getTime() ?? 0) > since.getTime();
  });
}

beforeAll(async () => {
  [fx, tdb] = await Promise.all([startClerkFixture({ seedUsers: 30 }), createTestDatabase("pglite")]);
});

afterAll(async () => {
  await Promise.all([fx?.stop(), tdb?.destroy()]);
});

describe("only the run that claimed a job writes", () => {
  it("a batch of a run another run has superseded ends before any write; the newer run does the job", async () => {
    const ids = targets(4);
    const jobId = await approved(ids, "superseded-before");
    await claimJobRun(tdb.db, jobId, "wrun_old");
    await claimJobRun(tdb.db, jobId, "wrun_new");
    const mark = fx.mark();
    const w = worker();
    expect(await w.run(jobId, "wrun_old")).toBe("superseded");
    await settle();
    expect(metadataWrites(fx.requestsSince(mark)).size).toBe(0);
    expect(await getJob(tdb.db, jobId)).toMatchObject({ status: "queued", runId: "wrun_new" });

    expect(await w.run(jobId, "wrun_new")).toBe("completed");
    await settle();
    const written = metadataWrites(fx.requestsSince(mark));
    expect([...written.keys()].sort()).toEqual([...ids].sort());
    expect([...written.values()]).toEqual(ids.map(() => 1));
  });

  it("a newer claim mid-batch: the older run stops after the target in flight, the newer one writes the rest once", async () => {
    const ids = targets(6);
    const jobId = await approved(ids, "superseded-mid");
    await claimJobRun(tdb.db, jobId, "wrun_first");
    const mark = fx.mark();
    writes = 0;
    afterWrite = async (n) => {
      if (n !== 2) return;
      const claimed = await claimJobRun(tdb.db, jobId, "wrun_second");
      if (!claimed) throw new Error("no job to claim");
      await polledAfter(jobId, claimed.updatedAt);
    };
    const w = worker();
    try {
      expect(await w.run(jobId, "wrun_first")).toBe("superseded");
    } finally {
      afterWrite = null;
    }
    await settle();
    expect(metadataWrites(fx.requestsSince(mark)).size).toBe(2);
    const pending = await tdb.db
      .select()
      .from(bulkJobTargets)
      .where(and(eq(bulkJobTargets.jobId, jobId), eq(bulkJobTargets.status, "pending")));
    expect(pending).toHaveLength(ids.length - 2);

    expect(await w.run(jobId, "wrun_second")).toBe("completed");
    await settle();
    const written = metadataWrites(fx.requestsSince(mark));
    expect([...written.keys()].sort()).toEqual([...ids].sort());
    expect([...written.values()]).toEqual(ids.map(() => 1));
  });

  it("every run hashes the stored plan on its first batch: a plan edited after approval fails the next run unwritten", async () => {
    const ids = targets(4);
    const jobId = await approved(ids, "plan-check");
    const mark = fx.mark();
    const [edited] = await tdb.db
      .update(bulkJobTargets)
      .set({ args: { user_id: ids[3], public_metadata: { plan: "enterprise" } } })
      .where(and(eq(bulkJobTargets.jobId, jobId), eq(bulkJobTargets.targetId, ids[3] as string)))
      .returning();
    expect(edited).toBeDefined();
    await claimJobRun(tdb.db, jobId, "wrun_checked");
    expect(await worker().run(jobId, "wrun_checked")).toBe("failed");
    await settle();
    expect(metadataWrites(fx.requestsSince(mark)).size).toBe(0);
    const [job] = await tdb.db.select().from(bulkJobs).where(eq(bulkJobs.id, jobId));
    expect(job).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/changed after it was proposed/),
    });
  });
});
