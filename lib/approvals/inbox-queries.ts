// Read side of the approvals inbox: cards, lists, counts, expiry, and what a proposer may poll.
import { and, desc, eq, gt, inArray, like, lte, ne, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { projectForModel } from "@/lib/agent/tools";
import type { approvalStatusSchema, jobProgressSchema } from "@/lib/api/schemas";
import { isPlainObject } from "@/lib/clerk/metadata";
import type { Db } from "@/lib/db/client";
import { type ApprovalRow, approvals, auditLog, MCP_CHAT_PREFIX } from "@/lib/db/schema";
import { logger } from "@/lib/errors";
import { controlJob } from "@/lib/jobs/store";
import { getJobView } from "@/lib/jobs/view";
import { EXPIRED_UNANSWERED } from "./approvals";
import type { ApprovalCardData } from "./proposal";

/** The chat's approval card data, rebuilt from the stored row. */
export function inboxCard(row: ApprovalRow, title: string): ApprovalCardData {
  const preview = isPlainObject(row.preview) ? row.preview : null;
  const summary = preview && isPlainObject(preview.targetSummary) ? preview.targetSummary : null;
  return {
    approvalId: row.id,
    toolCallId: row.toolCallId ?? row.id,
    toolName: row.toolName,
    title,
    target: row.targetType ? { type: row.targetType, id: row.targetId, label: row.targetLabel } : null,
    args: row.args,
    // Stored by recordProposal from the card's own preview (plus targetSummary, read below).
    preview: preview as ApprovalCardData["preview"],
    targetSummary: summary
      ? {
          name: typeof summary.name === "string" ? summary.name : null,
          email: typeof summary.email === "string" ? summary.email : null,
        }
      : null,
    expiresAt: row.expiresAt.toISOString(),
  };
}

/** Who sees an item: machine-proposed ones go to every console user; a chat's only to its admin. */
function visibleTo(viewerUserId: string): SQL {
  return or(ne(approvals.source, "agent"), eq(approvals.adminUserId, viewerUserId)) as SQL;
}

/** Pending items whose time ran out become `expired` (so counts and lists never show dead cards). */
export async function expireOverdue(db: Db, now: Date = new Date()): Promise<number> {
  const rows = await db
    .update(approvals)
    .set({ status: "expired", decidedAt: now, reason: EXPIRED_UNANSWERED })
    .where(and(eq(approvals.status, "pending"), lte(approvals.expiresAt, now)))
    .returning({ id: approvals.id });
  return rows.length;
}

export async function pendingInboxCount(
  db: Db,
  viewerUserId: string,
  now: Date = new Date(),
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(approvals)
    .where(and(eq(approvals.status, "pending"), gt(approvals.expiresAt, now), visibleTo(viewerUserId)));
  return row?.n ?? 0;
}

export async function listInbox(
  db: Db,
  viewerUserId: string,
  titleOf: (toolName: string) => string,
  opts: { status?: "pending" | "decided"; limit?: number; now?: Date } = {},
) {
  await expireOverdue(db, opts.now);
  const statusCond =
    opts.status === "decided" ? ne(approvals.status, "pending") : eq(approvals.status, "pending");
  const rows = await db
    .select()
    .from(approvals)
    .where(and(statusCond, visibleTo(viewerUserId)))
    .orderBy(desc(approvals.createdAt))
    .limit(Math.min(opts.limit ?? 100, 500));
  return rows.map((row) => ({
    card: inboxCard(row, titleOf(row.toolName)),
    status: row.status,
    source: row.source,
    argsHash: row.argsHash,
    proposedBy: row.adminUserId,
    createdAt: row.createdAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    reason: row.reason,
  }));
}

/** What a proposer polls (MCP get_approval_status, REST GET /approvals/{id}): the published schema's shape. */
export type ApprovalStatusView = z.output<typeof approvalStatusSchema>;
type JobProgress = z.output<typeof jobProgressSchema>;

async function jobProgress(
  db: Db,
  jobId: string,
): Promise<{ progress: JobProgress; error: string | null } | null> {
  const v = await getJobView(db, jobId);
  if (!v) return null;
  const progress: JobProgress = {
    job_id: v.id,
    action: v.action,
    status: v.status,
    total: v.counts.total,
    ok: v.counts.ok,
    error: v.counts.error,
    skipped: v.counts.skipped,
    pending: v.counts.pending + v.counts.running,
    percent: v.percent,
    review_url: `/jobs/${v.id}`,
  };
  return { progress, error: v.error };
}

/** An approved plan is "executed" at once; whether the writes happened is the job's to say. */
function jobOutcome(view: ApprovalStatusView, progress: JobProgress, jobError: string | null): void {
  view.job = progress;
  if (view.status !== "executed") return;
  if (progress.status === "completed" && progress.error === 0) {
    view.outcome = "ok";
    view.result = progress;
  } else if (
    ["completed", "completed_with_errors", "failed", "cancelled", "denied"].includes(progress.status)
  ) {
    view.outcome = "error";
    view.error =
      jobError ?? `${progress.error} of ${progress.total} targets failed; see ${progress.review_url}.`;
  } else view.outcome = "pending";
}

/** What a proposer may learn about its own item (by owner, so any of the owner's tokens can poll). */
export async function approvalStatusForProposer(
  db: Db,
  proposerUserId: string,
  approvalId: string,
  allowPrivateMetadata: boolean,
  now: Date = new Date(),
): Promise<ApprovalStatusView | null> {
  await expireOverdue(db, now);
  const [row] = await db
    .select()
    .from(approvals)
    .where(
      and(
        eq(approvals.id, approvalId),
        eq(approvals.adminUserId, proposerUserId),
        or(
          inArray(approvals.source, ["mcp", "rest"]),
          and(eq(approvals.source, "bulk"), like(approvals.chatId, `${MCP_CHAT_PREFIX}%`)),
        ),
      ),
    )
    .limit(1);
  if (!row) return null;
  const view: ApprovalStatusView = {
    approval_id: row.id,
    status: row.status,
    tool: row.toolName,
    target: row.targetType ? { type: row.targetType, id: row.targetId, label: row.targetLabel } : null,
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    decided_at: row.decidedAt?.toISOString() ?? null,
    reason: row.reason,
  };
  if (row.bulkJobId) {
    const job = await jobProgress(db, row.bulkJobId);
    if (job) jobOutcome(view, job.progress, job.error);
  } else if (row.status === "executed" && row.auditId) {
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.id, row.auditId)).limit(1);
    if (audit) {
      view.outcome = audit.outcome === "timeout" ? "error" : audit.outcome;
      if (audit.outcome === "ok") view.result = projectForModel(audit.after, allowPrivateMetadata);
      else if (audit.errorMessage) view.error = audit.errorMessage;
    }
  }
  return view;
}

