import type { LanguageModelV4 } from "@ai-sdk/provider";
import {
  convertToModelMessages,
  createIdGenerator,
  createUIMessageStream,
  createUIMessageStreamResponse,
  isStepCount,
  streamText,
  toUIMessageStream,
  type UIMessage,
} from "ai";
import {
  approvalStatusFor,
  approvalTtlSeconds,
  checkDecision,
  decideApproval,
  supersedePending,
} from "@/lib/approvals/approvals";
import type { Actor } from "@/lib/auth/policy";
import type { AutomationProposal } from "@/lib/automations/chat-tool";
import { type ActionContext, consoleOnlyReason } from "@/lib/clerk/define-action";
import { getAction } from "@/lib/clerk/registry";
import type { Db } from "@/lib/db/client";
import { AppError, logger, toHttpResponse, toPublicError } from "@/lib/errors";
import type { BulkJobProposal } from "@/lib/jobs/bulk-tool";
import { decidedElsewhere } from "./card-outcomes";
import { type ChatRequest, chatRequestSchema } from "./chat-request";
import { createChat, findOwnChat, loadMessages, saveMessages } from "./chat-store";
import { chatIdHandles } from "./id-handles";
import { withIdHandles } from "./id-handles-chat";
import { agentInstructions } from "./instructions";
import { MODEL_NOT_CONFIGURED } from "./model-status";
import { buildAgentTools } from "./tools";
import {
  applyAnswers,
  applyOutcomes,
  closeUnanswered,
  lastAssistant,
  lastUserText,
  pendingApprovalIds,
} from "./transcript";
import { withUniqueToolCallIds } from "./unique-tool-call-ids";
import { createWriteGate, type GateContext, proposalTap } from "./write-gate";

export const MAX_AGENT_STEPS = 8;
const messageId = createIdGenerator({ prefix: "msg", size: 20 });

export interface ModelInfo {
  id: string;
  label: string;
  kind: string;
}

export interface ChatHandlerDeps {
  auth: Actor;
  body: unknown;
  db: Db;
  /** Passed to every action (e.g. the Clerk client). */
  ctx: ActionContext;
  /** Admins' bulk tool (plans a job; nothing is written until the plan is approved). */
  proposeBulkJob?: (input: unknown) => Promise<BulkJobProposal>;
  /** Admins' automation tool (saves a disabled rule with its dry run; enabled only from its card). */
  proposeAutomation?: (input: unknown) => Promise<AutomationProposal>;
  model: LanguageModelV4;
  modelInfo: ModelInfo;
  approvalSecret: string | undefined;
  allowPrivateMetadata: boolean;
  signal?: AbortSignal;
  ttlSeconds?: number;
  now?: () => Date;
}

/** The chat route without Next: authorization, store, approvals and the model loop. */
export async function handleChatRequest(deps: ChatHandlerDeps): Promise<Response> {
  try {
    return await handle(deps);
  } catch (err) {
    if (!(err instanceof AppError)) logger.error("agent.chat_failed", { error: err });
    return toHttpResponse(err);
  }
}

async function handle(deps: ChatHandlerDeps): Promise<Response> {
  const { auth, db } = deps;
  if (auth.role === "none") throw new AppError("forbidden", "Your account has no console role.");
  if (deps.modelInfo.kind === "unconfigured") throw new AppError("not_configured", MODEL_NOT_CONFIGURED);
  if (!deps.approvalSecret || deps.approvalSecret.length < 32)
    throw new AppError(
      "internal",
      "TOOL_APPROVAL_SECRET must be set (at least 32 characters) to use the agent.",
    );
  const parsed = chatRequestSchema.safeParse(deps.body);
  if (!parsed.success) {
    throw new AppError(
      "bad_request",
      `Invalid chat request: ${parsed.error.issues.map((i) => i.message).join("; ")}`,
    );
  }
  const request = parsed.data;
  const now = deps.now ?? (() => new Date());

  let chat = await findOwnChat(db, request.chatId, auth.userId);
  let created = false;
  if (!chat && "message" in request) {
    const made = await createChat(db, {
      id: request.chatId,
      adminUserId: auth.userId,
      title: request.message.text,
      model: deps.modelInfo.label,
    });
    chat = made?.chat ?? null;
    created = made?.created ?? false;
  }
  if (!chat) {
    logger.warn("agent.chat_not_found", { chatId: request.chatId, adminUserId: auth.userId });
    throw AppError.notFound("Chat", request.chatId);
  }

  // A chat this request created has no messages and no approvals yet: nothing to load or supersede.
  let history = created ? [] : await loadMessages(db, chat.id);
  history = await applyRequest(deps, request, history, now, created);
  // The response continues the last assistant message or appends one; earlier rows never change.
  const persistFrom = Math.max(0, history.at(-1)?.role === "assistant" ? history.length - 1 : history.length);

  const gate: GateContext = {
    db,
    auth,
    chatId: chat.id,
    ctx: deps.ctx,
    prompt: lastUserText(history),
    now,
  };
  // Learned before the history is converted: earlier results are shown with the same handles.
  const handles = chatIdHandles(history);
  const { tools, writeToolNames, refineToolInput } = buildAgentTools({
    auth,
    handles,
    ctx: { ...deps.ctx, actor: { userId: auth.userId, email: auth.email } },
    allowPrivateMetadata: deps.allowPrivateMetadata,
    writeGate: createWriteGate(gate),
    ...(deps.proposeBulkJob ? { proposeBulkJob: deps.proposeBulkJob } : {}),
    ...(deps.proposeAutomation ? { proposeAutomation: deps.proposeAutomation } : {}),
  });
  const chatId = chat.id;

  const result = streamText({
    model: withUniqueToolCallIds(withIdHandles(deps.model, handles)),
    instructions: agentInstructions({ role: auth.role, writeToolNames: [...writeToolNames] }),
    messages: await convertToModelMessages(history, { tools }),
    tools,
    experimental_refineToolInput: refineToolInput,
    toolApproval: async ({ toolCall }) => {
      if (!writeToolNames.has(toolCall.toolName)) return "not-applicable";
      const action = getAction(toolCall.toolName);
      const consoleOnly = action && consoleOnlyReason(action, toolCall.input);
      if (consoleOnly) return { type: "denied", reason: consoleOnly };
      // Re-run by the SDK before executing an approved call: anything but an approved binding is denied.
      const status = await approvalStatusFor(db, chatId, toolCall.toolCallId);
      if (status === null || status === "approved") return "user-approval";
      return { type: "denied", reason: `approval is ${status}` };
    },
    experimental_toolApprovalSecret: deps.approvalSecret,
    stopWhen: isStepCount(MAX_AGENT_STEPS),
    ...(deps.signal ? { abortSignal: deps.signal } : {}),
  });

  const stream = createUIMessageStream({
    originalMessages: history,
    generateId: messageId,
    execute: ({ writer }) => {
      const tapped = result.stream.pipeThrough(
        proposalTap({ gate, writer, ttlSeconds: deps.ttlSeconds ?? approvalTtlSeconds() }),
      );
      writer.merge(
        toUIMessageStream({
          stream: tapped,
          tools,
          messageMetadata: ({ part }) =>
            part.type === "start" ? { model: deps.modelInfo.label } : undefined,
        }),
      );
    },
    onError: (err) => toPublicError(err).message,
    onEnd: async ({ messages }) => {
      try {
        await saveMessages(db, chatId, messages, persistFrom);
      } catch (err) {
        logger.error("agent.persist_failed", { chatId, error: err });
      }
    },
  });
  return createUIMessageStreamResponse({
    stream,
    headers: { "x-agent-model": encodeURIComponent(deps.modelInfo.label), "Cache-Control": "no-store" },
  });
}

