// The chat message type against what the chat route really streams: a scripted model calls the read
// tools through the real chat handler (Local Clerk, PGlite), the stream is read back as ChatMessage by
// the AI SDK, and every tool output's keys are checked against its type's keys (required ones present,
// nothing untyped). The key tables are typed so they must list exactly the type's keys.

import { readUIMessageStream, type UIMessageChunk } from "ai";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { AUTOMATION_TOOL } from "@/lib/automations/chat-tool";
import type { ActionContext } from "@/lib/clerk/define-action";
import type { ActionName, actions } from "@/lib/clerk/registry";
import { setLogSink } from "@/lib/errors";
import type { BULK_JOB_TOOL } from "@/lib/jobs/bulk-tool";
import type { LocalClerkHandle } from "@/local-clerk/src/index";
import { seededAuth, sendChat, startChatFixture } from "@/test/support/agent/chat-fixture";
import { lastIsToolResult, scriptedModel } from "@/test/support/agent/scripted-model";
import { readUIChunks } from "@/test/support/agent/ui-stream";
import type { TestDatabase } from "@/test/support/db";
import type {
  ApprovalCardData,
  ChatMessage,
  ChatToolName,
  ChatToolOutput,
  ChatTools,
  ModelProjection,
  ToolError,
} from "./chat-message";

type Ok<N extends ChatToolName> = Exclude<ChatToolOutput<N>, ToolError>;
/** Every key of T, marked as the type declares it; a table of this type must list exactly T's keys. */
type KeyTable<T> = { [K in keyof T]-?: object extends Pick<T, K> ? "optional" : "required" };
type Item<T> = T extends readonly (infer E)[] ? E : never;

const USER: KeyTable<Ok<"getUser">> = {
  id: "required",
  first_name: "optional",
  last_name: "optional",
  primary_email: "optional",
  email_addresses: "optional",
  created_at: "required",
  updated_at: "required",
  last_sign_in_at: "optional",
  last_active_at: "optional",
  banned: "required",
  locked: "required",
  public_metadata: "required",
  private_metadata: "required",
  unsafe_metadata: "required",
};
const USER_LIST: KeyTable<Ok<"listUsers">> = { users: "optional", total_count: "required" };
const COUNT: KeyTable<Ok<"countUsers">> = { total_count: "required" };
const SESSION_LIST: KeyTable<Ok<"listSessions">> = { sessions: "optional", total_count: "required" };
const SESSION: KeyTable<Item<Ok<"listSessions">["sessions"]>> = {
  id: "required",
  user_id: "required",
  client_id: "required",
  status: "required",
  last_active_at: "required",
  expire_at: "required",
  abandon_at: "required",
  created_at: "required",
  updated_at: "required",
  latest_activity: "optional",
};

function expectKeys(value: unknown, table: Record<string, "required" | "optional">) {
  expect(value).toBeTypeOf("object");
  const keys = Object.keys(value as object);
  expect(
    keys.filter((k) => !(k in table)),
    "keys the type does not declare",
  ).toEqual([]);
  const required = Object.keys(table).filter((k) => table[k] === "required");
  expect(
    required.filter((k) => !keys.includes(k)),
    "required keys missing",
  ).toEqual([]);
}

describe("ChatMessage types", () => {
  it("names every registry action, the bulk tool and the automation tool, with the actions' own input types", () => {
    expectTypeOf<ChatToolName>().toEqualTypeOf<ActionName | typeof BULK_JOB_TOOL | typeof AUTOMATION_TOOL>();
    expectTypeOf<ChatTools["updateUserMetadata"]["input"]>().toEqualTypeOf<
      z.output<(typeof actions)["updateUserMetadata"]["input"]>
    >();
    expectTypeOf<ChatTools["listUsers"]["input"]>().toEqualTypeOf<
      z.output<(typeof actions)["listUsers"]["input"]>
    >();
  });

  it("reads may answer a ToolError, writes may not (their refusals are error parts)", () => {
    expectTypeOf<ToolError>().toExtend<ChatToolOutput<"getUser">>();
    expectTypeOf<ToolError>().not.toExtend<ChatToolOutput<"banUser">>();
    expectTypeOf<ChatToolOutput<"banUser">>().toEqualTypeOf<
      ModelProjection<Awaited<ReturnType<(typeof actions)["banUser"]["run"]>>>
    >();
  });

  it("types the data-approval part and private metadata as the model projection shows it", () => {
    type DataPart = Extract<ChatMessage["parts"][number], { type: "data-approval" }>;
    expectTypeOf<DataPart["data"]>().toEqualTypeOf<ApprovalCardData>();
    expectTypeOf<"[hidden]">().toExtend<Ok<"getUser">["private_metadata"]>();
    expectTypeOf<ModelProjection<{ at: Date; n: number | null }>>().toEqualTypeOf<{
      at: string;
      n?: number;
    }>();
  });
});

