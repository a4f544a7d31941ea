// Deciding: an admin approves or denies inbox items; approved single writes run at once through the
// write executor under the same last gate as the chat's, bulk plans are handed to lib/jobs.
import { eq } from "drizzle-orm";
import { projectForModel } from "@/lib/agent/tools";
import { withAudit } from "@/lib/audit/audit";
import { type Actor, can } from "@/lib/auth/policy";
import { getAction } from "@/lib/clerk/registry";
import { type ApprovalRow, approvals } from "@/lib/db/schema";
import { logger, toPublicError } from "@/lib/errors";
import { isStandingCode, type StandingCode, tokenStanding } from "@/lib/jobs/standing";
import { executeWrite, WriteRefusedError } from "@/lib/writes/execute-write";
import {
  claimPending,
  closeApproval,
  closeRefused,
  DELETE_NOT_CONFIRMED,
  decideApproval,
  type RefusalCode,
  typedDeleteConfirmation,
} from "./approvals";
import { automationOfChatId } from "./inbox-propose";
import { expireOverdue } from "./inbox-queries";
import type { DecisionResult, InboxDecision, InboxDeps } from "./inbox-types";

function refused(
  approvalId: string,
  code: RefusalCode | "failed",
  message: string,
  extra = {},
): DecisionResult {
  logger.warn("inbox.refused", { approvalId, code, ...extra });
  return { approvalId, ok: false, code, message };
}

/** A refusal about the proposal itself (dead token, demoted proposer): `forbidden` plus the precise reason. */
function refusedFor(approvalId: string, reason: StandingCode, message: string, extra = {}): DecisionResult {
  return { ...refused(approvalId, "forbidden", message, { ...extra, reason }), reason } as DecisionResult;
}

const PROPOSER_NOT_ADMIN = "The admin who proposed this change is no longer an admin; it will not run.";
const OWNER_UNVERIFIED = "Could not check the proposer's role with Clerk; the change did not run.";

/** Decides each item independently (one refusal never blocks the others); approved items run now. */
export async function decideInboxItems(
  deps: InboxDeps,
  approver: Actor,
  decisions: readonly InboxDecision[],
): Promise<DecisionResult[]> {
  const out: DecisionResult[] = [];
  for (const d of decisions) out.push(await decideOne(deps, approver, d));
  return out;
}