/** Folds the client's new message or answers into the stored history; persists before the model runs. */
async function applyRequest(
  deps: ChatHandlerDeps,
  request: ChatRequest,
  history: UIMessage[],
  now: () => Date,
  created: boolean,
): Promise<UIMessage[]> {
  const { db, auth } = deps;
  const chatId = request.chatId;
  if ("message" in request) {
    if (!created) await supersedePending(db, chatId, now());
    // Cards decided in the inbox meanwhile keep that decision (and its result); only the rest are abandoned.
    const decided = await decidedElsewhere(db, history, deps.allowPrivateMetadata);
    const next: UIMessage[] = [
      ...closeUnanswered(applyOutcomes(history, decided), "superseded by a new message"),
      { id: messageId(), role: "user", parts: [{ type: "text", text: request.message.text }] },
    ];
    // Only the last assistant message can hold open cards; everything before it is unchanged.
    await saveMessages(db, chatId, next, history.length - 1);
    return next;
  }
  if ("regenerate" in request) {
    let end = history.length;
    while (end > 0 && history[end - 1]?.role === "assistant") end -= 1;
    if (end === 0) throw new AppError("bad_request", "Nothing to retry yet.");
    await supersedePending(db, chatId, now());
    const next = history.slice(0, end);
    await saveMessages(db, chatId, next, end);
    return next;
  }

  const assistant = lastAssistant(history);
  const pending = new Set(pendingApprovalIds(assistant));
  const answers = new Map(request.approvals.map((a) => [a.approvalId, a]));
  const log = { chatId, adminUserId: auth.userId };
  if (answers.size !== request.approvals.length) {
    logger.warn("agent.approval_refused", { ...log, code: "duplicate_answer" });
    throw new AppError("bad_request", "Each approval can be answered once.");
  }
  if (!assistant || pending.size === 0) {
    logger.warn("agent.approval_refused", { ...log, code: "nothing_pending", ids: [...answers.keys()] });
    throw AppError.conflict("There is no pending approval in this chat.");
  }
  for (const id of answers.keys()) {
    if (!pending.has(id)) {
      logger.warn("agent.approval_refused", { ...log, code: "not_pending_in_chat", approvalId: id });
      throw AppError.conflict("This approval is not pending in this chat.");
    }
  }
  if (answers.size !== pending.size)
    throw AppError.conflict("Answer every pending approval of this step at once.");
  for (const a of answers.values()) {
    const checked = await checkDecision(db, { ...a, auth, chatId, now: now() });
    if (!checked.ok) throw refusalError(checked.code, checked.message);
  }
  const decided = new Map<string, { approved: boolean; reason?: string | undefined }>();
  let failure: AppError | null = null;
  for (const a of answers.values()) {
    const outcome = await decideApproval(db, { ...a, auth, chatId, now: now() });
    if (outcome.ok) decided.set(a.approvalId, a);
    else failure ??= refusalError(outcome.code, outcome.message);
  }
  const updated = history.map((m) => (m === assistant ? applyAnswers(m, decided) : m));
  await saveMessages(db, chatId, updated, history.indexOf(assistant));
  if (failure) throw failure;
  return updated;
}

function refusalError(code: string, message: string): AppError {
  if (code === "forbidden") return new AppError("forbidden", message);
  if (code === "not_found" || code === "wrong_chat") return new AppError("not_found", message);
  return AppError.conflict(message);
}