describe("ChatMessage against the chat route's stream", () => {
  let lc: LocalClerkHandle;
  let tdb: TestDatabase;
  let ctx: ActionContext;
  let restoreLog: () => void;

  beforeAll(async () => {
    restoreLog = setLogSink(() => {});
    ({ lc, tdb, ctx } = await startChatFixture(3));
  });
  afterAll(async () => {
    restoreLog?.();
    await Promise.all([lc?.stop(), tdb?.destroy()]);
  });

  it("every read tool's output has its type's required keys and no undeclared key", async () => {
    // A sparse user (no names, never signed in) with one session: the members compaction drops.
    const sparse = await ctx.clerk.users.createUser({ emailAddress: [`sparse-${Date.now()}@example.com`] });
    await ctx.clerk.sessions.createSession({ userId: sparse.id });
    let offered: string[] = [];
    const model = scriptedModel((prompt, tools) => {
      offered = tools;
      if (lastIsToolResult(prompt)) return { text: "done" };
      return {
        calls: [
          { toolName: "getUser", input: { user_id: sparse.id } },
          { toolName: "listUsers", input: { email_address: "nobody-at-all@example.com" } },
          { toolName: "countUsers", input: {} },
          { toolName: "listSessions", input: { user_id: sparse.id } },
        ],
      };
    });
    const res = await sendChat({
      auth: seededAuth(lc, "admin@example.com", "admin"),
      body: { chatId: "typed_outputs", message: { text: "look up" } },
      db: tdb.db,
      ctx: ctx,
      model,
      modelInfo: { id: "scripted", label: "scripted", kind: "test" },
    });
    expect(res.status).toBe(200);
    const chunks = await readUIChunks(res);
    let message: ChatMessage | undefined;
    for await (const m of readUIMessageStream<ChatMessage>({
      stream: new ReadableStream<UIMessageChunk>({
        start(c) {
          for (const chunk of chunks) c.enqueue(chunk as UIMessageChunk);
          c.close();
        },
      }),
    }))
      message = m;

    const registry: ActionName[] = ["getUser", "listUsers", "countUsers", "listSessions", "banUser"];
    expect(offered).toEqual(expect.arrayContaining(registry));
    const seen: string[] = [];
    for (const part of message?.parts ?? []) {
      if (!("state" in part) || part.state !== "output-available") continue;
      seen.push(part.type);
      switch (part.type) {
        case "tool-getUser": {
          expectKeys(part.output, USER);
          expect(part.output).toMatchObject({ id: sparse.id, private_metadata: "[hidden]" });
          // The optional members really are absent for such a user, so the card must not assume them.
          expect(Object.keys(part.output)).not.toContain("first_name");
          expect(Object.keys(part.output)).not.toContain("last_name");
          break;
        }
        case "tool-listUsers":
          expectKeys(part.output, USER_LIST);
          expect(part.output).toEqual({ total_count: 0 });
          break;
        case "tool-countUsers":
          expectKeys(part.output, COUNT);
          break;
        case "tool-listSessions": {
          expectKeys(part.output, SESSION_LIST);
          const sessions = "sessions" in part.output ? (part.output.sessions ?? []) : [];
          expect(sessions).toHaveLength(1);
          for (const s of sessions) expectKeys(s, SESSION);
          break;
        }
      }
    }
    expect(seen.sort()).toEqual(["tool-countUsers", "tool-getUser", "tool-listSessions", "tool-listUsers"]);
  });
});
