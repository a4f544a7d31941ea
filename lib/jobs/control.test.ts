// Job control belongs to its owner: the console's job actions (as the browser calls them) for the
// proposer, another admin before and after an explicit take-over, and a viewer; the store is real
// (PGlite), only Clerk's auth() is replaced.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ConsoleAuth } from "@/lib/auth";
import type { OwnerLookup } from "@/lib/auth/token-auth";
import { auditLog } from "@/lib/db/schema";
import type { TargetPlan } from "./planner";

process.env.LOG_LEVEL = "silent";
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const who = vi.hoisted(() => ({ current: null as ConsoleAuth | null }));
vi.mock("@/lib/auth/console-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/console-auth")>()),
  getConsoleAuth: async () => who.current,
}));

const { closeDb, getDb } = await import("@/lib/db/client");
const { decideJob } = await import("./decide");
const { createJob, getJob } = await import("./store");
const { controlJobAction, takeOverJobAction } = await import("@/lib/actions/jobs");

const person = (userId: string, role: ConsoleAuth["role"]): ConsoleAuth => ({
  userId,
  sessionId: `sess_${userId}`,
  email: `${userId}@example.com`,
  role,
  roleSource: "claims",
});
const PROPOSER = person("user_proposer", "admin");
const OTHER = person("user_other_admin", "admin");
const VIEWER = person("user_viewer", "viewer");
const lookupOwner: OwnerLookup = async (id) => ({
  role: id === VIEWER.userId ? "viewer" : "admin",
  email: null,
});
const saved = { ...process.env };

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
    skip: null,
  }));
}

async function queuedJob(): Promise<string> {
  const db = await getDb();
  const { job, planHash } = await createJob(db, {
    action: "updateUserMetadata",
    title: "plan=pro for 3",
    params: {},
    createdBy: PROPOSER.userId,
    source: "console",
    pacePer10s: 90,
    targets: targets(3),
  });
  const decided = await decideJob(db, {
    jobId: job.id,
    approver: { userId: PROPOSER.userId, role: "admin" },
    approved: true,
    planHash,
    lookupOwner,
  });
  expect(decided.ok).toBe(true);
  return job.id;
}

const status = async (jobId: string) => (await getJob(await getDb(), jobId))?.status;
const as = <T>(p: ConsoleAuth, fn: () => Promise<T>) => {
  who.current = p;
  return fn();
};

beforeAll(async () => {
  process.env.DATABASE_DIR = ":memory:";
  delete process.env.DATABASE_URL;
  await closeDb();
  await getDb(); // opens and migrates the store before the timed tests
});
afterAll(async () => {
  await closeDb();
  process.env = { ...saved };
});

describe("job control belongs to its owner", () => {
  it("another admin's pause is refused and changes nothing", async () => {
    const jobId = await queuedJob();
    for (const control of ["pause", "cancel"] as const) {
      const r = await as(OTHER, () => controlJobAction({ jobId, control }));
      expect(r).toMatchObject({
        ok: false,
        error: { code: "forbidden", message: expect.stringMatching(/take it over/i) },
      });
    }
    expect(await status(jobId)).toBe("queued");
    expect(await as(PROPOSER, () => controlJobAction({ jobId, control: "pause" }))).toMatchObject({
      ok: true,
      data: { status: "paused" },
    });
    const resume = await as(OTHER, () => controlJobAction({ jobId, control: "resume" }));
    expect(resume).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await status(jobId)).toBe("paused");
  });

  it("after an explicit take-over the other admin's pause works; both are in the audit log", async () => {
    const jobId = await queuedJob();
    expect(await as(VIEWER, () => takeOverJobAction({ jobId }))).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await as(OTHER, () => takeOverJobAction({ jobId }))).toMatchObject({ ok: true });
    expect(await as(OTHER, () => controlJobAction({ jobId, control: "pause" }))).toMatchObject({
      ok: true,
      data: { status: "paused" },
    });
    expect(await status(jobId)).toBe("paused");
    // The proposer keeps control too.
    expect(await as(PROPOSER, () => controlJobAction({ jobId, control: "resume" }))).toMatchObject({
      ok: true,
      data: { status: "queued" },
    });

    const audit = await (await getDb())
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, "bulk_job"), eq(auditLog.targetId, jobId)))
      .orderBy(auditLog.createdAt);
    expect(audit.map((a) => [a.action, a.actorUserId, a.outcome])).toEqual([
      ["takeOverJob", OTHER.userId, "ok"],
      ["pauseJob", OTHER.userId, "ok"],
      ["resumeJob", PROPOSER.userId, "ok"],
    ]);
    expect(audit[0]).toMatchObject({
      before: { proposer: PROPOSER.userId, takenOverBy: [] },
      after: { proposer: PROPOSER.userId, takenOverBy: [OTHER.userId] },
    });
    expect(audit[1]).toMatchObject({ before: { status: "queued" }, after: { status: "paused" } });
  });

  it("a finished job cannot be taken over", async () => {
    const jobId = await queuedJob();
    await as(PROPOSER, () => controlJobAction({ jobId, control: "cancel" }));
    expect(await as(OTHER, () => takeOverJobAction({ jobId }))).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
  });
});
