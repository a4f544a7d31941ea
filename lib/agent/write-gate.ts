import type { TextStreamPart, ToolSet, UIMessageStreamWriter } from "ai";
import { attachAudit, claimApprovedCall, recordProposal } from "@/lib/approvals/approvals";
import { withAudit } from "@/lib/audit/audit";
import type { Db } from "@/lib/db/client";
import { type PublicError, toPublicError } from "@/lib/errors";
import type { AgentAction, AgentAuth, AgentTarget } from "./action-types";
import type { ApprovalPreview } from "./clerk-actions";
import type { WriteGate } from "./tools";

export class WriteRefusedError extends Error {
  override name = "WriteRefusedError";
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export function targetOf<Ctx>(action: AgentAction<Ctx>, input: unknown): AgentTarget | null {
  try {
    const t = action.target?.(input);
    if (!t) return null;
    return typeof t === "string" ? { type: "user", id: t, label: null } : t;
  } catch {
    return null;
  }
}

export interface GateContext<Ctx> {
  db: Db;
  auth: AgentAuth;
  chatId: string;
  ctx: Ctx;
  prompt: string | null;
  now?: () => Date;
}

/** The only path from a write tool to Clerk: claim the bound approval, then run the action under audit. */
export function createWriteGate<Ctx>(g: GateContext<Ctx>): WriteGate<Ctx> {
  return async (action, input, { toolCallId }) => {
    let before: unknown = null;
    const outcome = await claimApprovedCall(g.db, {
      auth: g.auth,
      chatId: g.chatId,
      toolCallId,
      toolName: action.name,
      input,
      validate: (candidate) => action.input.safeParse(candidate).success,
      readTarget: async () => {
        before = action.snapshot ? await action.snapshot(input, g.ctx) : null;
        return before;
      },
      ...(g.now ? { now: g.now() } : {}),
    });
    if (!outcome.ok) throw new WriteRefusedError(`Refused: ${outcome.message}`, outcome.code);
    const approval = outcome.row;
    const target = targetOf(action, input);
    return withAudit(
      {
        actorUserId: g.auth.userId,
        actorEmail: g.auth.email,
        source: "agent",
        chatId: g.chatId,
        prompt: g.prompt,
        action: action.name,
        arguments: input,
        targetType: target?.type ?? "user",
        targetId: target?.id ?? null,
        targetLabel: target?.label ?? approval.targetLabel ?? null,
        before,
        approvalId: approval.id,
        approverUserId: approval.decidedBy,
        after: (result) => result,
      },
      async (auditId) => {
        await attachAudit(g.db, approval.id, auditId);
        return action.run(input, g.ctx);
      },
      g.db,
    );
  };
}

export interface ApprovalCardData {
  approvalId: string;
  toolCallId: string;
  toolName: string;
  title: string;
  target: AgentTarget | null;
  args: unknown;
  /** null for an action without a preview; `error` when the target's current state could not be read. */
  preview: ApprovalPreview | { error: PublicError } | null;
  targetSummary: { name: string | null; email: string | null } | null;
  expiresAt: string;
}

/**
 * Sits between streamText and the UI stream: every approval request is bound in the store (with the
 * target's before-state) before the client can see its card, and the card's data goes to the UI only.
 */
export function proposalTap<Ctx>(opts: {
  gate: GateContext<Ctx>;
  actionsByName: ReadonlyMap<string, AgentAction<Ctx>>;
  writer: UIMessageStreamWriter;
  ttlSeconds: number;
}): TransformStream<TextStreamPart<ToolSet>, TextStreamPart<ToolSet>> {
  return new TransformStream({
    async transform(part, controller) {
      if (part.type === "tool-approval-request" && !part.isAutomatic) {
        const { toolCall, approvalId } = part;
        const action = opts.actionsByName.get(toolCall.toolName);
        if (!action) throw new Error(`approval requested for unknown tool ${toolCall.toolName}`);
        let snapshot: unknown = null;
        let preview: ApprovalCardData["preview"] = null;
        try {
          snapshot = action.snapshot ? await action.snapshot(toolCall.input, opts.gate.ctx) : null;
          preview = action.preview ? action.preview(toolCall.input, snapshot) : null;
        } catch (err) {
          preview = { error: toPublicError(err) };
        }
        const summary = action.describe ? await action.describe(toolCall.input, opts.gate.ctx) : null;
        const bare = targetOf(action, toolCall.input);
        const target = bare
          ? { ...bare, label: bare.label ?? summary?.email ?? summary?.name ?? null }
          : null;
        const now = opts.gate.now?.() ?? new Date();
        const row = await recordProposal(opts.gate.db, {
          approvalId,
          auth: opts.gate.auth,
          chatId: opts.gate.chatId,
          toolCallId: toolCall.toolCallId,
          toolName: toolCall.toolName,
          args: toolCall.input,
          target,
          snapshot,
          preview,
          now,
          ttlSeconds: opts.ttlSeconds,
        });
        const data: ApprovalCardData = {
          approvalId,
          toolCallId: toolCall.toolCallId,
          toolName: toolCall.toolName,
          title: action.title,
          target,
          args: toolCall.input,
          preview,
          targetSummary: summary,
          expiresAt: row.expiresAt.toISOString(),
        };
        opts.writer.write({ type: "data-approval", id: approvalId, data });
      }
      controller.enqueue(part);
    },
  });
}
