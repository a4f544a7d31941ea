// Fault campaign: Local Clerk fails 20% of every Backend API call (429 / 500 / hung connection) during a
// scripted admin session (console reads and metadata writes through the real server actions) and an agent
// session (the chat handler with the offline model, approving each write). Every read succeeds or fails
// with a typed retryable error; every write is applied exactly once or reported failed; the audit log holds
// exactly one outcome per attempted write, checked against Local Clerk's own request log per target.
// Only the identity source (Clerk's auth() in a Next request) is replaced.

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ConsoleAuth } from "@/lib/auth";
import { actionContext } from "@/lib/clerk/action-context";
import { sized, twentyPercentFaults } from "./size";

process.env.LOG_LEVEL = "silent";
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const who = vi.hoisted(() => ({ current: null as ConsoleAuth | null }));
vi.mock("@/lib/auth/console-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/console-auth")>()),
  getConsoleAuth: async () => who.current,
}));

const { startClerkFixture, settle } = await import("@/test/support/clerk-fixture");
const { createClerkClientFor } = await import("@/lib/clerk/client");
const { closeDb, getDb } = await import("@/lib/db/client");
const { listAudit } = await import("@/lib/audit/audit");
const { AppError, setLogSink } = await import("@/lib/errors");
const { sendChat } = await import("@/test/support/agent/chat-fixture");
const { readUIChunks, approvalIdsOf } = await import("@/test/support/agent/ui-stream");
const { createOfflineModel, OFFLINE_MODEL_ID } = await import("@/lib/agent/offline-model/offline-model");
const { LOCAL_SECRET_KEY } = await import("@/local-clerk/src/app-env");
const U = await import("@/lib/actions/users");
const R = await import("@/lib/console/reads");

const TIMEOUT_MS = 400;
const HANG_MS = 600;
const RETRYABLE = new Set(["rate_limited", "upstream_unavailable", "timeout", "upstream_timeout"]);
const ADMIN_WRITES = sized(16, 200);
const ADMIN_READS = sized(16, 200);
const AGENT_WRITES = sized(4, 40);

type Fixture = Awaited<ReturnType<typeof startClerkFixture>>;
let fx: Fixture;
let restoreLog: () => void;

beforeAll(async () => {
  restoreLog = setLogSink(() => {});
  fx = await startClerkFixture({ seedUsers: 20, timeoutMs: TIMEOUT_MS });
  process.env.CLERK_SECRET_KEY = LOCAL_SECRET_KEY;
  process.env.CLERK_API_URL = fx.lc.url;
  process.env.CLERK_TIMEOUT_MS = String(TIMEOUT_MS);
  process.env.DATABASE_DIR = ":memory:";
  delete process.env.DATABASE_URL;
  await closeDb();
  await getDb();
}, 60_000);

afterAll(async () => {
  restoreLog?.();
  fx?.lc.faults.clear();
  await closeDb();
  await fx?.stop();
});

const admin: ConsoleAuth = {
  userId: "user_campaign_admin",
  sessionId: "sess_campaign",
  email: "admin@example.com",
  role: "admin",
  roleSource: "claims",
};

async function freshUsers(label: string, n: number) {
  const out: { id: string; email: string }[] = [];
  for (let i = 0; i < n; i++) {
    const email = `fault-${label}-${i}-${Date.now().toString(36)}@example.com`;
    const u = await fx.ctx.clerk.users.createUser({ emailAddress: [email], skipPasswordRequirement: true });
    out.push({ id: u.id, email });
  }
  return out;
}

/** Per target: PATCH/POST calls Local Clerk executed (no fault) and the ones it saw at all. */
function writesTo(userId: string) {
  const calls = fx.lc.requestLog
    .list()
    .filter((e) => e.method !== "GET" && e.path.startsWith(`/v1/users/${userId}`));
  return { sent: calls.length, executed: calls.filter((e) => !e.fault && e.status < 300).length };
}

async function auditRowsFor(userId: string) {
  return (await listAudit({ target: userId, limit: 100 })).rows;
}

function expectTypedRetryable(err: unknown) {
  expect(err).toBeInstanceOf(AppError);
  const e = err as InstanceType<typeof AppError>;
  expect(RETRYABLE.has(e.code), `code ${e.code}`).toBe(true);
  expect(e.message.length).toBeGreaterThan(0);
}