/** The client declined the elicitation: its own proposal is withdrawn (it never reaches a human). */
export async function withdrawProposal(db: Db, approvalId: string, proposerUserId: string, now = new Date()) {
  const [row] = await db
    .update(approvals)
    .set({ status: "denied", decidedAt: now, reason: "withdrawn by the MCP client" })
    .where(
      and(
        eq(approvals.id, approvalId),
        eq(approvals.adminUserId, proposerUserId),
        eq(approvals.status, "pending"),
      ),
    )
    .returning({ bulkJobId: approvals.bulkJobId });
  // A withdrawn plan must not stay runnable from the jobs page either.
  if (row?.bulkJobId) await controlJob(db, row.bulkJobId, "cancel", now).catch(() => {});
}

/** Revoking a token cancels what it proposed and nobody has decided yet (bulk jobs included). */
export async function cancelTokenProposals(db: Db, tokenId: string, now: Date = new Date()): Promise<number> {
  const rows = await db
    .update(approvals)
    .set({ status: "expired", decidedAt: now, reason: "the access token that proposed it was revoked" })
    .where(
      and(
        eq(approvals.chatId, `${MCP_CHAT_PREFIX}${tokenId}`),
        inArray(approvals.status, ["pending", "approved"]),
      ),
    )
    .returning({ id: approvals.id, bulkJobId: approvals.bulkJobId });
  for (const { bulkJobId } of rows) {
    if (!bulkJobId) continue;
    await controlJob(db, bulkJobId, "cancel", now).catch((err) =>
      logger.warn("inbox.job_cancel_failed", { jobId: bulkJobId, error: String(err) }),
    );
  }
  return rows.length;
}
