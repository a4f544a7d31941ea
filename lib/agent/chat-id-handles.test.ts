import type { LanguageModelV4Prompt } from "@ai-sdk/provider";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import type { ActionContext } from "@/lib/clerk/define-action";
import { approvals, auditLog } from "@/lib/db/schema";
import { setLogSink } from "@/lib/errors";
import type { LocalClerkHandle } from "@/local-clerk/src/index";
import { seededAuth, sendChat, startChatFixture } from "@/test/support/agent/chat-fixture";
import { userCommandsModel } from "@/test/support/agent/scripted-model";
import { approvalIdsOf, readUIChunks } from "@/test/support/agent/ui-stream";
import type { TestDatabase } from "@/test/support/db";
import { handleOf } from "./id-handles";

// A chat where the model names a record by the handle it read: the approval, its card, the audit and
// the write hold the real id; a handle of no record in the chat is refused before anything is proposed.

let lc: LocalClerkHandle;
let tdb: TestDatabase;
let ctx: ActionContext;
let admin: Actor;
let targetId: string;
let strangerId: string;

const model = userCommandsModel();

beforeAll(async () => {
  setLogSink(() => {});
  ({ lc, tdb, ctx } = await startChatFixture(30));
  admin = seededAuth(lc, "admin@example.com", "admin");
  const { data } = await ctx.clerk.users.getUserList({ limit: 30 });
  targetId =
    data.find((u) => u.emailAddresses.some((e) => e.emailAddress === "member@example.com"))?.id ?? "";
  strangerId = data.find((u) => u.id !== targetId && handleOf(u.id) !== handleOf(targetId))?.id ?? "";
});
afterAll(async () => {
  await Promise.all([lc?.stop(), tdb?.destroy()]);
});

function send(body: unknown) {
  return sendChat({
    auth: admin,
    body,
    db: tdb.db,
    ctx,
    model,
    modelInfo: { id: "scripted", label: "Scripted test model", kind: "offline" },
  });
}

const writes = () => lc.requestLog.list().filter((e) => e.method !== "GET");

/** What the model read of tool calls and results (the admin's own words aside). */
function promptText(prompt: LanguageModelV4Prompt | undefined): string {
  return JSON.stringify((prompt ?? []).filter((m) => m.role === "assistant" || m.role === "tool"));
}

describe("id handles in a chat", () => {
  it("shows the model handles, resolves the one it passes to a write, and binds the real id", async () => {
    const chatId = "chat_handles_1";
    await readUIChunks(await send({ chatId, message: { text: `show ${targetId}` } }));
    const read = promptText(model.prompts.at(-1));
    expect(read).toContain(handleOf(targetId));
    expect(read).not.toContain(targetId);

    const handle = handleOf(targetId);
    const before = writes().length;
    const chunks = await readUIChunks(
      await send({ chatId, message: { text: `set plan=handled for ${handle}` } }),
    );
    const [approvalId] = approvalIdsOf(chunks);
    expect(approvalId).toBeTruthy();
    const card = chunks.find((c) => c.type === "data-approval") as { data: Record<string, unknown> };
    expect(card.data).toMatchObject({ toolName: "updateUserMetadata", args: { user_id: targetId } });
    const [row] = await tdb.db
      .select()
      .from(approvals)
      .where(eq(approvals.id, approvalId ?? ""));
    expect(row?.args).toMatchObject({ user_id: targetId });
    const call = chunks.find((c) => c.type === "tool-input-available") as { input: unknown };
    expect(call.input).toMatchObject({ user_id: targetId });
    // The model reads its own call back with the handle it wrote.
    expect(promptText(model.prompts.at(-1))).not.toContain(targetId);
    expect(writes().length).toBe(before);

    await readUIChunks(await send({ chatId, approvals: [{ approvalId, approved: true }] }));
    expect((await ctx.clerk.users.getUser(targetId)).publicMetadata.plan).toBe("handled");
    expect(writes().length).toBe(before + 1);
    const [audit] = await tdb.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.approvalId, approvalId ?? ""));
    expect(audit?.targetId).toBe(targetId);
  });

  it("refuses a handle of a record the chat never showed: no approval, nothing written", async () => {
    const chatId = "chat_handles_2";
    await readUIChunks(await send({ chatId, message: { text: `show ${targetId}` } }));
    const stranger = handleOf(strangerId);
    const before = writes().length;
    const chunks = await readUIChunks(
      await send({ chatId, message: { text: `set plan=wrong for ${stranger}` } }),
    );
    expect(approvalIdsOf(chunks)).toEqual([]);
    const error = chunks.find((c) => c.type === "tool-input-error") as { errorText: string };
    expect(error.errorText).toContain(`${stranger} is not a record from this chat; pass the full id.`);
    const bound = await tdb.db.select().from(approvals).where(eq(approvals.chatId, chatId));
    expect(bound).toEqual([]);
    expect(writes().length).toBe(before);
    expect((await ctx.clerk.users.getUser(strangerId)).publicMetadata.plan).not.toBe("wrong");
  });
});
