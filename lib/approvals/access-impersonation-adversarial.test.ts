// Issue 17's access-list writes and impersonation revocation proposed as an MCP/REST client would, then
// attacked in the inbox: a forged approval id, tampered arguments, an expired approval, a stale target,
// a decision by support / viewer / a role-less user, a proposer whose role may not make the change, and
// a replayed approval each reach Local Clerk with 0 writes (Local Clerk's own request log); the one
// honest approval writes once. The writes under test are derived from the registry (lib/auth/policy).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, ConsoleRole } from "@/lib/auth/policy";
import { actionContext } from "@/lib/clerk/action-context";
import type { WriteAction } from "@/lib/clerk/define-action";
import { setLogSink } from "@/lib/errors";
import type { ClerkFixture } from "@/test/support/clerk-fixture";
import type { TestDatabase } from "@/test/support/db";
import { type InboxAdversary, startInboxAdversary } from "@/test/support/inbox-adversary";

const { actions } = await import("@/lib/clerk/registry");
const { ACCESS_AND_IMPERSONATION_WRITES } = await import("@/test/support/attacked-writes");
const { decideInboxItems, proposeInboxWrite } = await import("./inbox");
const { executeWrite } = await import("@/lib/writes/execute-write");

setLogSink(() => {});
let adv: InboxAdversary;
let fx: ClerkFixture;
let tdb: TestDatabase;
let admin: Actor;
let tokenId = "";
let n = 0;
/** The role the proposer has when the approved write runs (lookupOwner), per test. */
let proposerRole: ConsoleRole = "admin";

beforeAll(async () => {
  adv = await startInboxAdversary(() => proposerRole);
  ({ fx, tdb, admin, tokenId } = adv);
});
afterAll(async () => {
  await adv?.stop();
});

const ctx = () => actionContext({ clerk: fx.ctx.clerk, db: tdb.db });
const deps = (now?: Date) => adv.deps(now);
const writes = (since: number) => adv.writes(since);

/** Access lists and impersonation revocation: every registry write of those kinds (new ones included). */
const UNDER_TEST = ACCESS_AND_IMPERSONATION_WRITES;

type Setup = { input: Record<string, unknown>; mutate: () => Promise<unknown> };

async function setup(name: string): Promise<Setup> {
  const clerk = fx.ctx.clerk;
  const identifier = `adv-${Date.now().toString(36)}-${n++}@example.com`;
  const list = name.includes("Allowlist") ? clerk.allowlistIdentifiers : null;
  const addTo = (id: string) =>
    name.includes("Allowlist")
      ? clerk.allowlistIdentifiers.createAllowlistIdentifier({ identifier: id, notify: false })
      : clerk.blocklistIdentifiers.createBlocklistIdentifier({ identifier: id });
  if (name.startsWith("add")) return { input: { identifier }, mutate: () => addTo(identifier) };
  if (name.startsWith("remove")) {
    const entry = await addTo(identifier);
    const remove = () =>
      list
        ? clerk.allowlistIdentifiers.deleteAllowlistIdentifier(entry.id)
        : clerk.blocklistIdentifiers.deleteBlocklistIdentifier(entry.id);
    return { input: { identifier_id: entry.id }, mutate: remove };
  }
  // revokeImpersonation: a token this console created (its audit entry is the register).
  const user = await clerk.users.createUser({ emailAddress: [identifier] });
  const made = await executeWrite({
    db: tdb.db,
    ctx: ctx(),
    action: actions.impersonateUser,
    input: { user_id: user.id, reason: "adversarial setup" },
    actor: admin,
    source: "console",
  });
  const input = { user_id: user.id, actor_token_id: made.result.id };
  const revokeBehindTheBack = () =>
    executeWrite({
      db: tdb.db,
      ctx: ctx(),
      action: actions.revokeImpersonation,
      input,
      actor: admin,
      source: "console",
    });
  return { input, mutate: revokeBehindTheBack };
}

async function propose(action: WriteAction, input: Record<string, unknown>) {
  const proposer = { userId: admin.userId, email: admin.email, tokenId, source: "mcp" as const };
  return (await proposeInboxWrite(deps(), action, input, proposer)).row;
}

