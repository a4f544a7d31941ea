// Lost outcomes, end to end: console, inbox (an MCP proposal) and chat writes run against a real Local
// Clerk while the store refuses exactly the outcome record (a CHECK constraint that only an outcome
// update can violate), so each intent stays `pending` as after a crash between Clerk's answer and the
// record. Some writes reach Clerk, some are refused by Clerk first (never applied). The reconciler then
// settles every intent; undo works on the applied ones; get_approval_status reports the truth.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditOutcome } from "@/lib/db/schema";

process.env.LOG_LEVEL = "silent";

const { startClerkFixture } = await import("@/test/support/clerk-fixture");
const { testDrivers, useProcessTestStore } = await import("@/test/support/db");
const { sendChat } = await import("@/test/support/agent/chat-fixture");
const { lastIsToolResult, lastUserText, scriptedModel } = await import("@/test/support/agent/scripted-model");
const { approvalIdsOf, readUIChunks } = await import("@/test/support/agent/ui-stream");
const { listAudit } = await import("@/lib/audit/audit");
const { executeUndo } = await import("@/lib/audit/undo-execute");
const { auditedWrite } = await import("@/lib/console/audited-write");
const { actions } = await import("@/lib/clerk/registry");
const { approvalStatusForProposer, decideInboxItems, proposeInboxWrite } = await import(
  "@/lib/approvals/inbox"
);
const { argsHash } = await import("@/lib/approvals/approvals");
const { createAccessToken } = await import("@/lib/tokens/tokens");
const { reconcilePending } = await import("./reconcile");

type Fixture = Awaited<ReturnType<typeof startClerkFixture>>;
type Store = Awaited<ReturnType<typeof useProcessTestStore>>;
let fx: Fixture;
let n = 0;

beforeAll(async () => {
  fx = await startClerkFixture({ seedUsers: 3 });
  process.env.CLERK_SECRET_KEY = "sk_live_local_clerk_0123456789abcdef0123456789abcdef";
  process.env.CLERK_API_URL = fx.lc.url;
});

afterAll(async () => {
  await fx?.stop();
});

async function newUser(): Promise<string> {
  const user = await fx.ctx.clerk.users.createUser({
    emailAddress: [`lost-${Date.now()}-${n++}@example.com`],
    publicMetadata: { plan: "free" },
  });
  return user.id;
}

const planOf = async (id: string) => (await fx.ctx.clerk.users.getUser(id)).publicMetadata.plan;

/** Every statement but an outcome record still works: the store fails exactly between Clerk and the record. */
const loseOutcomes = (s: Store) =>
  s.db.execute(sql`ALTER TABLE audit_log ADD CONSTRAINT outcome_lost CHECK (outcome = 'pending') NOT VALID`);
const restoreStore = (s: Store) => s.db.execute(sql`ALTER TABLE audit_log DROP CONSTRAINT outcome_lost`);

/** Clerk refuses the next metadata write before applying it (the request never took effect). */
const refuseNextWrite = () =>
  fx.lc.faults.configure([{ route: "PATCH /v1/users/*/metadata", kind: "500", count: 1 }]);

