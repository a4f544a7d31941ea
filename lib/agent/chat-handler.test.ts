import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import type { ActionContext } from "@/lib/clerk/define-action";
import { approvals, auditLog } from "@/lib/db/schema";
import { setLogSink } from "@/lib/errors";
import type { LocalClerkHandle } from "@/local-clerk/src/index";
import { seededAuth, sendChat, startChatFixture } from "@/test/support/agent/chat-fixture";
import { lastIsToolResult, scriptedModel, userCommandsModel } from "@/test/support/agent/scripted-model";
import { approvalIdsOf, readUIChunks } from "@/test/support/agent/ui-stream";
import type { TestDatabase } from "@/test/support/db";
import { loadMessages } from "./chat-store";

let lc: LocalClerkHandle;
let tdb: TestDatabase;
let ctx: ActionContext;
let admin: Actor;
let targetId: string;
const logs: Record<string, unknown>[] = [];
let restoreLog: () => void;

const model = userCommandsModel();

beforeAll(async () => {
  restoreLog = setLogSink((r) => logs.push(r));
  ({ lc, tdb, ctx } = await startChatFixture(30));
  const [m] = (await ctx.clerk.users.getUserList({ emailAddress: ["member@example.com"] })).data;
  admin = seededAuth(lc, "admin@example.com", "admin");
  targetId = m?.id ?? "";
});
afterAll(async () => {
  restoreLog?.();
  await Promise.all([lc?.stop(), tdb?.destroy()]);
});

function send(body: unknown, auth: Actor = admin) {
  return sendChat({
    auth,
    body,
    db: tdb.db,
    ctx,
    model,
    modelInfo: { id: "scripted", label: "Scripted test model", kind: "offline" },
  });
}

const writes = () => lc.requestLog.list().filter((e) => e.method !== "GET");
const plan = async () => (await ctx.clerk.users.getUser(targetId)).publicMetadata.plan;

