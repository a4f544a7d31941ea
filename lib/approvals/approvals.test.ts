import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { approvals } from "@/lib/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import {
  approvalTtlSeconds,
  argsHash,
  claimApprovedCall,
  decideApproval,
  recordProposal,
  supersedePending,
  targetState,
} from "./approvals";

const admin: Actor = { userId: "user_admin", email: "admin@example.com", role: "admin" };
const otherAdmin: Actor = { userId: "user_admin2", email: "a2@example.com", role: "admin" };
const viewer: Actor = { userId: "user_admin", email: "admin@example.com", role: "viewer" };

let tdb: TestDatabase;
let counter = 0;
beforeAll(async () => {
  tdb = await createTestDatabase("pglite");
});
afterAll(async () => {
  await tdb?.destroy();
});

const snapshot = { id: "user_1", updated_at: 1000, public_metadata: { plan: "free" } };
const args = { userId: "user_1", publicMetadata: { plan: "pro" } };

async function propose(overrides: { now?: Date; ttlSeconds?: number } = {}) {
  counter += 1;
  const approvalId = `appr_${counter}`;
  const toolCallId = `call_${counter}`;
  await recordProposal(tdb.db, {
    approvalId,
    auth: admin,
    chatId: "chat_1",
    toolCallId,
    toolName: "updateUserMetadata",
    args,
    target: { type: "user", id: "user_1", label: "jane@acme.com" },
    snapshot,
    preview: { before: {}, after: {} },
    ...overrides,
  });
  return { approvalId, toolCallId };
}

function claim(toolCallId: string, over: Partial<Parameters<typeof claimApprovedCall>[1]> = {}) {
  return claimApprovedCall(tdb.db, {
    auth: admin,
    chatId: "chat_1",
    toolCallId,
    toolName: "updateUserMetadata",
    input: args,
    readTarget: async () => snapshot,
    validate: () => true,
    ...over,
  });
}

describe("hashing", () => {
  it("is independent of key order and sensitive to values", () => {
    expect(argsHash({ a: 1, b: { c: 2, d: 3 } })).toBe(argsHash({ b: { d: 3, c: 2 }, a: 1 }));
    expect(argsHash({ a: 1 })).not.toBe(argsHash({ a: "1" }));
    expect(argsHash({ a: [1, 2] })).not.toBe(argsHash({ a: [2, 1] }));
    expect(targetState({ updated_at: 5 }).updatedAt).toBe(5);
    expect(targetState({ user: { updatedAt: 7 } }).updatedAt).toBe(7);
  });
  it("reads the TTL from env with a 10 minute default", () => {
    expect(approvalTtlSeconds({})).toBe(600);
    expect(approvalTtlSeconds({ APPROVAL_TTL_SECONDS: "30" })).toBe(30);
    expect(approvalTtlSeconds({ APPROVAL_TTL_SECONDS: "nope" })).toBe(600);
  });
});

