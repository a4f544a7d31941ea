// Runs evaluation cases through the real chat handler (lib/agent) against one seeded Local Clerk (real
// HTTP server, real @clerk/backend client) and one real store (PGlite): every turn is a chat request,
// every approval an answer through the chat's approval path, exactly as the console's chat sends them.

import type { LanguageModelV4, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { handleChatRequest, type ModelInfo } from "@/lib/agent/chat-handler";
import type { Actor } from "@/lib/auth/policy";
import { actionContext } from "@/lib/clerk/action-context";
import { createClerkClientFor } from "@/lib/clerk/client";
import type { ActionContext } from "@/lib/clerk/define-action";
import { deleteConfirmationText } from "@/lib/clerk/delete-confirmation";
import { getAction } from "@/lib/clerk/registry";
import type { Db } from "@/lib/db/client";
import { chatBulkProposer, type ProposeJobFn } from "@/lib/jobs/bulk-tool";
import { CLERK_PROD_LIMIT, Pacer } from "@/lib/jobs/pacer";
import { planAndStoreJob } from "@/lib/jobs/propose";
import { LOCAL_SECRET_KEY, LOCAL_TOOL_APPROVAL_SECRET } from "@/local-clerk/src/app-env";
import { type LocalClerkHandle, startLocalClerk } from "@/local-clerk/src/index";
import { readUIChunks } from "@/test/support/agent/ui-stream";
import { useProcessTestStore as openProcessStore } from "@/test/support/db";
import { addFixture, addImpersonations } from "./fixture";

export interface EvalEnv {
  lc: LocalClerkHandle;
  db: Db;
  ctx: ActionContext;
  actors: Record<"admin" | "viewer", Actor>;
  /** The pace bulk jobs plan and run at (Local Clerk has no rate limit to pace to). */
  pacer: Pacer;
  /** What the console wires as the job service's proposeJob, on this store and Local Clerk. */
  proposeJob: ProposeJobFn;
  close(): Promise<void>;
}

/** Users Local Clerk seeds for the eval: enough for every filter to have matches, small enough to be quick. */
export const EVAL_SEED_USERS = 300;

export async function startEvalEnv(): Promise<EvalEnv> {
  const [lc, store] = await Promise.all([
    startLocalClerk({ port: 0, quiet: true, seedUsers: EVAL_SEED_USERS }),
    openProcessStore("pglite"),
  ]);
  addFixture(lc);
  const actor = (email: string, role: Actor["role"]): Actor => {
    const user = lc.state.users.findByEmail(email);
    if (!user) throw new Error(`Local Clerk did not seed ${email}`);
    return { userId: user.id, email, role };
  };
  const ctx = actionContext({
    clerk: createClerkClientFor({ apiUrl: lc.url, secretKey: LOCAL_SECRET_KEY }),
    db: store.db,
  });
  // Planning reads every target's before-state; this Local Clerk has no rate limit to pace to.
  const pacer = new Pacer(CLERK_PROD_LIMIT);
  const actors = {
    admin: actor("admin@example.com", "admin"),
    viewer: actor("viewer@example.com", "viewer"),
  };
  await addImpersonations(lc, store.db, ctx, actors.admin);
  return {
    lc,
    db: store.db,
    ctx,
    pacer,
    proposeJob: (job, proposer) => planAndStoreJob({ db: store.db, clerk: ctx.clerk, pacer }, job, proposer),
    actors,
    close: async () => {
      await store.close();
      await lc.stop();
    },
  };
}

export interface Usage {
  steps: number;
  inputTokens: number;
  outputTokens: number;
}

/** The model with its calls counted: each call is one agent step; usage is what the model reports. */
export function metered(model: LanguageModelV4, usage: Usage): LanguageModelV4 {
  const count = (u: { inputTokens: { total?: number }; outputTokens: { total?: number } }) => {
    usage.inputTokens += u.inputTokens.total ?? 0;
    usage.outputTokens += u.outputTokens.total ?? 0;
  };
  // Read off the model, not spread: provider SDK models are classes whose fields are getters.
  return {
    specificationVersion: model.specificationVersion,
    provider: model.provider,
    modelId: model.modelId,
    supportedUrls: model.supportedUrls,
    doGenerate: async (options) => {
      usage.steps += 1;
      const out = await model.doGenerate(options);
      count(out.usage);
      return out;
    },
    doStream: async (options) => {
      usage.steps += 1;
      const out = await model.doStream(options);
      const tap = new TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart>({
        transform(part, controller) {
          if (part.type === "finish") count(part.usage);
          controller.enqueue(part);
        },
      });
      return { ...out, stream: out.stream.pipeThrough(tap) };
    },
  };
}

export interface ToolCall {
  toolCallId: string;
  tool: string;
  input: Record<string, unknown>;
  output?: unknown;
  error?: string;
}

export interface Proposal {
  approvalId: string;
  tool: string;
  args: Record<string, unknown>;
  /** What the card asks the admin to type before approving (a delete: the user's email, or id). */
  confirm?: string;
}

export interface TurnResult {
  text: string;
  calls: ToolCall[];
  proposals: Proposal[];
  /** Backend API writes (non-GET requests) Local Clerk received during the turn. */
  writes: number;
  error?: string;
}

export function writesSince(lc: LocalClerkHandle, seq: number): number {
  return lc.requestLog.list().filter((e) => e.seq > seq && e.method !== "GET").length;
}

export function lastSeq(lc: LocalClerkHandle): number {
  return lc.requestLog.list().at(-1)?.seq ?? 0;
}

/** Reads one chat response: the answer, the tool calls with their outputs, the approval cards. */
function readTurn(chunks: Record<string, unknown>[]): Omit<TurnResult, "writes"> {
  const calls = new Map<string, ToolCall>();
  const proposals: Proposal[] = [];
  let text = "";
  for (const c of chunks) {
    const id = String(c.toolCallId ?? "");
    if (c.type === "tool-input-available") {
      calls.set(id, {
        toolCallId: id,
        tool: String(c.toolName),
        input: (c.input ?? {}) as ToolCall["input"],
      });
    } else if (c.type === "tool-output-available") {
      const call = calls.get(id);
      if (call) call.output = c.output;
    } else if (c.type === "tool-output-error" || c.type === "tool-input-error") {
      const call = calls.get(id);
      if (call) call.error = String(c.errorText ?? "error");
    } else if (c.type === "data-approval") {
      const data = c.data as {
        approvalId: string;
        toolName: string;
        args: Record<string, unknown>;
        target?: { id?: string | null } | null;
        targetSummary?: { email?: string | null } | null;
      };
      proposals.push({
        approvalId: data.approvalId,
        tool: data.toolName,
        args: data.args ?? {},
        ...(data.toolName === "deleteUser"
          ? { confirm: deleteConfirmationText(data.targetSummary?.email, data.target?.id ?? "") }
          : {}),
      });
    } else if (c.type === "text-delta") {
      text += String(c.delta);
    } else if (c.type === "error") {
      text += `\n[error] ${String(c.errorText)}`;
    }
  }
  return { text, calls: [...calls.values()], proposals };
}

export interface ChatSession {
  env: EvalEnv;
  chatId: string;
  model: LanguageModelV4;
  modelInfo: ModelInfo;
}

async function post(s: ChatSession, auth: Actor, body: unknown): Promise<Omit<TurnResult, "writes">> {
  const res = await handleChatRequest({
    auth,
    body,
    db: s.env.db,
    ctx: s.env.ctx,
    ...(auth.role === "admin"
      ? { proposeBulkJob: chatBulkProposer(auth.userId, s.env.ctx, s.env.proposeJob) }
      : {}),
    model: s.model,
    modelInfo: s.modelInfo,
    approvalSecret: LOCAL_TOOL_APPROVAL_SECRET,
    allowPrivateMetadata: false,
  });
  if (res.status !== 200) {
    return { text: "", calls: [], proposals: [], error: `chat answered ${res.status}: ${await res.text()}` };
  }
  return readTurn(await readUIChunks(res));
}

/** One admin message; writes counted until the answer (none may happen: nothing is approved yet). */
export async function say(s: ChatSession, auth: Actor, text: string): Promise<TurnResult> {
  const seq = lastSeq(s.env.lc);
  const turn = await post(s, auth, { chatId: s.chatId, message: { text } });
  return { ...turn, writes: writesSince(s.env.lc, seq) };
}

/** Answers every pending card at once, as the chat's Approve / Deny buttons do. */
export async function answer(
  s: ChatSession,
  auth: Actor,
  proposals: Proposal[],
  approved: boolean,
): Promise<TurnResult> {
  const seq = lastSeq(s.env.lc);
  const turn = await post(s, auth, {
    chatId: s.chatId,
    // As the chat's card: a delete is approved with the user's email typed.
    approvals: proposals.map((p) => ({
      approvalId: p.approvalId,
      approved,
      ...(approved && p.confirm !== undefined ? { confirm: p.confirm } : {}),
    })),
  });
  return { ...turn, writes: writesSince(s.env.lc, seq) };
}

/** Whether a proposal is a write the registry knows, or the bulk tool. */
export function isWriteTool(name: string): boolean {
  return name === "proposeBulkJob" || getAction(name)?.kind === "write";
}
