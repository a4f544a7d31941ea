// A chat card decided in the approvals inbox keeps that decision in the chat's transcript: after the
// admin's next message the card reads approved (with the result) or denied (with the inbox's reason),
// and the model is told so, not that the change was abandoned. Real Local Clerk and store.
import type { LanguageModelV4Prompt } from "@ai-sdk/provider";
import type { UIMessage } from "ai";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideInboxItems } from "@/lib/approvals/inbox";
import type { Actor } from "@/lib/auth/policy";
import type { ActionContext } from "@/lib/clerk/define-action";
import { approvals } from "@/lib/db/schema";
import { setLogSink } from "@/lib/errors";
import type { LocalClerkHandle } from "@/local-clerk/src/index";
import { seededAuth, sendChat, startChatFixture } from "@/test/support/agent/chat-fixture";
import { userCommandsModel } from "@/test/support/agent/scripted-model";
import { approvalIdsOf, readUIChunks } from "@/test/support/agent/ui-stream";
import type { TestDatabase } from "@/test/support/db";
import { chatTranscript } from "./chat-queries";
import { loadMessages } from "./chat-store";

let lc: LocalClerkHandle;
let tdb: TestDatabase;
let ctx: ActionContext;
let admin: Actor;
let targetId: string;
let restoreLog: () => void;

const model = userCommandsModel("Noted.");

const send = (body: unknown) =>
  sendChat({
    auth: admin,
    body,
    db: tdb.db,
    ctx,
    model,
    modelInfo: { id: "s", label: "Scripted", kind: "offline" },
  });

const inbox = () => ({
  db: tdb.db,
  ctx,
  lookupOwner: async () => ({ role: "admin" as const, email: admin.email }),
  allowPrivateMetadata: false,
});

async function proposeInChat(chatId: string, value: string): Promise<string> {
  const chunks = await readUIChunks(
    await send({ chatId, message: { text: `set plan=${value} for ${targetId}` } }),
  );
  const [approvalId] = approvalIdsOf(chunks);
  if (!approvalId) throw new Error("no card");
  return approvalId;
}

async function decideInInbox(approvalId: string, approved: boolean, reason?: string) {
  const [row] = await tdb.db.select().from(approvals).where(eq(approvals.id, approvalId));
  return decideInboxItems(inbox(), admin, [{ approvalId, approved, argsHash: row?.argsHash ?? "", reason }]);
}

function cardPart(messages: UIMessage[], approvalId: string) {
  for (const m of messages)
    for (const p of m.parts)
      if ("approval" in p && (p as { approval?: { id: string } }).approval?.id === approvalId)
        return p as { state: string; output?: unknown; approval: { approved?: boolean; reason?: string } };
  throw new Error(`card ${approvalId} not in the transcript`);
}

/** The tool results the model received in its last prompt. */
function toolResults(prompt: LanguageModelV4Prompt | undefined) {
  return (prompt ?? []).flatMap((m) =>
    m.role === "tool" ? m.content.flatMap((c) => (c.type === "tool-result" ? [c.output] : [])) : [],
  );
}

beforeAll(async () => {
  restoreLog = setLogSink(() => {});
  ({ lc, tdb, ctx } = await startChatFixture(10));
  admin = seededAuth(lc, "admin@example.com", "admin");
  targetId = lc.state.users.findByEmail("member@example.com")?.id ?? "";
});
afterAll(async () => {
  restoreLog?.();
  await Promise.all([lc?.stop(), tdb?.destroy()]);
});

describe("transcript truth", () => {
  it("an inbox-approved chat card reads approved, with its result, after the next message", async () => {
    const chatId = "chat_truth_approved";
    const approvalId = await proposeInChat(chatId, "inboxed");
    const [decided] = await decideInInbox(approvalId, true);
    expect(decided).toMatchObject({ ok: true, status: "executed" });
    expect((await ctx.clerk.users.getUser(targetId)).publicMetadata.plan).toBe("inboxed");

    // Read before the next message: the transcript already tells the decision.
    const view = await chatTranscript(tdb.db, admin, chatId);
    expect(cardPart(view.messages, approvalId)).toMatchObject({
      state: "output-available",
      approval: { approved: true },
    });

    const next = await send({ chatId, message: { text: "thanks" } });
    expect(next.status).toBe(200);
    await readUIChunks(next);
    const card = cardPart(await loadMessages(tdb.db, chatId), approvalId);
    expect(card.state).toBe("output-available");
    expect(card.approval.approved).toBe(true);
    expect(card.approval.reason).toBeUndefined();
    expect(JSON.stringify(card.output)).toContain("inboxed");
    const told = JSON.stringify(toolResults(model.prompts.at(-1)));
    expect(told).toContain("inboxed");
    expect(told).not.toMatch(/superseded|denied/);
  });

  it("an inbox-denied chat card reads denied with the inbox's reason, and nothing was written", async () => {
    const chatId = "chat_truth_denied";
    const approvalId = await proposeInChat(chatId, "never");
    expect((await decideInInbox(approvalId, false, "not this quarter"))[0]).toMatchObject({
      ok: true,
      status: "denied",
    });
    await readUIChunks(await send({ chatId, message: { text: "ok" } }));
    const card = cardPart(await loadMessages(tdb.db, chatId), approvalId);
    expect(card).toMatchObject({
      state: "output-denied",
      approval: { approved: false, reason: "not this quarter" },
    });
    expect((await ctx.clerk.users.getUser(targetId)).publicMetadata.plan).not.toBe("never");
  });

  it("a card nobody answered is still closed as superseded", async () => {
    const chatId = "chat_truth_open";
    const approvalId = await proposeInChat(chatId, "open");
    await readUIChunks(await send({ chatId, message: { text: "never mind" } }));
    const card = cardPart(await loadMessages(tdb.db, chatId), approvalId);
    expect(card).toMatchObject({
      state: "output-denied",
      approval: { approved: false, reason: "superseded by a new message" },
    });
  });
});
