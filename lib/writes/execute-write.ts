// The one path from any surface to a Clerk write: claim the approval, write the audit intent, run the
// write once, record the outcome. Console, chat, inbox (MCP/REST proposals), bulk jobs and undo all
// come through here; an outcome lost on the way is settled later by ./reconcile.

import { attachAudit, claimApprovedCall, type RefusalCode } from "@/lib/approvals/approvals";
import { withAudit } from "@/lib/audit/audit";
import type { Actor, ConsoleRole } from "@/lib/auth/policy";
import {
  type ActionContext,
  type ActionOutput,
  runAction,
  type WriteAction,
} from "@/lib/clerk/define-action";
import { withReadRetry } from "@/lib/clerk/retry";
import type { Db } from "@/lib/db/client";
import type { ApprovalRow, AuditSource } from "@/lib/db/schema";

export class WriteRefusedError extends Error {
  override name = "WriteRefusedError";
  constructor(
    readonly code: RefusalCode,
    /** Why, in words for the admin (the message adds "Refused: "). */
    readonly reason: string,
  ) {
    super(`Refused: ${reason}`);
  }
}

export interface WriteRequest<A extends WriteAction> {
  db: Db;
  ctx: ActionContext;
  action: A;
  input: unknown;
  actor: Pick<Actor, "userId" | "email">;
  source: AuditSource;
  /**
   * A chat or inbox approval bound to this call: checked (role, binding, arguments, expiry, target
   * state) and claimed approved -> executed, once, before anything is written.
   */
  approval?: { chatId: string; toolCallId: string; role: ConsoleRole };
  /** An approval decided elsewhere (a bulk job's plan): recorded on the intent only. */
  decided?: { approvalId: string | null; approverUserId: string | null };
  /** The before-state the caller read (and showed); read here when absent. */
  before?: unknown;
  /** Refuse unless the target still equals this snapshot when the write runs (undo). */
  expectedSnapshot?: unknown;
  targetLabel?: string | null;
  chatId?: string | null;
  prompt?: string | null;
  undoOf?: string | null;
  onIntent?: (auditId: string) => void;
  now?: Date;
}

/** Intents of this process still waiting for Clerk: the reconciler leaves them alone. */
const inFlight = new Set<string>();

export function isInFlight(auditId: string): boolean {
  return inFlight.has(auditId);
}

async function claim<A extends WriteAction>(
  req: WriteRequest<A>,
): Promise<{ row: ApprovalRow; before: unknown }> {
  const bound = req.approval as NonNullable<WriteRequest<A>["approval"]>;
  let before: unknown = null;
  const outcome = await claimApprovedCall(req.db, {
    auth: { userId: req.actor.userId, email: req.actor.email, role: bound.role },
    chatId: bound.chatId,
    toolCallId: bound.toolCallId,
    toolName: req.action.name,
    input: req.input,
    validate: (candidate) => req.action.input.safeParse(candidate).success,
    readTarget: async () => {
      before = await req.action.snapshot(req.input, req.ctx);
      return before;
    },
    ...(req.now ? { now: req.now } : {}),
  });
  if (!outcome.ok) throw new WriteRefusedError(outcome.code, outcome.message);
  return { row: outcome.row, before };
}

/**
 * Runs one Clerk write under audit. Refusals (approval not claimable) throw WriteRefusedError before
 * anything is written; a failed write records its error and rethrows it unchanged (AppError).
 */
export async function executeWrite<A extends WriteAction>(
  req: WriteRequest<A>,
): Promise<{ auditId: string; result: ActionOutput<A> }> {
  const { action, input, db } = req;
  let approval: ApprovalRow | null = null;
  let before = req.before;
  if (req.approval) ({ row: approval, before } = await claim(req));
  else if (before === undefined)
    before = await withReadRetry(() => action.snapshot(input, req.ctx), { label: `${action.name}.snapshot` });
  const target = action.target(input);
  let auditId = "";
  const result = await withAudit<ActionOutput<A>>(
    {
      actorUserId: req.actor.userId,
      actorEmail: req.actor.email,
      source: req.source,
      chatId: req.chatId ?? (approval?.source === "agent" ? approval.chatId : null),
      prompt: req.prompt ?? null,
      action: action.name,
      arguments: input,
      targetType: target.type,
      targetId: target.id ?? null,
      targetLabel: req.targetLabel ?? approval?.targetLabel ?? target.email ?? null,
      before,
      approvalId: approval?.id ?? req.decided?.approvalId ?? null,
      approverUserId: approval?.decidedBy ?? req.decided?.approverUserId ?? null,
      undoOf: req.undoOf ?? null,
      after: (out) => out,
    },
    async (id) => {
      auditId = id;
      inFlight.add(id);
      req.onIntent?.(id);
      if (approval) await attachAudit(db, approval.id, id);
      return runAction<A>(action, input, req.ctx, { expectedSnapshot: req.expectedSnapshot }) as Promise<
        ActionOutput<A>
      >;
    },
    db,
  ).finally(() => inFlight.delete(auditId));
  return { auditId, result };
}
