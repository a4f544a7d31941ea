// The batch approval of a bulk job's plan (the inbox and the jobs page both decide through here).
import { and, eq } from "drizzle-orm";
import { claimPending, closeApproval, closeRefused, EXPIRED_UNANSWERED } from "@/lib/approvals/approvals";
import type { ConsoleRole } from "@/lib/auth/policy";
import type { OwnerLookup } from "@/lib/auth/token-auth";
import type { Db } from "@/lib/db/client";
import { approvals, type BulkJobRow, bulkJobs } from "@/lib/db/schema";
import { logger } from "@/lib/errors";
import { checkJobStanding } from "./standing";
import { checkStoredPlan, controlJob, getJob } from "./store";

export interface Approver {
  userId: string;
  role: ConsoleRole;
}

export interface JobDecisionInput {
  jobId: string;
  approver: Approver;
  approved: boolean;
  planHash: string;
  reason?: string;
}

export type JobDecision = { ok: true; job: BulkJobRow } | { ok: false; code: string; message: string };

function refused(code: string, message: string, log: Record<string, unknown>): JobDecision {
  logger.warn("jobs.decision_refused", { code, ...log });
  return { ok: false, code, message };
}

/**
 * The batch approval: admin only; a job proposed from a chat or the console by its own admin,
 * an MCP-proposed one by any admin. Bound to the plan hash the approver reviewed, the plan and
 * before-states as stored, single use (pending -> executed in one conditional update) and expiring.
 * Approving also needs the proposer to still be an admin (looked up now) and the proposing token
 * to be neither revoked nor expired; otherwise the plan is closed for good, like a refused inbox item.
 */
export async function decideJob(
  db: Db,
  /** lookupOwner: the proposer's role now (lib/auth/token-auth tokenOwnerLookup in the app). */
  input: JobDecisionInput & { lookupOwner: OwnerLookup; now?: Date },
): Promise<JobDecision> {
  const now = input.now ?? new Date();
  const log = { jobId: input.jobId, approver: input.approver.userId };
  if (input.approver.role !== "admin") return refused("forbidden", "Only admins can decide jobs.", log);
  const job = await getJob(db, input.jobId);
  if (!job?.approvalId) return refused("not_found", "This job does not exist.", log);
  const [approval] = await db.select().from(approvals).where(eq(approvals.id, job.approvalId)).limit(1);
  if (!approval || approval.bulkJobId !== job.id)
    return refused("not_found", "This job has no approval.", log);
  const byClient = job.source === "mcp" || job.source === "rest";
  if (approval.source === "bulk" && !byClient && job.createdBy !== input.approver.userId)
    return refused("forbidden", "This job belongs to another admin.", log);
  if (approval.status !== "pending" || job.status !== "awaiting_approval")
    return refused("already_decided", `This job was already ${approval.status}.`, log);
  if (approval.expiresAt.getTime() <= now.getTime()) {
    await closeApproval(db, approval.id, "pending", {
      status: "expired",
      decidedAt: now,
      reason: EXPIRED_UNANSWERED,
    });
    await db
      .update(bulkJobs)
      .set({ status: "denied", error: "approval expired", updatedAt: now })
      .where(eq(bulkJobs.id, job.id));
    return refused("expired", "This plan's approval expired; create the job again.", log);
  }
  if (input.approved) {
    // The approver's own role is the caller's to check (above); a chat's or the console's proposer is the approver.
    const proposer = { as: "proposer" as const, userId: job.createdBy };
    const people = job.createdBy === input.approver.userId ? [] : [proposer];
    const standing = await checkJobStanding(db, input.lookupOwner, { chatId: approval.chatId, people }, now);
    if (!standing.ok) {
      // A plan refused for who proposed it can never be approved: the approval expires, the job is cancelled.
      if (standing.final) {
        await closeRefused(db, approval.id, input.approver.userId, standing.message, now);
        await controlJob(db, job.id, "cancel", now, standing.message).catch(() => {});
      }
      return refused(standing.code, standing.message, log);
    }
    const binding = await checkStoredPlan(db, job, approval, input.planHash);
    if (!binding.ok) return refused(binding.code, binding.message, log);
  }
  const decided = await claimPending(db, {
    id: approval.id,
    now,
    status: input.approved ? "executed" : "denied",
    decidedBy: input.approver.userId,
    executedAt: input.approved ? now : null,
    reason: input.reason,
    argsHash: input.planHash,
  });
  if (!decided) return refused("already_decided", "This job was answered concurrently.", log);
  const [updated] = await db
    .update(bulkJobs)
    .set({ status: input.approved ? "queued" : "denied", updatedAt: now })
    .where(and(eq(bulkJobs.id, job.id), eq(bulkJobs.status, "awaiting_approval")))
    .returning();
  if (!updated) return refused("already_decided", "This job was answered concurrently.", log);
  logger.info("jobs.decided", { ...log, approved: input.approved });
  return { ok: true, job: updated };
}
