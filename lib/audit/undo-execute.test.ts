// Undo end to end below the UI: the original change goes through the console's real write path (lib/console),
// the undo through executeUndo, against an in-process Local Clerk (real @clerk/backend) and PGlite.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AppError } from "@/lib/errors";

process.env.LOG_LEVEL = "silent";

const { startClerkFixture, failure, settle } = await import("@/test/support/clerk-fixture");
const { closeDb, getDb } = await import("@/lib/db/client");
const { listAudit, getAuditEntry, withAudit } = await import("./audit");
const { executeUndo, proposeUndo } = await import("./undo-execute");
const { saveMetadata } = await import("@/lib/console/metadata-save");
const { checkedWrite } = await import("@/lib/console/audited-write");
const { actions } = await import("@/lib/clerk/registry");

type Fixture = Awaited<ReturnType<typeof startClerkFixture>>;
let fx: Fixture;
let n = 0;
const admin = { userId: "user_admin", email: "admin@example.com", role: "admin" as const };

beforeAll(async () => {
  fx = await startClerkFixture({ seedUsers: 3, timeoutMs: 2000 });
  process.env.CLERK_SECRET_KEY = "sk_live_local_clerk_0123456789abcdef0123456789abcdef";
  process.env.CLERK_API_URL = fx.lc.url;
  process.env.CLERK_TIMEOUT_MS = "2000";
  process.env.DATABASE_DIR = ":memory:";
  delete process.env.DATABASE_URL;
  await closeDb();
  // Migrated here: on a busy machine the store's cold start outlasts the first test's timeout.
  await getDb();
}, 120_000);

afterEach(() => fx.lc.faults.clear());

afterAll(async () => {
  await closeDb();
  await fx?.stop();
});

async function newUser(publicMetadata: Record<string, unknown> = {}) {
  const user = await fx.ctx.clerk.users.createUser({
    emailAddress: [`undo-${Date.now()}-${n++}@example.com`],
    publicMetadata,
  });
  return user.id;
}

const getUser = (id: string) => fx.ctx.clerk.users.getUser(id);

async function consoleSave(userId: string, patch: unknown, kind: "public" | "private" = "public") {
  const user = await getUser(userId);
  const out = await saveMetadata(
    { user_id: userId, kind, patch: JSON.stringify(patch), expected_updated_at: user.updatedAt },
    admin,
  );
  expect(out.saved).toBe(true);
  const { rows } = await listAudit({ target: userId, limit: 1 });
  return rows[0]!;
}

const original = { plan: "free", keep: { a: 1, b: 2, deep: { list: [1, 2] } }, tags: ["x", "y"], gone: true };

