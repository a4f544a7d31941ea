// The agent reads its own history, for real: the offline model in the chat handler, Local Clerk, PGlite.
// A chat change is approved, listed ("what did I change today?"), undone ("undo the last one": a second
// approval card with the inverse diff, approved, then the value is back). REST: viewer 200, member 403,
// signed out 401 for the audit reads.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRestApi } from "@/lib/api/rest";
import { listAudit } from "@/lib/audit/audit";
import type { Actor } from "@/lib/auth/policy";
import { clerkOwnerLookup } from "@/lib/auth/token-auth";
import { actionContext } from "@/lib/clerk/action-context";
import { createClerkClientFor } from "@/lib/clerk/client";
import type { ActionContext } from "@/lib/clerk/define-action";
import { setLogSink } from "@/lib/errors";
import { createAccessToken } from "@/lib/tokens/tokens";
import { LOCAL_SECRET_KEY } from "@/local-clerk/src/app-env";
import { type LocalClerkHandle, startLocalClerk } from "@/local-clerk/src/index";
import { seededAuth, sendOfflineChat } from "@/test/support/agent/chat-fixture";
import { useProcessTestStore } from "@/test/support/db";
import { bulkProposerFor } from "@/test/support/jobs";

let lc: LocalClerkHandle;
let store: Awaited<ReturnType<typeof useProcessTestStore>>;
let ctx: ActionContext;
let admin: Actor;
let viewer: Actor;
let restoreLog: () => void;

beforeAll(async () => {
  restoreLog = setLogSink(() => {});
  lc = await startLocalClerk({ port: 0, quiet: true, seedUsers: 20 });
  store = await useProcessTestStore("pglite");
  ctx = actionContext({ clerk: createClerkClientFor({ apiUrl: lc.url, secretKey: LOCAL_SECRET_KEY }) });
  admin = seededAuth(lc, "admin@example.com", "admin");
  viewer = seededAuth(lc, "viewer@example.com", "viewer");
  const member = lc.state.users.findByEmail("member@example.com");
  if (!member) throw new Error("no seeded member");
  lc.state.users.mergeMetadata(member.id, { publicMetadata: { tier: "silver" } });
});
afterAll(async () => {
  restoreLog?.();
  await store?.close();
  await lc?.stop();
});

async function send(body: unknown, auth: Actor = admin) {
  const turn = await sendOfflineChat({ auth, body, db: store.db, ctx });
  const cards = turn.chunks.filter((c) => c.type === "data-approval") as unknown as {
    data: Record<string, unknown>;
  }[];
  return { ...turn, cards };
}

const tier = () => lc.state.users.findByEmail("member@example.com")?.public_metadata.tier;
const writes = () => lc.requestLog.list().filter((e) => e.method !== "GET").length;

