import type { TextStreamPart, ToolSet, UIMessageStreamWriter } from "ai";
import { recordProposal } from "@/lib/approvals/approvals";
import { inboxCard } from "@/lib/approvals/inbox-queries";
import { prepareCard } from "@/lib/approvals/proposal";
import type { Actor } from "@/lib/auth/policy";
import type { ActionContext } from "@/lib/clerk/define-action";
import { getAction } from "@/lib/clerk/registry";
import type { Db } from "@/lib/db/client";
import { executeWrite } from "@/lib/writes/execute-write";
import type { WriteGate } from "./tools";

export interface GateContext {
  db: Db;
  auth: Actor;
  chatId: string;
  ctx: ActionContext;
  prompt: string | null;
  now?: () => Date;
}

/** A write tool's call runs through the write executor under the approval bound to this chat and call. */
export function createWriteGate(g: GateContext): WriteGate {
  return async (action, input, { toolCallId }) => {
    const { result } = await executeWrite({
      db: g.db,
      ctx: g.ctx,
      action,
      input,
      actor: g.auth,
      source: "agent",
      approval: { chatId: g.chatId, toolCallId, role: g.auth.role },
      chatId: g.chatId,
      prompt: g.prompt,
      ...(g.now ? { now: g.now() } : {}),
    });
    return result;
  };
}

/**
 * Sits between streamText and the UI stream: every approval request is bound in the store (with the
 * target's before-state) before the client can see its card, and the card's data goes to the UI only.
 */
export function proposalTap(opts: {
  gate: GateContext;
  writer: UIMessageStreamWriter;
  ttlSeconds: number;
}): TransformStream<TextStreamPart<ToolSet>, TextStreamPart<ToolSet>> {
  return new TransformStream({
    async transform(part, controller) {
      if (part.type === "tool-approval-request" && !part.isAutomatic) {
        const { toolCall, approvalId } = part;
        const action = getAction(toolCall.toolName);
        if (action?.kind !== "write")
          throw new Error(`approval requested for unknown tool ${toolCall.toolName}`);
        const card = await prepareCard(action, toolCall.input, opts.gate.ctx, { tolerant: true });
        const row = await recordProposal(opts.gate.db, {
          approvalId,
          auth: opts.gate.auth,
          chatId: opts.gate.chatId,
          toolCallId: toolCall.toolCallId,
          toolName: toolCall.toolName,
          args: toolCall.input,
          target: card.target,
          snapshot: card.snapshot,
          preview: { ...card.preview, targetSummary: card.summary },
          now: opts.gate.now?.() ?? new Date(),
          ttlSeconds: opts.ttlSeconds,
        });
        const data = inboxCard(row, action.title);
        opts.writer.write({ type: "data-approval", id: approvalId, data });
      }
      controller.enqueue(part);
    },
  });
}