describe("undo of a metadata write", () => {
  it("restores the exact before-object (nested added/removed/changed, arrays) and records a second entry", async () => {
    const userId = await newUser(original);
    const entry = await consoleSave(userId, {
      plan: "pro",
      keep: { b: null, c: 3, deep: { list: [9] } },
      tags: ["z"],
      gone: null,
      added: { x: 1 },
    });
    expect((await getUser(userId)).publicMetadata).toEqual({
      plan: "pro",
      keep: { a: 1, c: 3, deep: { list: [9] } },
      tags: ["z"],
      added: { x: 1 },
    });

    const proposal = await proposeUndo(entry.id, fx.ctx);
    expect(proposal.action).toBe("updateUserMetadata");
    expect(proposal.input).toEqual({
      user_id: userId,
      public_metadata: {
        plan: "free",
        keep: { b: 2, c: null, deep: { list: [1, 2] } },
        tags: ["x", "y"],
        gone: true,
        added: null,
      },
    });
    expect(proposal.changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      "removed public_metadata.added",
      "added public_metadata.gone",
      "added public_metadata.keep.b",
      "removed public_metadata.keep.c",
      "changed public_metadata.keep.deep.list",
      "changed public_metadata.plan",
      "changed public_metadata.tags",
    ]);

    const mark = fx.mark();
    const result = await executeUndo(entry.id, admin, fx.ctx, { expectedHash: proposal.snapshotHash });
    await settle();
    expect(fx.requestsSince(mark, { method: "PATCH" })).toHaveLength(1);
    expect((await getUser(userId)).publicMetadata).toEqual(original);

    const undo = await getAuditEntry(result.auditId);
    expect(undo).toMatchObject({
      source: "undo",
      undoOf: entry.id,
      outcome: "ok",
      action: "updateUserMetadata",
      targetId: userId,
      actorUserId: admin.userId,
      actorEmail: admin.email,
    });
    expect((undo!.before as { public_metadata: unknown }).public_metadata).toEqual(
      (entry.after as { public_metadata: unknown }).public_metadata,
    );
    expect((undo!.after as { public_metadata: unknown }).public_metadata).toEqual(original);
    expect((await listAudit({ target: userId })).total).toBe(2);

    // A second undo of the same entry is refused; the undo itself can be undone.
    const again = await failure(proposeUndo(entry.id, fx.ctx));
    expect(again.code).toBe("conflict");
    expect(again.message).toMatch(/already undone/);
    const redo = await executeUndo(result.auditId, admin, fx.ctx);
    expect((await getUser(userId)).publicMetadata).toEqual(
      (entry.after as { public_metadata: unknown }).public_metadata,
    );
    expect(await getAuditEntry(redo.auditId)).toMatchObject({
      source: "undo",
      undoOf: result.auditId,
      outcome: "ok",
    });
  });

  it("is refused, writing nothing, when the metadata changed since the entry", async () => {
    const userId = await newUser({ plan: "free" });
    const entry = await consoleSave(userId, { plan: "pro" });
    await fx.ctx.clerk.users.updateUserMetadata(userId, { publicMetadata: { plan: "enterprise" } });
    const mark = fx.mark();
    const err = await failure(executeUndo(entry.id, admin, fx.ctx));
    expect(err.code).toBe("conflict");
    expect(err.message).toMatch(/changed since this entry \(public_metadata\.plan\)/);
    await settle();
    expect(fx.requestsSince(mark, { method: "PATCH" })).toHaveLength(0);
    expect((await getUser(userId)).publicMetadata).toEqual({ plan: "enterprise" });
    expect((await listAudit({ undoOf: entry.id })).total).toBe(0);
  });

  it("ignores changes to metadata kinds and fields the entry did not write", async () => {
    const userId = await newUser({ plan: "free" });
    const entry = await consoleSave(userId, { plan: "pro" });
    await fx.ctx.clerk.users.updateUserMetadata(userId, { privateMetadata: { note: "later" } });
    await executeUndo(entry.id, admin, fx.ctx);
    const user = await getUser(userId);
    expect(user.publicMetadata).toEqual({ plan: "free" });
    expect(user.privateMetadata).toEqual({ note: "later" });
  });

  it("refuses a confirmation made against an older state and returns the fresh proposal", async () => {
    const userId = await newUser({ plan: "free" });
    const entry = await consoleSave(userId, { plan: "pro" });
    const shown = await proposeUndo(entry.id, fx.ctx);
    // Another kind changes: the undo itself is still valid, but not what the human saw.
    await fx.ctx.clerk.users.updateUserMetadata(userId, { unsafeMetadata: { theme: "dark" } });
    const err = (await failure(
      executeUndo(entry.id, admin, fx.ctx, { expectedHash: shown.snapshotHash }),
    )) as AppError;
    expect(err.code).toBe("conflict");
    expect(err.details?.reason).toBe("stale_proposal");
    const fresh = err.details?.proposal as { snapshotHash: string };
    expect(fresh.snapshotHash).not.toBe(shown.snapshotHash);
    expect((await getUser(userId)).publicMetadata).toEqual({ plan: "pro" });
    await executeUndo(entry.id, admin, fx.ctx, { expectedHash: fresh.snapshotHash });
    expect((await getUser(userId)).publicMetadata).toEqual({ plan: "free" });
  });

  it("undoes an agent entry (whole result stored as after) on the kinds its arguments named", async () => {
    const userId = await newUser({ plan: "free" });
    const before = await getUser(userId);
    const snapshot = {
      public_metadata: { ...before.publicMetadata },
      private_metadata: { ...before.privateMetadata },
      unsafe_metadata: { ...before.unsafeMetadata },
      updated_at: before.updatedAt,
    };
    await withAudit(
      {
        actorUserId: admin.userId,
        source: "agent",
        chatId: "chat_1",
        prompt: "make them pro",
        action: "updateUserMetadata",
        arguments: { user_id: userId, public_metadata: { plan: "pro" } },
        targetType: "user",
        targetId: userId,
        before: snapshot,
        approvalId: "appr_1",
        approverUserId: admin.userId,
        after: (r) => r,
      },
      async () => {
        const u = await fx.ctx.clerk.users.updateUserMetadata(userId, { publicMetadata: { plan: "pro" } });
        return {
          id: u.id,
          updated_at: u.updatedAt,
          public_metadata: u.publicMetadata,
          private_metadata: u.privateMetadata,
          unsafe_metadata: u.unsafeMetadata,
        };
      },
    );
    const { rows } = await listAudit({ target: userId, source: "agent" });
    await executeUndo(rows[0]!.id, admin, fx.ctx);
    expect((await getUser(userId)).publicMetadata).toEqual({ plan: "free" });
  });

  it("a failed undo write is audited as an error and the entry stays undoable", async () => {
    const userId = await newUser({ plan: "free" });
    const entry = await consoleSave(userId, { plan: "pro" });
    fx.lc.faults.configure([{ route: "PATCH /v1/users/*/metadata", kind: "500", count: 1 }]);
    const err = await failure(executeUndo(entry.id, admin, fx.ctx));
    expect(err.code).toBe("upstream_unavailable");
    const { rows } = await listAudit({ undoOf: entry.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "error", source: "undo" });
    expect(rows[0]!.errorCode).toBeTruthy();
    await executeUndo(entry.id, admin, fx.ctx);
    expect((await getUser(userId)).publicMetadata).toEqual({ plan: "free" });
    expect((await listAudit({ undoOf: entry.id })).rows.map((r) => r.outcome)).toEqual(["ok", "error"]);
  });
});