describe("20% Backend API faults (429 / 500 / timeout)", () => {
  it("admin session: reads succeed or fail retryably; each write applied once or reported failed; one audit outcome each", async () => {
    const targets = await freshUsers("admin", ADMIN_WRITES);
    fx.lc.faults.configure(twentyPercentFaults("*", HANG_MS), 8);
    who.current = admin;
    let readOk = 0;
    let readFailed = 0;
    const results: { id: string; value: string; ok: boolean; code?: string }[] = [];
    const readArb = fc.sample(fc.constantFrom("page", "detail", "invitations"), {
      numRuns: ADMIN_READS,
      seed: 3,
    });
    for (let i = 0; i < Math.max(ADMIN_READS, ADMIN_WRITES); i++) {
      const kind = readArb[i];
      if (kind) {
        try {
          if (kind === "page") await R.loadUsersPage({ order_by: "-created_at", limit: 10, offset: 0 });
          else if (kind === "detail") await R.loadUserWithSessions(targets[i % targets.length]?.id ?? "");
          else await R.loadInvitations({ limit: 10, offset: 0 });
          readOk++;
        } catch (err) {
          expectTypedRetryable(err);
          readFailed++;
        }
      }
      const target = targets[i];
      if (!target) continue;
      const value = `v${i}`;
      const before = fx.lc.state.users.get(target.id);
      const r = await U.saveUserMetadataAction({
        user_id: target.id,
        kind: "public",
        patch: JSON.stringify({ campaign: value }),
        expected_updated_at: before?.updated_at ?? 0,
      });
      if (r.ok) results.push({ id: target.id, value, ok: true });
      else {
        expect(RETRYABLE.has(r.error.code), `write error ${r.error.code}`).toBe(true);
        expect(r.error.message.length).toBeGreaterThan(0);
        results.push({ id: target.id, value, ok: false, code: r.error.code });
      }
    }
    fx.lc.faults.clear();
    await settle(HANG_MS + 200);

    for (const r of results) {
      const applied = fx.lc.state.users.get(r.id)?.public_metadata.campaign === r.value;
      const log = writesTo(r.id);
      const rows = await auditRowsFor(r.id);
      expect(applied, `${r.id} applied iff reported ok`).toBe(r.ok);
      expect(log.executed, `${r.id} executed writes`).toBe(r.ok ? 1 : 0);
      // Any write that reached Clerk has exactly one audit row with a final outcome.
      expect(rows.length, `${r.id} audit rows`).toBe(log.sent > 0 ? 1 : 0);
      for (const row of rows)
        expect(row.outcome).toBe(r.ok ? "ok" : row.outcome === "timeout" ? "timeout" : "error");
    }
    const faulted = fx.lc.requestLog.list().filter((e) => e.fault).length;
    console.log(
      `faults campaign (admin): ${results.length} writes (${results.filter((r) => r.ok).length} applied, ${results.filter((r) => !r.ok).length} reported failed), ${readOk + readFailed} reads (${readFailed} retryable errors), ${faulted} injected faults`,
    );
    expect(faulted).toBeGreaterThan(0);
  }, 600_000);

  it("agent session: approved writes are applied once or reported failed, one audit outcome each", async () => {
    const targets = await freshUsers("agent", AGENT_WRITES);
    const member = fx.lc.state.users.findByEmail("admin@example.com");
    const agentAuth = {
      userId: member?.id ?? "user_admin",
      email: "admin@example.com",
      role: "admin" as const,
    };
    const db = await getDb();
    const ctx = actionContext({
      clerk: createClerkClientFor({ apiUrl: fx.lc.url, secretKey: LOCAL_SECRET_KEY, timeoutMs: TIMEOUT_MS }),
      db,
    });
    const send = async (body: unknown) => {
      const res = await sendChat({
        auth: agentAuth,
        body,
        db,
        ctx,
        model: createOfflineModel(),
        modelInfo: { id: OFFLINE_MODEL_ID, label: "Built-in offline model", kind: "offline" },
      });
      expect(res.status).toBe(200);
      return readUIChunks(res);
    };
    fx.lc.faults.configure(twentyPercentFaults("*", HANG_MS), 11);
    const attempts: { id: string; value: string; reportedOk: boolean }[] = [];
    let noCard = 0;
    for (const [i, t] of targets.entries()) {
      const chatId = `fault_chat_${i}`;
      const value = `gold${i}`;
      const first = await send({ chatId, message: { text: `set tier=${value} for ${t.email}` } });
      const ids = approvalIdsOf(first);
      if (ids.length === 0) {
        // The lookup failed under faults: the chat shows the tool error and proposes nothing.
        expect(
          first.some((c) => c.type === "tool-output-error" || c.type === "error" || c.type === "text-delta"),
        ).toBe(true);
        noCard++;
        continue;
      }
      const done = await send({ chatId, approvals: [{ approvalId: ids[0], approved: true }] });
      const failed = done.some((c) => c.type === "tool-output-error" || c.type === "error");
      attempts.push({ id: t.id, value, reportedOk: !failed });
    }
    fx.lc.faults.clear();
    await settle(HANG_MS + 200);
    for (const a of attempts) {
      const applied = fx.lc.state.users.get(a.id)?.public_metadata.tier === a.value;
      const log = writesTo(a.id);
      const rows = await auditRowsFor(a.id);
      expect(applied, `${a.id} applied iff reported`).toBe(a.reportedOk);
      expect(log.executed).toBe(applied ? 1 : 0);
      expect(rows.filter((r) => r.outcome !== "pending").length, `${a.id} audit outcomes`).toBe(
        log.sent > 0 ? 1 : 0,
      );
      expect(rows.filter((r) => r.outcome === "ok").length).toBe(applied ? 1 : 0);
    }
    console.log(
      `faults campaign (agent): ${targets.length} requests, ${noCard} lookups failed visibly, ${attempts.length} approved writes (${attempts.filter((a) => a.reportedOk).length} applied)`,
    );
  }, 600_000);
});