describe("access-list and impersonation-revocation writes under attack in the inbox", () => {
  it("found the writes to attack", () => {
    expect(UNDER_TEST.sort()).toEqual(
      [
        "addAllowlistIdentifier",
        "addBlocklistIdentifier",
        "removeAllowlistIdentifier",
        "removeBlocklistIdentifier",
        "revokeImpersonation",
      ].sort(),
    );
  });

  it.each(UNDER_TEST)(
    "%s: forged, tampered, expired, non-admin deciders, stale and replayed -> 0 writes",
    async (name) => {
      proposerRole = "admin";
      const action = actions[name as keyof typeof actions] as WriteAction;

      const a = await setup(name);
      const rowA = await propose(action, a.input);
      let mark = fx.mark();
      const decision = { approvalId: rowA.id, approved: true, argsHash: rowA.argsHash };
      const [forged] = await decideInboxItems(deps(), admin, [
        { ...decision, approvalId: `apr_${"f".repeat(32)}` },
      ]);
      const flipped = `${rowA.argsHash.slice(0, -1)}${rowA.argsHash.endsWith("0") ? "1" : "0"}`;
      const [tampered] = await decideInboxItems(deps(), admin, [{ ...decision, argsHash: flipped }]);
      const deciders = await Promise.all(
        (["support", "viewer", "none"] as const).map(
          async (role) =>
            (await decideInboxItems(deps(), { ...admin, userId: `user_${role}`, role }, [decision]))[0],
        ),
      );
      const later = new Date(rowA.expiresAt.getTime() + 1000);
      const [expired] = await decideInboxItems(deps(later), admin, [decision]);
      expect([forged?.ok, tampered?.ok, ...deciders.map((d) => d?.ok), expired?.ok]).toEqual([
        false,
        false,
        false,
        false,
        false,
        false,
      ]);
      for (const d of deciders) expect(d).toMatchObject({ code: "forbidden" });
      expect(expired).toMatchObject({ code: "expired" });
      expect(writes(mark)).toBe(0);

      const b = await setup(name);
      const rowB = await propose(action, b.input);
      await b.mutate();
      mark = fx.mark();
      const [stale] = await decideInboxItems(deps(), admin, [
        { approvalId: rowB.id, approved: true, argsHash: rowB.argsHash },
      ]);
      expect(stale).toMatchObject({ ok: false, code: "stale_target" });
      expect(writes(mark)).toBe(0);

      const c = await setup(name);
      const rowC = await propose(action, c.input);
      mark = fx.mark();
      const honestDecision = { approvalId: rowC.id, approved: true, argsHash: rowC.argsHash };
      const [honest] = await decideInboxItems(deps(), admin, [honestDecision]);
      expect(honest).toMatchObject({ ok: true, status: "executed" });
      const honestWrites = writes(mark);
      expect(honestWrites).toBe(1);
      const [replayed] = await decideInboxItems(deps(), admin, [honestDecision]);
      expect(replayed).toMatchObject({ ok: false, code: "already_decided" });
      expect(writes(mark)).toBe(honestWrites);
    },
  );

  it.each(UNDER_TEST)(
    "%s proposed by someone who is now support / viewer: runs only where the policy lets that role act",
    async (name) => {
      const action = actions[name as keyof typeof actions] as WriteAction;
      for (const role of ["support", "viewer"] as const) {
        proposerRole = "admin";
        const s = await setup(name);
        const row = await propose(action, s.input);
        proposerRole = role;
        const mark = fx.mark();
        const [out] = await decideInboxItems(deps(), admin, [
          { approvalId: row.id, approved: true, argsHash: row.argsHash },
        ]);
        // Support may revoke an impersonation (revoke_access); it may not touch the access lists.
        const allowed = role === "support" && name === "revokeImpersonation";
        if (allowed) expect(out).toMatchObject({ ok: true, status: "executed" });
        else expect(out).toMatchObject({ ok: false, code: "forbidden" });
        expect(writes(mark)).toBe(allowed ? 1 : 0);
      }
      proposerRole = "admin";
    },
  );
});