describe("approval binding", () => {
  it("records the binding: admin, chat, call, tool, args hash, target state, expiry", async () => {
    const now = new Date("2030-01-01T00:00:00Z");
    const { approvalId } = await propose({ now, ttlSeconds: 60 });
    const [row] = await tdb.db.select().from(approvals).where(eq(approvals.id, approvalId));
    expect(row).toMatchObject({
      adminUserId: admin.userId,
      chatId: "chat_1",
      toolName: "updateUserMetadata",
      argsHash: argsHash(args),
      targetStateHash: targetState(snapshot).hash,
      targetUpdatedAt: 1000,
      status: "pending",
      source: "agent",
    });
    expect(row?.expiresAt.getTime()).toBe(now.getTime() + 60_000);
  });

  it("approves once, executes once", async () => {
    const { approvalId, toolCallId } = await propose();
    expect(
      (await decideApproval(tdb.db, { approvalId, auth: admin, chatId: "chat_1", approved: true })).ok,
    ).toBe(true);
    const again = await decideApproval(tdb.db, { approvalId, auth: admin, chatId: "chat_1", approved: true });
    expect(again).toMatchObject({ ok: false, code: "already_decided" });
    expect((await claim(toolCallId)).ok).toBe(true);
    expect(await claim(toolCallId)).toMatchObject({ ok: false, code: "already_used" });
  });

  it("refuses concurrent double answers and double execution (single use under races)", async () => {
    const { approvalId, toolCallId } = await propose();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        decideApproval(tdb.db, { approvalId, auth: admin, chatId: "chat_1", approved: true }),
      ),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    const claims = await Promise.all(Array.from({ length: 5 }, () => claim(toolCallId)));
    expect(claims.filter((c) => c.ok)).toHaveLength(1);
  });

  it.each([
    ["another admin", { auth: otherAdmin }, "forbidden"],
    ["another chat", { chatId: "chat_2" }, "wrong_chat"],
    ["a forged id", { approvalId: "appr_forged" }, "not_found"],
    ["a viewer approving", { auth: viewer }, "forbidden"],
  ] as const)("refuses an answer from %s", async (_label, over, code) => {
    const { approvalId } = await propose();
    const outcome = await decideApproval(tdb.db, {
      approvalId,
      auth: admin,
      chatId: "chat_1",
      approved: true,
      ...over,
    });
    expect(outcome).toMatchObject({ ok: false, code });
    const [row] = await tdb.db.select().from(approvals).where(eq(approvals.id, approvalId));
    expect(row?.status).toBe("pending");
  });

  it("expires: an old approval cannot be answered", async () => {
    const { approvalId, toolCallId } = await propose({ now: new Date(Date.now() - 11 * 60_000) });
    const outcome = await decideApproval(tdb.db, {
      approvalId,
      auth: admin,
      chatId: "chat_1",
      approved: true,
    });
    expect(outcome).toMatchObject({ ok: false, code: "expired" });
    expect(await claim(toolCallId)).toMatchObject({ ok: false, code: "not_approved" });
  });

  it("expires: an approved call that waited too long does not run", async () => {
    const { approvalId, toolCallId } = await propose({ ttlSeconds: 60 });
    await decideApproval(tdb.db, { approvalId, auth: admin, chatId: "chat_1", approved: true });
    const outcome = await claim(toolCallId, { now: new Date(Date.now() + 61_000) });
    expect(outcome).toMatchObject({ ok: false, code: "expired" });
  });

  it("refuses edited arguments, a different tool, invalid input and a non-admin executor", async () => {
    const { approvalId, toolCallId } = await propose();
    await decideApproval(tdb.db, { approvalId, auth: admin, chatId: "chat_1", approved: true });
    const edited = { ...args, publicMetadata: { plan: "enterprise" } };
    expect(await claim(toolCallId, { input: edited })).toMatchObject({ code: "args_mismatch" });
    expect(await claim(toolCallId, { toolName: "banUser" })).toMatchObject({ code: "tool_mismatch" });
    expect(await claim(toolCallId, { validate: () => false })).toMatchObject({ code: "invalid_input" });
    expect(await claim(toolCallId, { auth: viewer })).toMatchObject({ code: "forbidden" });
    expect(await claim(toolCallId, { auth: otherAdmin })).toMatchObject({ code: "forbidden" });
    expect(await claim(toolCallId, { chatId: "chat_2" })).toMatchObject({ code: "not_found" });
    // none of the refusals consumed it
    expect((await claim(toolCallId)).ok).toBe(true);
  });

  it("refuses with 'changed since you approved' when the target changed", async () => {
    const { approvalId, toolCallId } = await propose();
    await decideApproval(tdb.db, { approvalId, auth: admin, chatId: "chat_1", approved: true });
    const outcome = await claim(toolCallId, {
      readTarget: async () => ({ ...snapshot, updated_at: 2000, public_metadata: { plan: "team" } }),
    });
    expect(outcome).toMatchObject({ ok: false, code: "stale_target" });
    expect(outcome.ok ? "" : outcome.message).toMatch(/changed since you approved/);
    expect(await claim(toolCallId)).toMatchObject({ ok: false, code: "not_approved" });
  });

  it("a denied call never executes", async () => {
    const { approvalId, toolCallId } = await propose();
    await decideApproval(tdb.db, {
      approvalId,
      auth: admin,
      chatId: "chat_1",
      approved: false,
      reason: "no",
    });
    expect(await claim(toolCallId)).toMatchObject({ ok: false, code: "denied" });
    expect(
      await decideApproval(tdb.db, { approvalId, auth: admin, chatId: "chat_1", approved: true }),
    ).toMatchObject({
      code: "already_decided",
    });
  });

  it("a new message supersedes pending approvals", async () => {
    const { approvalId } = await propose();
    expect(await supersedePending(tdb.db, "chat_1")).toBeGreaterThan(0);
    expect(
      await decideApproval(tdb.db, { approvalId, auth: admin, chatId: "chat_1", approved: true }),
    ).toMatchObject({
      code: "already_decided",
    });
  });
});
