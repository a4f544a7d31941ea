import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { actions } from "@/lib/clerk/registry";
import { accessTokens, approvals, auditLog } from "@/lib/db/schema";
import { type LogRecord, setLogSink } from "@/lib/errors";
import { createAccessToken, revokeAccessToken } from "@/lib/tokens/tokens";
import { type ClerkFixture, settle, startClerkFixture } from "@/test/support/clerk-fixture";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { recordProposal } from "./approvals";
import {
  decideInboxItems,
  expireOverdue,
  type InboxDeps,
  listInbox,
  pendingInboxCount,
  proposeInboxWrite,
} from "./inbox";

let fx: ClerkFixture;
let tdb: TestDatabase;
let admin: Actor;
let viewer: Actor;
let memberId: string;
let tokenId: string;
let restoreLog: () => void;
const logs: LogRecord[] = [];
const update = actions.updateUserMetadata;

const deps = (): InboxDeps => ({
  db: tdb.db,
  ctx: fx.ctx,
  lookupOwner: async (userId) =>
    userId === admin.userId ? { role: "admin", email: admin.email } : { role: "viewer", email: null },
  allowPrivateMetadata: false,
});
const writesSince = (seq: number) => fx.requestsSince(seq).filter((e) => e.method !== "GET");

const newToken = async () =>
  (await createAccessToken(tdb.db, admin, { name: "inbox", scope: "read+propose", expiresInDays: 1 })).view
    .id;

async function propose(value: string, via = tokenId) {
  if (!update) throw new Error("no updateUserMetadata");
  const { row } = await proposeInboxWrite(
    deps(),
    update,
    { user_id: memberId, public_metadata: { inbox: value } },
    { userId: admin.userId, email: admin.email, tokenId: via, source: "mcp" },
  );
  return row;
}

beforeAll(async () => {
  restoreLog = setLogSink((r) => logs.push(r));
  [fx, tdb] = await Promise.all([startClerkFixture({ seedUsers: 10 }), createTestDatabase("pglite")]);
  admin = { userId: fx.userIdByEmail("admin@example.com"), email: "admin@example.com", role: "admin" };
  viewer = { userId: fx.userIdByEmail("viewer@example.com"), email: "viewer@example.com", role: "viewer" };
  memberId = fx.userIdByEmail("member@example.com");
  tokenId = await newToken();
});
afterAll(async () => {
  restoreLog?.();
  await Promise.all([fx?.stop(), tdb?.destroy()]);
});

describe("approvals inbox", () => {
  it("shows machine proposals to everyone and a chat's left-behind cards only to its admin; counts pending", async () => {
    const before = await pendingInboxCount(tdb.db, viewer.userId);
    const mcp = await propose("visible");
    await recordProposal(tdb.db, {
      approvalId: "aitxt-inbox-chat-1",
      auth: admin,
      chatId: "chat_inbox_1",
      toolCallId: "call_inbox_1",
      toolName: "updateUserMetadata",
      args: { user_id: memberId, public_metadata: { inbox: "chat" } },
      target: { type: "user", id: memberId },
      snapshot: await update?.snapshot?.({ user_id: memberId }, fx.ctx),
      preview: null,
    });
    const forViewer = await listInbox(tdb.db, viewer.userId, (n) => n);
    const forAdmin = await listInbox(tdb.db, admin.userId, (n) => n);
    expect(forViewer.map((i) => i.card.approvalId)).toContain(mcp.id);
    expect(forViewer.map((i) => i.card.approvalId)).not.toContain("aitxt-inbox-chat-1");
    expect(forAdmin.map((i) => i.card.approvalId)).toEqual(
      expect.arrayContaining([mcp.id, "aitxt-inbox-chat-1"]),
    );
    expect(await pendingInboxCount(tdb.db, viewer.userId)).toBe(before + 1);
    const card = forAdmin.find((i) => i.card.approvalId === mcp.id)?.card;
    expect(card?.targetSummary?.email).toBe("member@example.com");
    expect(
      (card?.preview as { changes?: { path: string }[] } | undefined)?.changes?.map((c) => c.path),
    ).toEqual(["public_metadata.inbox"]);
  });

  it("runs a chat's left-behind card for its own admin, audited as the agent's write", async () => {
    const [row] = await tdb.db.select().from(approvals).where(eq(approvals.id, "aitxt-inbox-chat-1"));
    const mark = fx.mark();
    const [r] = await decideInboxItems(deps(), admin, [
      { approvalId: "aitxt-inbox-chat-1", approved: true, argsHash: row?.argsHash ?? "" },
    ]);
    expect(r).toMatchObject({ ok: true, status: "executed" });
    await settle();
    expect(writesSince(mark)).toHaveLength(1);
    const [audit] = await tdb.db.select().from(auditLog).where(eq(auditLog.approvalId, "aitxt-inbox-chat-1"));
    expect(audit).toMatchObject({ source: "agent", chatId: "chat_inbox_1", approverUserId: admin.userId });
  });

  it("two admins approving the same item at once: it runs exactly once", async () => {
    const row = await propose("race");
    const mark = fx.mark();
    const results = await Promise.all(
      [admin, { ...admin }].map((who) =>
        decideInboxItems(deps(), who, [{ approvalId: row.id, approved: true, argsHash: row.argsHash }]),
      ),
    );
    expect(results.flat().filter((r) => r.ok)).toHaveLength(1);
    await settle();
    expect(writesSince(mark)).toHaveLength(1);
  });

  it("expires overdue items so they can neither be counted nor approved", async () => {
    const row = await propose("overdue");
    await tdb.db
      .update(approvals)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(approvals.id, row.id));
    expect(await expireOverdue(tdb.db)).toBeGreaterThanOrEqual(1);
    const [after] = await tdb.db.select().from(approvals).where(eq(approvals.id, row.id));
    expect(after?.status).toBe("expired");
  });

  it("property: forged ids, wrong hashes and non-admin deciders never write", async () => {
    const rows = await Promise.all(["p1", "p2", "p3"].map((v) => propose(v)));
    const mark = fx.mark();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          which: fc.integer({ min: 0, max: rows.length - 1 }),
          forgeId: fc.boolean(),
          hash: fc.stringMatching(/^[0-9a-f]{64}$/),
          role: fc.constantFrom<Actor["role"]>("admin", "viewer", "none"),
        }),
        async ({ which, forgeId, hash, role }) => {
          const row = rows[which];
          if (!row) return;
          // Only an admin with the right id AND the right hash may pass; everything generated here lacks one.
          const id = forgeId ? `${row.id}x` : row.id;
          const argsHash = role === "admin" && !forgeId ? hash : row.argsHash;
          if (role === "admin" && !forgeId && hash === row.argsHash) return;
          const [r] = await decideInboxItems(deps(), { ...admin, role }, [
            { approvalId: id, approved: true, argsHash },
          ]);
          expect(r?.ok).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
    await settle();
    expect(writesSince(mark)).toEqual([]);
    const statuses = await Promise.all(
      rows.map(async (r) => (await tdb.db.select().from(approvals).where(eq(approvals.id, r.id)))[0]?.status),
    );
    expect(statuses).toEqual(["pending", "pending", "pending"]);
  });
});