describe("undo of ban and lock", () => {
  it("ban -> unban and lock -> unlock, each recorded with undo_of", async () => {
    const userId = await newUser();
    await checkedWrite(admin, actions.banUser, { user_id: userId });
    await checkedWrite(admin, actions.lockUser, { user_id: userId });
    const { rows } = await listAudit({ target: userId });
    const ban = rows.find((r) => r.action === "banUser")!;
    const lock = rows.find((r) => r.action === "lockUser")!;

    const p = await proposeUndo(ban.id, fx.ctx);
    expect(p.action).toBe("unbanUser");
    expect(p.changes).toEqual([
      { path: "banned", segments: ["banned"], kind: "changed", before: true, after: false },
    ]);
    await executeUndo(ban.id, admin, fx.ctx);
    let user = await getUser(userId);
    expect([user.banned, user.locked]).toEqual([false, true]);
    const unlock = await executeUndo(lock.id, admin, fx.ctx);
    user = await getUser(userId);
    expect([user.banned, user.locked]).toEqual([false, false]);
    expect(await getAuditEntry(unlock.auditId)).toMatchObject({
      action: "unlockUser",
      source: "undo",
      undoOf: lock.id,
      outcome: "ok",
    });
  });

  it("is refused when the flag changed since the entry", async () => {
    const userId = await newUser();
    await checkedWrite(admin, actions.banUser, { user_id: userId });
    const { rows } = await listAudit({ target: userId, action: "banUser" });
    await fx.ctx.clerk.users.unbanUser(userId);
    const mark = fx.mark();
    const err = await failure(executeUndo(rows[0]!.id, admin, fx.ctx));
    expect(err.code).toBe("conflict");
    expect(err.message).toMatch(/changed since this entry \(banned\)/);
    await settle();
    expect(fx.requestsSince(mark, { method: "POST" })).toHaveLength(0);
  });

  it("refuses entries that cannot be undone with a clear reason", async () => {
    const userId = await newUser();
    const id = await (await import("./audit")).recordAttempt({
      actorUserId: admin.userId,
      source: "console",
      action: "createInvitation",
      targetType: "invitation",
      targetId: "inv_1",
    });
    await (await import("./audit")).recordOutcome(id, { outcome: "ok", after: { status: "pending" } });
    const err = await failure(proposeUndo(id, fx.ctx));
    expect(err.code).toBe("bad_request");
    expect(err.message).toMatch(/cannot be undone|metadata, profile, ban and lock/);
    expect((await failure(proposeUndo("00000000-0000-4000-8000-000000000000", fx.ctx))).code).toBe(
      "not_found",
    );
    expect(userId).toMatch(/^user_/);
  });
});