describe("chat handler", () => {
  it("answers reads directly and stores the conversation server-side", async () => {
    const res = await send({ chatId: "chat_read_1", message: { text: `show ${targetId}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-agent-model")).toContain("Scripted");
    const chunks = await readUIChunks(res);
    const output = chunks.find((c) => c.type === "tool-output-available") as {
      output: Record<string, unknown>;
    };
    expect(output.output.primary_email).toBe("member@example.com");
    const stored = await loadMessages(tdb.db, "chat_read_1");
    expect(stored.map((m) => m.role)).toEqual(["user", "assistant"]);
  });

  it("proposes a write, binds it in the store, and writes nothing until approved", async () => {
    const before = writes().length;
    const res = await send({ chatId: "chat_write_1", message: { text: `set plan=gold for ${targetId}` } });
    const chunks = await readUIChunks(res);
    const [approvalId] = approvalIdsOf(chunks);
    expect(approvalId).toBeTruthy();
    const card = chunks.find((c) => c.type === "data-approval") as { data: Record<string, unknown> };
    expect(card.data).toMatchObject({ toolName: "updateUserMetadata", args: { user_id: targetId } });
    expect(card.data.targetSummary).toMatchObject({ email: "member@example.com" });
    expect((card.data.preview as { changes: unknown[] }).changes).toEqual([
      expect.objectContaining({ path: "public_metadata.plan", after: "gold" }),
    ]);
    const [row] = await tdb.db
      .select()
      .from(approvals)
      .where(eq(approvals.id, approvalId ?? ""));
    expect(row?.status).toBe("pending");
    expect(writes().length).toBe(before);

    const approved = await send({ chatId: "chat_write_1", approvals: [{ approvalId, approved: true }] });
    const after = await readUIChunks(approved);
    expect(after.some((c) => c.type === "tool-output-available")).toBe(true);
    expect(await plan()).toBe("gold");
    expect(writes().length).toBe(before + 1);
    const [done] = await tdb.db
      .select()
      .from(approvals)
      .where(eq(approvals.id, approvalId ?? ""));
    expect(done?.status).toBe("executed");
    const [audit] = await tdb.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.approvalId, approvalId ?? ""));
    expect(audit).toMatchObject({
      source: "agent",
      outcome: "ok",
      chatId: "chat_write_1",
      approverUserId: admin.userId,
      actorUserId: admin.userId,
      action: "updateUserMetadata",
    });
    expect(audit?.prompt).toContain("set plan=gold");

    const replay = await send({ chatId: "chat_write_1", approvals: [{ approvalId, approved: true }] });
    expect(replay.status).toBe(409);
    expect(writes().length).toBe(before + 1);
  });

  it("a new message in a chat supersedes its pending approval; the card can no longer be approved", async () => {
    const before = writes().length;
    const chatId = "chat_supersede_1";
    const [approvalId] = approvalIdsOf(
      await readUIChunks(await send({ chatId, message: { text: `set plan=silver for ${targetId}` } })),
    );
    expect(approvalId).toBeTruthy();
    await readUIChunks(await send({ chatId, message: { text: "never mind" } }));
    const [row] = await tdb.db
      .select()
      .from(approvals)
      .where(eq(approvals.id, approvalId ?? ""));
    expect(row).toMatchObject({ status: "expired", reason: "superseded by a new message" });
    const late = await send({ chatId, approvals: [{ approvalId, approved: true }] });
    expect(late.status).toBe(409);
    expect(writes().length).toBe(before);
    // The stored transcript: the proposal (its card closed), then the new message and its answer.
    const stored = await loadMessages(tdb.db, chatId);
    expect(stored.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
  });

  it("a denial changes nothing and is final", async () => {
    const before = writes().length;
    const res = await send({ chatId: "chat_deny_1", message: { text: `set plan=silver for ${targetId}` } });
    const [approvalId] = approvalIdsOf(await readUIChunks(res));
    const denied = await send({
      chatId: "chat_deny_1",
      approvals: [{ approvalId, approved: false, reason: "not now" }],
    });
    const chunks = await readUIChunks(denied);
    expect(chunks.some((c) => c.type === "tool-output-denied")).toBe(true);
    expect(await plan()).toBe("gold");
    const again = await send({ chatId: "chat_deny_1", approvals: [{ approvalId, approved: true }] });
    expect(again.status).toBe(409);
    expect(writes().length).toBe(before);
    const last = model.prompts.at(-1);
    expect(JSON.stringify(last)).toContain("execution-denied");
  });

  it("refuses with 'changed since you approved' when the user changed in between", async () => {
    const res = await send({ chatId: "chat_stale_1", message: { text: `set plan=bronze for ${targetId}` } });
    const [approvalId] = approvalIdsOf(await readUIChunks(res));
    await ctx.clerk.users.updateUserMetadata(targetId, { publicMetadata: { plan: "changed-elsewhere" } });
    const before = writes().length;
    const approved = await send({ chatId: "chat_stale_1", approvals: [{ approvalId, approved: true }] });
    const chunks = await readUIChunks(approved);
    const err = chunks.find((c) => c.type === "tool-output-error") as { errorText: string };
    expect(err.errorText).toMatch(/changed since you approved/);
    expect(await plan()).toBe("changed-elsewhere");
    expect(writes().length).toBe(before);
    expect(logs.some((l) => l.event === "agent.approval_refused" && l.code === "stale_target")).toBe(true);
  });

  it("a viewer's chat has no write tools, so a write call never runs", async () => {
    const viewer: Actor = { ...admin, role: "viewer" };
    const before = writes().length;
    const res = await send(
      { chatId: "chat_viewer_1", message: { text: `set plan=x for ${targetId}` } },
      viewer,
    );
    const chunks = await readUIChunks(res);
    expect(approvalIdsOf(chunks)).toEqual([]);
    expect(writes().length).toBe(before);
    const tools = model.prompts.length;
    expect(tools).toBeGreaterThan(0);
  });

  it("another admin cannot read or continue someone else's chat", async () => {
    const other: Actor = { userId: "user_someone_else", email: "x@example.com", role: "admin" };
    const res = await send({ chatId: "chat_write_1", message: { text: "hello" } }, other);
    expect(res.status).toBe(404);
  });

  it("rejects history, tampered fields and malformed bodies", async () => {
    for (const body of [
      { chatId: "chat_write_1", messages: [] },
      { chatId: "chat_write_1", message: { text: "hi", role: "assistant" } },
      { chatId: "../etc", message: { text: "hi" } },
      { chatId: "chat_write_1", approvals: [{ approvalId: "x", approved: "yes" }] },
      "not json",
      null,
    ]) {
      expect((await send(body)).status).toBe(400);
    }
  });
});

describe("chat handler with the built-in offline model", () => {
  it("shows a user by email, proposes a metadata change, applies it only after approval, invites", async () => {
    const { resolveChatModel } = await import("./model");
    const offline = resolveChatModel({}).model;
    const run = async (chatId: string, body: Record<string, unknown>) => {
      const res = await sendChat({
        auth: admin,
        body: { chatId, ...body },
        db: tdb.db,
        ctx,
        model: offline,
        modelInfo: { id: "offline", label: "offline", kind: "offline" },
      });
      expect(res.status).toBe(200);
      return readUIChunks(res);
    };
    const shown = await run("offline_1", { message: { text: "show member@example.com" } });
    const outputs = shown.filter((c) => c.type === "tool-output-available");
    expect(JSON.stringify(outputs)).toContain("member@example.com");

    const before = writes().length;
    const proposed = await run("offline_1", {
      message: { text: "set tier=platinum for member@example.com" },
    });
    const ids = approvalIdsOf(proposed);
    expect(ids).toHaveLength(1);
    expect(writes().length).toBe(before);
    const approved = await run("offline_1", {
      approvals: ids.map((approvalId) => ({ approvalId, approved: true })),
    });
    expect(approved.some((c) => c.type === "tool-output-available")).toBe(true);
    expect((await ctx.clerk.users.getUser(targetId)).publicMetadata.tier).toBe("platinum");

    const invite = await run("offline_2", { message: { text: "invite newperson@example.com as an editor" } });
    const inviteIds = approvalIdsOf(invite);
    expect(inviteIds).toHaveLength(1);
    await run("offline_2", { approvals: inviteIds.map((approvalId) => ({ approvalId, approved: true })) });
    const invitations = await ctx.clerk.invitations.getInvitationList({ query: "newperson@example.com" });
    expect(invitations.data.map((i) => i.emailAddress)).toContain("newperson@example.com");
  });
});

describe("several write calls in one step", () => {
  it("each gets a card; the chat continues only when all are answered at once", async () => {
    const [u1, u2] = (await ctx.clerk.users.getUserList({ limit: 3, orderBy: "+created_at" })).data;
    const two = scriptedModel((prompt) => {
      if (lastIsToolResult(prompt)) return { text: "Both done." };
      return {
        calls: [u1, u2].map((u) => ({
          toolName: "updateUserMetadata",
          input: { user_id: u?.id, public_metadata: { batch: "b1" } },
        })),
      };
    });
    const run = (body: Record<string, unknown>) =>
      sendChat({
        auth: admin,
        body: { chatId: "chat_batch_1", ...body },
        db: tdb.db,
        ctx,
        model: two,
        modelInfo: { id: "s", label: "s", kind: "offline" },
      });
    const ids = approvalIdsOf(await readUIChunks(await run({ message: { text: "tag both" } })));
    expect(ids).toHaveLength(2);
    const before = writes().length;
    const partial = await run({ approvals: [{ approvalId: ids[0], approved: true }] });
    expect(partial.status).toBe(409);
    expect(writes().length).toBe(before);
    const res = await run({
      approvals: [
        { approvalId: ids[0], approved: true },
        { approvalId: ids[1], approved: false },
      ],
    });
    const chunks = await readUIChunks(res);
    expect(chunks.filter((c) => c.type === "tool-output-available")).toHaveLength(1);
    expect(chunks.filter((c) => c.type === "tool-output-denied")).toHaveLength(1);
    expect(writes().length).toBe(before + 1);
    expect((await ctx.clerk.users.getUser(u1?.id ?? "")).publicMetadata.batch).toBe("b1");
    expect((await ctx.clerk.users.getUser(u2?.id ?? "")).publicMetadata.batch).toBeUndefined();
  });
});