describe.each(testDrivers())("lost write outcomes on %s", (driver) => {
  let store: Store;
  const admin = { userId: "", email: "admin@example.com", role: "admin" as const };
  const expected = new Map<string, { outcome: AuditOutcome; plan: string }>();
  const inbox: { approvalId: string; userId: string; outcome: "ok" | "not_applied" }[] = [];
  let tokenId = "";

  beforeAll(async () => {
    store = await useProcessTestStore(driver);
    admin.userId = fx.userIdByEmail("admin@example.com");
    const { view } = await createAccessToken(store.db, admin, {
      name: "lost outcomes",
      scope: "read+propose",
      expiresInDays: 1,
    });
    tokenId = view.id;
  }, 60_000);
  afterAll(async () => {
    fx.lc.faults.clear();
    await store?.close();
  });

  const model = scriptedModel((prompt) => {
    if (lastIsToolResult(prompt)) return { text: "Done." };
    const set = /set plan=([\w-]+) for (user_\w+)/.exec(lastUserText(prompt));
    if (!set) return { text: "?" };
    return {
      calls: [
        { toolName: "updateUserMetadata", input: { user_id: set[2], public_metadata: { plan: set[1] } } },
      ],
    };
  });

  async function consoleWrite(userId: string, plan: string) {
    await auditedWrite(admin, actions.updateUserMetadata, {
      user_id: userId,
      public_metadata: { plan },
    }).catch(() => null);
  }

  async function inboxWrite(userId: string, plan: string) {
    const deps = {
      db: store.db,
      ctx: fx.ctx,
      lookupOwner: async () => ({ role: "admin" as const, email: admin.email }),
      allowPrivateMetadata: false,
    };
    const args = { user_id: userId, public_metadata: { plan } };
    const { row } = await proposeInboxWrite(deps, actions.updateUserMetadata, args, {
      userId: admin.userId,
      email: admin.email,
      tokenId,
      source: "mcp",
    });
    await decideInboxItems(deps, admin, [{ approvalId: row.id, approved: true, argsHash: argsHash(args) }]);
    return row.id;
  }

  async function chatWrite(userId: string, plan: string) {
    const chatId = `chat_lost_${n++}`;
    const send = (body: unknown) =>
      sendChat({
        auth: admin,
        body,
        db: store.db,
        ctx: fx.ctx,
        model,
        modelInfo: { id: "scripted", label: "Scripted test model", kind: "offline" },
      }).then(readUIChunks);
    const [approvalId] = approvalIdsOf(
      await send({ chatId, message: { text: `set plan=${plan} for ${userId}` } }),
    );
    await send({ chatId, approvals: [{ approvalId, approved: true }] });
  }

  it("every intent whose outcome was lost is settled ok or not_applied by re-reading its target", async () => {
    const writes: [string, (userId: string, plan: string) => Promise<unknown>][] = [
      ["console", consoleWrite],
      ["inbox", inboxWrite],
      ["chat", chatWrite],
    ];
    await loseOutcomes(store);
    try {
      for (const [surface, write] of writes) {
        const applied = await newUser();
        const out = await write(applied, `${surface}-pro`);
        expect(await planOf(applied)).toBe(`${surface}-pro`);
        expected.set(applied, { outcome: "ok", plan: `${surface}-pro` });
        if (surface === "inbox") inbox.push({ approvalId: out as string, userId: applied, outcome: "ok" });

        const refused = await newUser();
        refuseNextWrite();
        const outRefused = await write(refused, `${surface}-never`);
        expect(await planOf(refused)).toBe("free");
        expected.set(refused, { outcome: "not_applied", plan: "free" });
        if (surface === "inbox")
          inbox.push({ approvalId: outRefused as string, userId: refused, outcome: "not_applied" });
      }
    } finally {
      await restoreStore(store);
    }

    const intents = (await listAudit({ action: "updateUserMetadata", limit: 100 }, store.db)).rows;
    expect(intents).toHaveLength(6);
    expect(new Set(intents.map((r) => r.source))).toEqual(new Set(["console", "mcp", "agent"]));
    expect(intents.every((r) => r.outcome === "pending")).toBe(true);
    for (const { approvalId } of inbox) {
      const stuck = await approvalStatusForProposer(store.db, admin.userId, approvalId, false);
      expect(stuck?.outcome).toBe("pending");
    }

    const counts = await reconcilePending(store.db, fx.ctx, { graceMs: 0 });
    expect(counts).toMatchObject({ ok: 3, not_applied: 3, unknown: 0, deferred: 0 });

    const settled = (await listAudit({ action: "updateUserMetadata", limit: 100 }, store.db)).rows;
    for (const row of settled) {
      expect(row.outcome, `${row.source} write on ${row.targetId}`).toBe(
        expected.get(row.targetId ?? "")?.outcome,
      );
    }
    expect(await reconcilePending(store.db, fx.ctx, { graceMs: 0 })).toMatchObject({ ok: 0, not_applied: 0 });
  });

  it("get_approval_status reports the settled outcome of each inbox write", async () => {
    for (const item of inbox) {
      const view = await approvalStatusForProposer(store.db, admin.userId, item.approvalId, false);
      expect(view?.status).toBe("executed");
      expect(view?.outcome).toBe(item.outcome);
      if (item.outcome === "ok")
        expect(view?.result).toMatchObject({ public_metadata: { plan: "inbox-pro" } });
    }
  });

  it("undo works on every reconciled-ok write and is refused on the not-applied ones", async () => {
    const settled = (await listAudit({ action: "updateUserMetadata", limit: 100 }, store.db)).rows.filter(
      (r) => r.undoOf === null && r.source !== "undo",
    );
    expect(settled.filter((r) => r.outcome === "ok")).toHaveLength(3);
    for (const row of settled) {
      if (row.outcome === "ok") {
        await executeUndo(row.id, admin, fx.ctx, { db: store.db });
        expect(await planOf(row.targetId ?? "")).toBe("free");
      } else {
        await expect(executeUndo(row.id, admin, fx.ctx, { db: store.db })).rejects.toMatchObject({
          details: { reason: "not_succeeded" },
        });
      }
    }
  });
});