describe("the agent reads its own history", () => {
  it("change (approved) -> what did I change today? -> undo the last one (card, approved) -> value back", async () => {
    const chatId = "hist_1";
    const set = await send({ chatId, message: { text: "set tier=gold for member@example.com" } });
    expect(set.approvalIds).toHaveLength(1);
    await send({ chatId, approvals: [{ approvalId: set.approvalIds[0], approved: true }] });
    expect(tier()).toBe("gold");

    const asked = await send({ chatId, message: { text: "what did I change today?" } });
    expect(asked.approvalIds).toEqual([]);
    expect(asked.text).toContain("1 change by you today:");
    expect(asked.text).toContain("admin@example.com");
    expect(asked.text).toMatch(
      /updateUserMetadata on “member@example\.com” \(public metadata tier: "silver" → "gold"\)/,
    );

    const before = writes();
    const undo = await send({ chatId, message: { text: "undo the last one" } });
    expect(undo.approvalIds).toHaveLength(1);
    expect(writes()).toBe(before);
    expect(tier()).toBe("gold");
    const card = undo.cards[0]?.data;
    expect(card).toMatchObject({
      toolName: "updateUserMetadata",
      args: { public_metadata: { tier: "silver" } },
    });
    expect(JSON.stringify(card?.preview)).toContain("silver");

    const done = await send({ chatId, approvals: [{ approvalId: undo.approvalIds[0], approved: true }] });
    expect(done.text).toMatch(/^Undone: updateUserMetadata on “member@example\.com” is reverted/);
    expect(tier()).toBe("silver");
    expect(writes()).toBe(before + 1);

    const { rows } = await listAudit({ actor: admin.userId }, store.db);
    expect(rows.map((r) => [r.action, r.outcome, r.approvalId !== null])).toEqual([
      ["updateUserMetadata", "ok", true],
      ["updateUserMetadata", "ok", true],
    ]);
  });

  it("what did admin@example.com do to member@example.com? works for a viewer, who cannot undo", async () => {
    const asked = await send(
      { chatId: "hist_v", message: { text: "what did admin@example.com do to member@example.com?" } },
      viewer,
    );
    expect(asked.text).toContain("2 changes by admin@example.com to member@example.com:");
    const undo = await send({ chatId: "hist_v", message: { text: "undo that" } }, viewer);
    expect(undo.approvalIds).toEqual([]);
    expect(undo.text).toMatch(/not available to you/);
  });

  it("an undo that is impossible is refused with the reason, nothing proposed", async () => {
    const chatId = "hist_inv";
    const inv = await send({ chatId, message: { text: "invite history@example.com" } });
    await send({ chatId, approvals: [{ approvalId: inv.approvalIds[0], approved: true }] });
    const before = writes();
    const undo = await send({ chatId, message: { text: "undo my last change" } });
    expect(undo.approvalIds).toEqual([]);
    expect(undo.text).toMatch(/^I can't undo createInvitation on “history@example\.com”: .+/);
    expect(writes()).toBe(before);
  });

  it("an undo of a change made since is refused (the later change is not overwritten)", async () => {
    const chatId = "hist_stale";
    const set = await send({ chatId, message: { text: "set tier=bronze for member@example.com" } });
    await send({ chatId, approvals: [{ approvalId: set.approvalIds[0], approved: true }] });
    const member = lc.state.users.findByEmail("member@example.com");
    lc.state.users.mergeMetadata(member?.id ?? "", { publicMetadata: { tier: "platinum" } });
    const undo = await send({ chatId, message: { text: "undo my last change" } });
    expect(undo.approvalIds).toEqual([]);
    expect(undo.text).toMatch(/changed since/);
    expect(tier()).toBe("platinum");
  });
});

describe("REST: audit reads follow the read permission", () => {
  it("viewer 200, a member without a console role 403, signed out 401", async () => {
    const lookupOwner = clerkOwnerLookup((uid) => ctx.clerk.users.getUser(uid), { ttlMs: 0 });
    const api = createRestApi(async () => ({
      db: store.db,
      ctx,
      lookupOwner,
      allowPrivateMetadata: false,
      proposeBulkJob: bulkProposerFor(store.db, ctx),
    }));
    const memberId = lc.state.users.findByEmail("member@example.com")?.id ?? "";
    const make = (who: Actor) =>
      createAccessToken(store.db, who, { name: "audit", scope: "read", expiresInDays: 1 });
    const viewerToken = (await make(viewer)).token;
    const memberToken = (await make({ userId: memberId, email: "member@example.com", role: "viewer" })).token;
    const post = (name: string, token: string | null, body: unknown) =>
      api.callAction(
        name,
        new Request(`http://console.test/api/v1/actions/${name}`, {
          method: "POST",
          body: JSON.stringify(body),
          headers: {
            "Content-Type": "application/json",
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
        }),
      );
    const ok = await post("listAuditEntries", viewerToken, { target: "member@example.com" });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { total_count: number; entries: { action: string }[] };
    expect(body.total_count).toBeGreaterThanOrEqual(3);
    const mine = await post("listAuditEntries", viewerToken, { actor: "me" });
    // "me" is the token's owner: only the viewer's own entries (creating this token is one).
    const own = (await mine.json()) as { entries?: { who: string }[] };
    expect(own.entries?.map((e) => e.who) ?? []).not.toContain("admin@example.com");
    expect(own.entries?.every((e) => e.who === "viewer@example.com")).toBe(true);
    const undo = await post("proposeUndo", viewerToken, {
      actor: admin.userId,
      target: "member@example.com",
    });
    expect(undo.status).toBe(200);
    for (const name of ["listAuditEntries", "proposeUndo"]) {
      expect((await post(name, memberToken, {})).status).toBe(403);
      expect((await post(name, null, {})).status).toBe(401);
    }
  });
});
