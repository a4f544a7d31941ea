// The one path from any surface to a Clerk write: claim the approval, write the audit intent, run the
// write once, record the outcome. Console, chat, inbox (MCP/REST proposals), bulk jobs and undo all
// come through here; an outcome lost on the way is settled later by ./reconcile.

import { attachAudit, claimApprovedCall, type RefusalCode } from "@/lib/approvals/approvals";
import { withAudit } from "@/lib/audit/audit";
import type { Actor, ConsoleRole } from "@/lib/auth/policy";
import {
  type ActionContext,
  type ActionOutput,
  preWriteRead,
  runAction,
  sameState,
  staleTargetError,
  type TargetRef,
  type WriteAction,
  withoutSecrets,
} from "@/lib/clerk/define-action";
import type { Db } from "@/lib/db/client";
import type { ApprovalRow, AuditSource } from "@/lib/db/schema";
import { type TargetLockOptions, targetLockKey, withTargetLock } from "./target-lock";

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
  /**
   * The state the caller read (and showed). Under the target's lock the target is read again; the write
   * is refused as a conflict (`details.reason: "stale_target"`, `details.current`) unless it still equals
   * this, and the audit's `before` is that fresh read.
   */
  before?: unknown;
  /** The snapshot that was approved (undo, a job's plan), when it is not `before`: the same check. */
  expectedSnapshot?: unknown;
  /** Where the re-read under the lock goes when not through `ctx` (a job's ungated, paced client). */
  readCtx?: ActionContext;
  lock?: TargetLockOptions;
  targetLabel?: string | null;
  chatId?: string | null;
  prompt?: string | null;
  undoOf?: string | null;
  /** An automation's write: the rule and the webhook event (svix-id) that fired it, kept in the audit. */
  automation?: { ruleId: string; eventId: string };
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

/** The target as it is now, read under the lock; refused unless it is still the state the caller expects. */
async function rereadUnderLock<A extends WriteAction>(req: WriteRequest<A>): Promise<unknown> {
  const { action, input } = req;
  const ctx = req.readCtx ?? req.ctx;
  const current = await preWriteRead(() => action.snapshot(input, ctx), `${action.name}.snapshot`);
  const expected = req.expectedSnapshot !== undefined ? req.expectedSnapshot : req.before;
  if (expected !== undefined && !sameState(action, current, expected))
    throw staleTargetError(action, input, current);
  return current;
}

/**
 * Runs one Clerk write under audit, holding the target's write lock (lib/writes/target-lock) from the
 * re-read to the recorded outcome, so two writers of one target (two admins, a chat and a job, two
 * instances) go one after the other and the second sees what the first did. Refusals (approval not
 * claimable, target changed since the caller read it, target busy) throw before anything is written;
 * a failed write records its error and rethrows it unchanged (AppError).
 */
export async function executeWrite<A extends WriteAction>(
  req: WriteRequest<A>,
): Promise<{ auditId: string; result: ActionOutput<A> }> {
  let key: string | null = null;
  try {
    key = targetLockKey(req.action.target(req.input));
  } catch {
    // Input too malformed to name a target: the claim or the re-read refuses it before any write.
  }
  if (!key) return writeOnce(req);
  return withTargetLock(req.db, key, () => writeOnce(req), req.lock);
}

/** The input's id, or for a write named otherwise (an email) the id the checked snapshot resolved. */
function auditTargetId(action: WriteAction, target: TargetRef, before: unknown): string | null {
  if (target.id) return target.id;
  if (before === null || before === undefined || !action.snapshotId) return null;
  return action.snapshotId(before);
}

async function writeOnce<A extends WriteAction>(
  req: WriteRequest<A>,
): Promise<{ auditId: string; result: ActionOutput<A> }> {
  const { action, input, db } = req;
  // The re-read and the write share their reads (the block-list is fetched once), fresh for this write.
  const shared = new Map<string, Promise<unknown>>();
  req = {
    ...req,
    ctx: { ...req.ctx, sharedReads: shared },
    ...(req.readCtx ? { readCtx: { ...req.readCtx, sharedReads: shared } } : {}),
  };
  let approval: ApprovalRow | null = null;
  let before: unknown;
  // A bound approval's claim reads the target and checks it against the approved snapshot itself.
  if (req.approval) ({ row: approval, before } = await claim(req));
  else before = await rereadUnderLock(req);
  const target = action.target(input);
  const targetId = auditTargetId(action, target, before);
  let auditId = "";
  const result = await withAudit<ActionOutput<A>>(
    {
      actorUserId: req.actor.userId,
      actorEmail: req.actor.email,
      source: req.source,
      chatId: req.chatId ?? (approval?.source === "agent" ? approval.chatId : null),
      prompt: req.prompt ?? null,
      action: action.name,
      arguments: withoutSecrets(action, input),
      targetType: target.type,
      targetId,
      targetLabel: req.targetLabel ?? approval?.targetLabel ?? target.email ?? null,
      before,
      approvalId: approval?.id ?? req.decided?.approvalId ?? null,
      approverUserId: approval?.decidedBy ?? req.decided?.approverUserId ?? null,
      undoOf: req.undoOf ?? null,
      ruleId: req.automation?.ruleId ?? null,
      eventId: req.automation?.eventId ?? null,
      after: (out) => withoutSecrets(action, out),
    },
    async (id) => {
      auditId = id;
      inFlight.add(id);
      req.onIntent?.(id);
      if (approval) await attachAudit(db, approval.id, id);
      // The write's own actor (impersonateUser's act.sub) is whoever runs it, unless the surface named one.
      const actor = req.ctx.actor ?? req.actor;
      const ctx = { ...req.ctx, actor, checkedTargetId: targetId };
      return runAction<A>(action, input, ctx) as Promise<ActionOutput<A>>;
    },
    db,
  ).finally(() => inFlight.delete(auditId));
  return { auditId, result };
}
