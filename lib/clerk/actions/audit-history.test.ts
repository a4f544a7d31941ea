// listAuditEntries and proposeUndo against a real Local Clerk and a real store (PGlite): the entries
// come from real writes through the write executor, the inverse from lib/audit's undo rules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppError, setLogSink } from "@/lib/errors";
import { executeWrite } from "@/lib/writes/execute-write";
import { type ClerkFixture, startClerkFixture } from "@/test/support/clerk-fixture";
import { useProcessTestStore } from "@/test/support/db";
import { type ActionContext, runAction, type WriteAction } from "../define-action";
import { actions } from "../registry";

setLogSink(() => {});
const { listAuditEntries, proposeUndo } = actions;

let fx: ClerkFixture;
let store: Awaited<ReturnType<typeof useProcessTestStore>>;
const alice = { userId: "user_alice0000000000000000000", email: "alice@example.com" };
const carol = { userId: "user_carol0000000000000000000", email: "carol@example.com" };
let bob: string;
let other: string;
let planEntry: string;
let banEntry: string;

const asAlice = (): ActionContext => ({ ...fx.ctx, actor: alice });

async function write(
  name: keyof typeof actions,
  input: Record<string, unknown>,
  actor = alice,
  targetLabel: string | null = null,
) {
  const { auditId } = await executeWrite({
    db: store.db,
    ctx: fx.ctx,
    action: actions[name] as WriteAction,
    input,
    actor,
    source: "console",
    targetLabel,
  });
  return auditId;
}

beforeAll(async () => {
  fx = await startClerkFixture({ seedUsers: 5 });
  store = await useProcessTestStore("pglite");
  const created = await fx.ctx.clerk.users.createUser({
    emailAddress: ["bob@acme.com"],
    publicMetadata: { plan: "free", seats: 3 },
  });
  bob = created.id;
  other = (await fx.ctx.clerk.users.createUser({ emailAddress: ["dana@acme.com"] })).id;
  planEntry = await write(
    "updateUserMetadata",
    { user_id: bob, public_metadata: { plan: "pro" } },
    alice,
    "bob@acme.com",
  );
  await write("updateUserMetadata", { user_id: other, public_metadata: { plan: "team" } }, carol);
  banEntry = await write("banUser", { user_id: other }, carol);
});

afterAll(async () => {
  await store?.close();
  await fx?.stop();
});

type Listed = { entries: Record<string, unknown>[]; total_count: number };
const list = (input: Record<string, unknown>, ctx: ActionContext = asAlice()) =>
  runAction(listAuditEntries, input, ctx) as Promise<Listed>;

describe("listAuditEntries", () => {
  it("lists a metadata change with who, what, target, before → after, when and outcome", async () => {
    const out = await list({ actor: "me" });
    expect(out.total_count).toBe(1);
    expect(out.entries[0]).toMatchObject({
      id: planEntry,
      who: "alice@example.com",
      action: "updateUserMetadata",
      target_id: bob,
      changes: { public_metadata: ['plan: "free" → "pro"'] },
      outcome: "ok",
    });
    expect(Date.parse(String(out.entries[0]?.when))).toBeGreaterThan(Date.now() - 60_000);
  });

  it("filters by actor email part, target email or id, action, outcome and time range", async () => {
    expect((await list({ actor: "carol" })).total_count).toBe(2);
    expect((await list({ actor: carol.userId, action: "banUser" })).entries.map((e) => e.id)).toEqual([
      banEntry,
    ]);
    expect((await list({ actor: "alice", target: "bob@acme.com" })).entries.map((e) => e.id)).toEqual([
      planEntry,
    ]);
    expect((await list({ target: bob })).total_count).toBe(1);
    expect((await list({ outcome: "error" })).total_count).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await list({ from: today })).total_count).toBe(3);
    expect((await list({ to: today })).total_count).toBe(0);
    expect((await list({ from: "2020-01-01", to: "2020-01-02" })).total_count).toBe(0);
  });

  it("refuses bad input and an unknown 'me' with field errors", async () => {
    const err = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e as AppError,
      );
    expect((await err(list({ from: "yesterday" })))?.fieldErrors).toHaveProperty("from");
    expect((await err(list({ from: "2026-12-02", to: "2026-12-01" })))?.fieldErrors).toHaveProperty("to");
    expect((await err(list({ action: "drop table" })))?.fieldErrors).toHaveProperty("action");
    expect((await err(list({ limit: 500 })))?.fieldErrors).toHaveProperty("limit");
    expect((await err(list({ actor: "me" }, fx.ctx)))?.fieldErrors).toHaveProperty("actor");
  });
});

describe("proposeUndo", () => {
  type Proposal = {
    entry: { id: string };
    undoable: boolean;
    reason?: string;
    tool?: string;
    input?: Record<string, unknown>;
    changes?: string[];
  };
  const propose = (input: Record<string, unknown>, ctx: ActionContext = asAlice()) =>
    runAction(proposeUndo, input, ctx) as Promise<Proposal>;

  it("builds the inverse write of my last change without writing anything", async () => {
    const seq = fx.mark();
    const out = await propose({ actor: "me" });
    expect(out).toMatchObject({
      entry: { id: planEntry },
      undoable: true,
      tool: "updateUserMetadata",
      input: { user_id: bob, public_metadata: { plan: "free" } },
      changes: ['public_metadata.plan: "pro" → "free"'],
    });
    expect(fx.requestsSince(seq).filter((r) => r.method !== "GET")).toEqual([]);
    expect((await propose({ audit_entry_id: banEntry })).tool).toBe("unbanUser");
  });

  it("says why when the undo is impossible or the target changed since", async () => {
    const invite = await write("createInvitation", { email: "new@acme.com" });
    const out = await propose({ audit_entry_id: invite });
    expect(out.undoable).toBe(false);
    expect(out.reason).toMatch(/undo|revoke/i);
    await fx.ctx.clerk.users.updateUserMetadata(bob, { publicMetadata: { plan: "enterprise" } });
    const changed = await propose({ audit_entry_id: planEntry });
    expect(changed).toMatchObject({ undoable: false });
    expect(changed.reason).toMatch(/changed since/);
    await fx.ctx.clerk.users.updateUserMetadata(bob, { publicMetadata: { plan: "pro" } });
  });

  it("refuses an unknown entry id", async () => {
    await expect(propose({ audit_entry_id: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(propose({ audit_entry_id: "nope" })).rejects.toMatchObject({ code: "validation_failed" });
  });
});
