import { type ChatHandlerDeps, handleChatRequest } from "@/lib/agent/chat-handler";
import { createOfflineModel, OFFLINE_MODEL_ID } from "@/lib/agent/offline-model/offline-model";
import type { Actor } from "@/lib/auth/policy";
import { actionContext } from "@/lib/clerk/action-context";
import { createClerkClientFor } from "@/lib/clerk/client";
import type { ActionContext } from "@/lib/clerk/define-action";
import { LOCAL_SECRET_KEY, LOCAL_TOOL_APPROVAL_SECRET } from "@/local-clerk/src/app-env";
import { type LocalClerkHandle, startLocalClerk } from "@/local-clerk/src/index";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { approvalIdsOf, readUIChunks } from "./ui-stream";

/** What the chat handler runs on in tests: a seeded in-process Local Clerk, a PGlite store, a client. */
export async function startChatFixture(seedUsers: number): Promise<{
  lc: LocalClerkHandle;
  tdb: TestDatabase;
  ctx: ActionContext;
}> {
  const [lc, tdb] = await Promise.all([
    startLocalClerk({ port: 0, quiet: true, seedUsers }),
    createTestDatabase("pglite"),
  ]);
  return {
    lc,
    tdb,
    ctx: actionContext({ clerk: createClerkClientFor({ apiUrl: lc.url, secretKey: LOCAL_SECRET_KEY }) }),
  };
}

/** The agent identity of a seeded Local Clerk user (an empty id when the email is not seeded). */
export function seededAuth(lc: LocalClerkHandle, email: string, role: Actor["role"]): Actor {
  return { userId: lc.state.users.findByEmail(email)?.id ?? "", email, role };
}

type ChatCall = Omit<ChatHandlerDeps, "actions" | "approvalSecret" | "allowPrivateMetadata"> &
  Partial<Pick<ChatHandlerDeps, "allowPrivateMetadata">>;

/** The chat handler over the console's agent actions, signed with Local Clerk's approval secret. */
export function sendChat(call: ChatCall): Promise<Response> {
  return handleChatRequest({
    approvalSecret: LOCAL_TOOL_APPROVAL_SECRET,
    allowPrivateMetadata: false,
    ...call,
  });
}

/** One turn with the built-in offline model: the UI chunks, the streamed text and the approval ids. */
export async function sendOfflineChat(call: Pick<ChatCall, "auth" | "body" | "db" | "ctx">) {
  const res = await sendChat({
    ...call,
    model: createOfflineModel(),
    modelInfo: { id: OFFLINE_MODEL_ID, label: "Built-in offline model", kind: "offline" },
  });
  if (res.status !== 200) throw new Error(`chat answered ${res.status}: ${await res.text()}`);
  const chunks = await readUIChunks(res);
  const text = chunks
    .filter((c) => c.type === "text-delta")
    .map((c) => String(c.delta))
    .join("");
  return { chunks, text, approvalIds: approvalIdsOf(chunks) };
}