async function decideOne(deps: InboxDeps, approver: Actor, d: InboxDecision): Promise<DecisionResult> {
  const { db } = deps;
  const now = deps.now?.() ?? new Date();
  const log = { approver: approver.userId, role: approver.role };
  if (!can(approver.role, "approve"))
    return refused(d.approvalId, "forbidden", "Only admins can decide changes.", log);
  const [row] = await db.select().from(approvals).where(eq(approvals.id, d.approvalId)).limit(1);
  if (!row || (row.source === "agent" && row.adminUserId !== approver.userId))
    return refused(d.approvalId, "not_found", "This approval does not exist.", log);
  if (row.status !== "pending")
    return refused(d.approvalId, "already_decided", `This approval was already ${row.status}.`, log);
  if (row.argsHash !== d.argsHash)
    return refused(
      d.approvalId,
      "args_mismatch",
      "The arguments differ from the card you reviewed; reload the inbox.",
      log,
    );
  if (d.approved && !typedDeleteConfirmation(row, d.confirm))
    return refused(d.approvalId, "confirmation_required", DELETE_NOT_CONFIRMED, log);

  if (row.bulkJobId) {
    if (!deps.decideBulkJob)
      return refused(row.id, "tool_mismatch", "Bulk jobs are decided on their job page.", log);
    const outcome = await deps.decideBulkJob({
      jobId: row.bulkJobId,
      approver,
      approved: d.approved,
      planHash: d.argsHash,
      ...(d.reason ? { reason: d.reason } : {}),
    });
    if (!outcome.ok) {
      // A proposer who lost admin or a dead token is the single write's `forbidden`, not a failure.
      if (isStandingCode(outcome.code)) return refusedFor(row.id, outcome.code, outcome.message, log);
      const code = outcome.code === "forbidden" ? "forbidden" : "failed";
      return refused(row.id, code, outcome.message, { ...log, reason: outcome.code });
    }
    return { approvalId: row.id, ok: true, status: d.approved ? "queued" : "denied" };
  }
  if (d.approved && row.source !== "agent") {
    // Same rule as a bulk plan (lib/jobs/decide): a dead token's proposal is closed for good.
    const token = await tokenStanding(db, row.chatId, now, "change");
    if (!token.ok) {
      await closeRefused(db, row.id, approver.userId, token.message, now);
      return refusedFor(row.id, token.code, token.message, log);
    }
  }
  let decided: ApprovalRow | null;
  if (row.source === "agent" && row.chatId) {
    const outcome = await decideApproval(db, {
      approvalId: row.id,
      auth: approver,
      chatId: row.chatId,
      approved: d.approved,
      reason: d.reason,
      confirm: d.confirm,
      now,
    });
    if (!outcome.ok) return refused(row.id, outcome.code, outcome.message, log);
    decided = outcome.row;
  } else {
    if (row.expiresAt.getTime() <= now.getTime()) {
      await expireOverdue(db, now);
      return refused(row.id, "expired", "This approval expired; the client has to propose it again.", log);
    }
    const updated = await claimPending(db, {
      id: row.id,
      now,
      status: d.approved ? "approved" : "denied",
      decidedBy: approver.userId,
      reason: d.reason,
      argsHash: d.argsHash,
    });
    if (!updated) return refused(row.id, "already_decided", "This approval was answered concurrently.", log);
    decided = updated;
  }
  logger.info("inbox.decided", { approvalId: row.id, approved: d.approved, ...log });
  if (!d.approved) {
    // An approval is audited with the write it runs; a denial has no write, so it gets its own entry.
    await withAudit(
      {
        actorUserId: approver.userId,
        actorEmail: approver.email,
        source: "console",
        action: "denyApproval",
        arguments: { approvalId: row.id, tool: row.toolName, args: row.args, reason: d.reason ?? null },
        targetType: row.targetType ?? "approval",
        targetId: row.targetId,
        targetLabel: row.targetLabel,
        approvalId: row.id,
        approverUserId: approver.userId,
        after: () => ({ status: "denied" }),
      },
      async () => null,
      db,
    );
    return { approvalId: row.id, ok: true, status: "denied" };
  }
  // Its secret (an impersonation link) must reach the proposer only: they run it from the console.
  if (getAction(row.toolName)?.secretOutputs?.length) {
    logger.info("inbox.approved_for_proposer", { approvalId: row.id, tool: row.toolName, ...log });
    return { approvalId: row.id, ok: true, status: "approved" };
  }
  return executeApproved(deps, decided);
}

/**
 * Runs an approved item through the write executor under the chat's last gate (proposer's role
 * re-checked, input re-validated, arguments re-hashed, target re-read, approved -> executed once).
 */
async function executeApproved(deps: InboxDeps, row: ApprovalRow): Promise<DecisionResult> {
  const action = getAction(row.toolName);
  if (action?.kind !== "write" || !row.chatId || !row.toolCallId)
    return refused(row.id, "tool_mismatch", `Unknown write action ${row.toolName}.`);
  const automation = automationOfChatId(row.chatId);
  let lookupFailed = false;
  const owner = await deps.lookupOwner(row.adminUserId).catch(() => {
    lookupFailed = true;
    return { role: "none" as const, email: null };
  });
  try {
    const { result } = await executeWrite({
      db: deps.db,
      ctx: deps.ctx,
      action,
      input: row.args,
      actor: { userId: row.adminUserId, email: owner.email },
      source: row.source,
      approval: { chatId: row.chatId, toolCallId: row.toolCallId, role: owner.role },
      ...(automation ? { automation } : {}),
      ...(deps.now ? { now: deps.now() } : {}),
    });
    return {
      approvalId: row.id,
      ok: true,
      status: "executed",
      result: projectForModel(result, deps.allowPrivateMetadata),
    };
  } catch (err) {
    if (!(err instanceof WriteRefusedError)) return refused(row.id, "failed", toPublicError(err).message);
    // The gate's `forbidden` here can only be the proposer's role: say which, not "only admins".
    const reason: StandingCode | null =
      err.code === "forbidden" && owner.role !== "admin"
        ? lookupFailed
          ? "owner_unverified"
          : "proposer_not_admin"
        : null;
    const message =
      reason === "owner_unverified" ? OWNER_UNVERIFIED : reason ? PROPOSER_NOT_ADMIN : err.reason;
    // An approval that failed its last gate must not linger as "approved" (clients poll it).
    const closing = `refused at execution: ${message}`.slice(0, 500);
    await closeApproval(deps.db, row.id, "approved", { status: "expired", reason: closing });
    return reason ? refusedFor(row.id, reason, message) : refused(row.id, err.code, message);
  }
}
