import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import type { ActionContext } from "@/lib/clerk/define-action";
import { setLogSink } from "@/lib/errors";
import type { LocalClerkHandle } from "@/local-clerk/src/index";
import { seededAuth, sendOfflineChat, startChatFixture } from "@/test/support/agent/chat-fixture";
import type { TestDatabase } from "@/test/support/db";

/** The offline model inside the real chat handler (store, signed approvals, Local Clerk): the e2e script, minus the browser. */

let lc: LocalClerkHandle;
let tdb: TestDatabase;
let ctx: ActionContext;
let admin: Actor;
let viewer: Actor;
let restoreLog: () => void;

beforeAll(async () => {
  restoreLog = setLogSink(() => {});
  ({ lc, tdb, ctx } = await startChatFixture(30));
  admin = seededAuth(lc, "admin@example.com", "admin");
  viewer = seededAuth(lc, "viewer@example.com", "viewer");
});
afterAll(async () => {
  restoreLog?.();
  await Promise.all([lc?.stop(), tdb?.destroy()]);
});

const send = (body: unknown, auth: Actor = admin) => sendOfflineChat({ auth, body, db: tdb.db, ctx });

const memberPlan = () => lc.state.users.findByEmail("member@example.com")?.public_metadata.tier;
const writes = () => lc.requestLog.list().filter((e) => e.method !== "GET").length;

describe("offline model in the chat handler", () => {
  it("asking for a user by email returns the listUsers result the profile card renders", async () => {
    const { chunks, text } = await send({ chatId: "off_show", message: { text: "show member@example.com" } });
    const output = chunks.find((c) => c.type === "tool-output-available") as { output: unknown } | undefined;
    expect(JSON.stringify(output?.output)).toContain("member@example.com");
    expect(text).toContain("<member@example.com>");
  });

  it("set a key -> approval card -> deny -> unchanged -> ask again -> approve -> changed", async () => {
    const before = writes();
    const first = await send({
      chatId: "off_set",
      message: { text: "set tier=gold for member@example.com" },
    });
    expect(first.approvalIds).toHaveLength(1);
    const card = first.chunks.find((c) => c.type === "data-approval") as { data: Record<string, unknown> };
    expect(card.data).toMatchObject({
      toolName: "updateUserMetadata",
      args: { public_metadata: { tier: "gold" } },
    });

    const denied = await send({
      chatId: "off_set",
      approvals: [{ approvalId: first.approvalIds[0], approved: false }],
    });
    expect(denied.text).toMatch(/you denied it[\s\S]*won't retry/);
    expect(denied.approvalIds).toEqual([]);
    expect(memberPlan()).toBeUndefined();
    expect(writes()).toBe(before);

    const again = await send({
      chatId: "off_set",
      message: { text: "set tier=gold for member@example.com" },
    });
    expect(again.approvalIds).toHaveLength(1);
    expect(again.approvalIds[0]).not.toBe(first.approvalIds[0]);
    const approved = await send({
      chatId: "off_set",
      approvals: [{ approvalId: again.approvalIds[0], approved: true }],
    });
    expect(approved.text).toMatch(/<member@example\.com> \(user_\w+\): updated/);
    expect(memberPlan()).toBe("gold");
    expect(writes()).toBe(before + 1);
  });

  it("invites by chat after approval", async () => {
    const first = await send({
      chatId: "off_inv",
      message: { text: "invite chatty@example.com as an editor" },
    });
    const done = await send({
      chatId: "off_inv",
      approvals: [{ approvalId: first.approvalIds[0], approved: true }],
    });
    expect(done.text).toMatch(/<chatty@example\.com>: invitation sent/);
    const list = await ctx.clerk.invitations.getInvitationList({ query: "chatty@example.com" });
    expect(list.data.map((i) => [i.status, i.publicMetadata])).toEqual([["pending", { role: "editor" }]]);
  });

  it("a viewer's chat offers no write: the model says so and proposes nothing", async () => {
    const before = writes();
    const { text, approvalIds } = await send(
      { chatId: "off_viewer", message: { text: "ban member@example.com" } },
      viewer,
    );
    expect(approvalIds).toEqual([]);
    expect(text).toMatch(/not available to you/);
    expect(writes()).toBe(before);
  });
});