describe("a single write proposed with a token that died before the decision", () => {
  const approve = (row: { id: string; argsHash: string }) =>
    decideInboxItems(deps(), admin, [{ approvalId: row.id, approved: true, argsHash: row.argsHash }]);

  async function expectRefused(row: { id: string; argsHash: string }, code: string, message: RegExp) {
    const mark = fx.mark();
    logs.length = 0;
    expect(await approve(row)).toEqual([
      {
        approvalId: row.id,
        ok: false,
        code: "forbidden",
        reason: code,
        message: expect.stringMatching(message),
      },
    ]);
    await settle();
    expect(writesSince(mark)).toEqual([]);
    const [after] = await tdb.db.select().from(approvals).where(eq(approvals.id, row.id));
    expect(after).toMatchObject({
      status: "expired",
      decidedBy: admin.userId,
      reason: expect.stringMatching(new RegExp(`^refused: .*${message.source}`)),
    });
    expect(logs.filter((r) => r.event === "inbox.refused").map((r) => [r.level, r.code, r.reason])).toEqual([
      ["warn", "forbidden", code],
    ]);
    // Closed for good: a second approval finds nothing pending.
    expect(await approve(row)).toMatchObject([{ ok: false, code: "already_decided" }]);
  }

  it("expired token: refused, the approval expires, 0 writes reach Local Clerk", async () => {
    const expiring = await newToken();
    const row = await propose("dead-token-expired", expiring);
    await tdb.db
      .update(accessTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accessTokens.id, expiring));
    await expectRefused(row, "token_expired", /has expired/);
  });

  it("revoked token (decided before the revoke cancelled its proposals): refused, 0 writes", async () => {
    const revoked = await newToken();
    const row = await propose("dead-token-revoked", revoked);
    await revokeAccessToken(tdb.db, admin, revoked);
    await expectRefused(row, "token_revoked", /was revoked/);
  });

  it("live token: the same proposal executes once", async () => {
    const row = await propose("live-token", await newToken());
    const mark = fx.mark();
    expect(await approve(row)).toMatchObject([{ ok: true, status: "executed" }]);
    await settle();
    expect(writesSince(mark)).toHaveLength(1);
    expect(fx.lc.state.users.get(memberId)?.public_metadata).toMatchObject({ inbox: "live-token" });
  });

  it("demoted proposer: refused as proposer_not_admin, the approval expires, 0 writes", async () => {
    const row = await propose("demoted-proposer", await newToken());
    const mark = fx.mark();
    const demoted: InboxDeps = {
      ...deps(),
      lookupOwner: async () => ({ role: "viewer", email: admin.email }),
    };
    expect(
      await decideInboxItems(demoted, admin, [
        { approvalId: row.id, approved: true, argsHash: row.argsHash },
      ]),
    ).toEqual([
      {
        approvalId: row.id,
        ok: false,
        code: "forbidden",
        reason: "proposer_not_admin",
        message: expect.stringMatching(/proposed this change is no longer an admin/),
      },
    ]);
    await settle();
    expect(writesSince(mark)).toEqual([]);
    const [after] = await tdb.db.select().from(approvals).where(eq(approvals.id, row.id));
    expect(after).toMatchObject({ status: "expired", reason: expect.stringMatching(/no longer an admin/) });
  });

  it("a dead token's proposal can still be denied", async () => {
    const expiring = await newToken();
    const row = await propose("dead-token-deny", expiring);
    await tdb.db
      .update(accessTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accessTokens.id, expiring));
    const mark = fx.mark();
    expect(
      await decideInboxItems(deps(), admin, [
        { approvalId: row.id, approved: false, argsHash: row.argsHash },
      ]),
    ).toEqual([{ approvalId: row.id, ok: true, status: "denied" }]);
    await settle();
    expect(writesSince(mark)).toEqual([]);
  });
});
