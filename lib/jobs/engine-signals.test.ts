// lib/jobs/engine's rules for telling a job's run about a pause, resume or cancel, with the workflow
// engine replaced by stand-ins that record what they are asked (the e2e specs run the real engine:
// e2e/jobs.spec pauses and resumes one run). The store is real (PGlite).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { OwnerLookup } from "@/lib/auth/token-auth";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";

const engine = vi.hoisted(() => ({
  /** Tokens a live hook listens on. */
  hooks: new Set<string>(),
  /** Runs still running. */
  active: new Set<string>(),
  told: [] as [string, unknown][],
  started: [] as string[],
}));
vi.mock("workflow/api", () => ({
  start: async (_workflow: unknown, [jobId]: [string]) => {
    engine.started.push(jobId);
    return { runId: `wrun_started_${engine.started.length}` };
  },
}));
vi.mock("@/lib/workflow/run-status", () => ({
  runIsActive: async (runId: string | null) => runId !== null && engine.active.has(runId),
}));
vi.mock("./bulk-workflow", async (importOriginal) => {
  const hook = {
    resume: async (token: string, payload: unknown) => {
      if (!engine.hooks.has(token)) throw new Error(`Hook not found: ${token}`);
      engine.told.push([token, payload]);
      return {};
    },
  };
  return { ...(await importOriginal<object>()), jobApprovalHook: hook, jobControlHook: hook };
});

const { controlToken } = await import("./bulk-workflow");
const { signalJobControl } = await import("./engine");
const { decideJob } = await import("./decide");
const { claimJobRun, controlJob, createJob } = await import("./store");

process.env.LOG_LEVEL = "silent";
const ADMIN = "user_signals_admin";
const lookupOwner: OwnerLookup = async () => ({ role: "admin", email: null });
let tdb: TestDatabase;

/** An approved job whose run `runId` has claimed it. */
async function claimedJob(runId: string): Promise<string> {
  const { job, planHash } = await createJob(tdb.db, {
    action: "updateUserMetadata",
    title: "plan=pro for 1",
    params: {},
    createdBy: ADMIN,
    source: "console",
    pacePer10s: 90,
    targets: [
      {
        seq: 0,
        targetId: "user_t0",
        targetLabel: "t0@example.com",
        args: { user_id: "user_t0", public_metadata: { plan: "pro" } },
        before: { public_metadata: {}, private_metadata: {}, unsafe_metadata: {}, updated_at: 1000 },
        after: { public_metadata: { plan: "pro" } },
        changes: [],
        checks: [],
        skip: null,
      },
    ],
  });
  const decided = await decideJob(tdb.db, {
    jobId: job.id,
    approver: { userId: ADMIN, role: "admin" },
    approved: true,
    planHash,
    lookupOwner,
  });
  expect(decided.ok).toBe(true);
  await claimJobRun(tdb.db, job.id, runId);
  return job.id;
}

beforeAll(async () => {
  tdb = await createTestDatabase("pglite");
});
afterAll(async () => {
  await tdb?.destroy();
});
beforeEach(() => {
  engine.hooks.clear();
  engine.active.clear();
  engine.told.length = 0;
  engine.started.length = 0;
});

describe("a control is told to the run that claimed the job", () => {
  it("a live run is told on its own control hook and nothing new starts", async () => {
    const jobId = await claimedJob("wrun_live");
    engine.active.add("wrun_live");
    engine.hooks.add(controlToken(jobId, "wrun_live"));
    for (const control of ["pause", "resume", "cancel"] as const) {
      await controlJob(tdb.db, jobId, control);
      await signalJobControl(tdb.db, jobId, { control }, 0);
    }
    expect(engine.told).toEqual(
      ["pause", "resume", "cancel"].map((control) => [controlToken(jobId, "wrun_live"), { control }]),
    );
    expect(engine.started).toEqual([]);
  });

  it("a run that is gone: a paused or resumed job gets a new run, a cancelled one none", async () => {
    const jobId = await claimedJob("wrun_gone");
    await controlJob(tdb.db, jobId, "pause");
    await signalJobControl(tdb.db, jobId, { control: "pause" }, 0);
    expect(engine.started).toEqual([jobId]);
    await controlJob(tdb.db, jobId, "resume");
    await signalJobControl(tdb.db, jobId, { control: "resume" }, 0);
    expect(engine.started).toEqual([jobId, jobId]);
    await controlJob(tdb.db, jobId, "cancel");
    await signalJobControl(tdb.db, jobId, { control: "cancel" }, 0);
    expect(engine.started).toEqual([jobId, jobId]);
    expect(engine.told).toEqual([]);
  });

  it("a live run without the hook (started before controls were signals): only a resume gets a superseding run", async () => {
    const jobId = await claimedJob("wrun_older");
    engine.active.add("wrun_older");
    await controlJob(tdb.db, jobId, "pause");
    await signalJobControl(tdb.db, jobId, { control: "pause" }, 0);
    expect(engine.started).toEqual([]);
    await controlJob(tdb.db, jobId, "resume");
    await signalJobControl(tdb.db, jobId, { control: "resume" }, 0);
    expect(engine.started).toEqual([jobId]);
  });
});
