import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import {
  type AuditSource,
  approvals,
  type BulkJobRow,
  type BulkJobTargetRow,
  type BulkTargetStatus,
  bulkJobs,
  bulkJobTargets,
  MCP_CHAT_PREFIX,
} from "@/lib/db/schema";
import { AppError, logger } from "@/lib/errors";
import { checkBinding, type PlannedTarget, planBinding } from "./plan";
import type { TargetPlan } from "./planner";

export const DEFAULT_JOB_APPROVAL_TTL_SECONDS = 86_400;

export interface NewJob {
  action: string;
  title: string;
  params: Record<string, unknown>;
  createdBy: string;
  source: Extract<AuditSource, "console" | "agent" | "mcp" | "rest">;
  /** The access token an MCP/REST client proposed with: revoking it cancels the pending plan. */
  proposerTokenId?: string | undefined;
  pacePer10s: number;
  targets: readonly TargetPlan[];
  ttlSeconds?: number;
  now?: Date;
}

const INSERT_CHUNK = 500;

/** Stores the plan and its batch approval (pending): nothing runs until an admin approves it. */
export async function createJob(
  db: Db,
  job: NewJob,
): Promise<{ job: BulkJobRow; approvalId: string; planHash: string; expiresAt: Date }> {
  const now = job.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (job.ttlSeconds ?? DEFAULT_JOB_APPROVAL_TTL_SECONDS) * 1000);
  const id = `job_${randomUUID().replaceAll("-", "")}`;
  const approvalId = `apr_${randomUUID().replaceAll("-", "")}`;
  const binding = planBinding(job.action, job.targets);
  const skipped = job.targets.filter((t) => t.skip).length;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(bulkJobs)
      .values({
        id,
        createdBy: job.createdBy,
        source: job.source,
        action: job.action,
        title: job.title.slice(0, 200),
        params: { ...job.params, planHash: binding.planHash },
        status: "awaiting_approval",
        approvalId,
        pacePer10s: job.pacePer10s,
        totalTargets: job.targets.length,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    for (let i = 0; i < job.targets.length; i += INSERT_CHUNK) {
      await tx.insert(bulkJobTargets).values(
        job.targets.slice(i, i + INSERT_CHUNK).map((t) => ({
          jobId: id,
          seq: t.seq,
          targetId: t.targetId,
          targetLabel: t.targetLabel,
          args: (t.args ?? {}) as object,
          before: (t.before ?? null) as object,
          after: { planned: t.after ?? null, changes: t.changes, checks: t.checks } as object,
          status: (t.skip ? "skipped" : "pending") as BulkTargetStatus,
          errorCode: t.skip ? t.skip.split(":")[0] : null,
          errorMessage: t.skip,
        })),
      );
    }
    await tx.insert(approvals).values({
      id: approvalId,
      adminUserId: job.createdBy,
      chatId: job.proposerTokenId ? `${MCP_CHAT_PREFIX}${job.proposerTokenId}` : null,
      toolCallId: null,
      toolName: `bulk:${job.action}`,
      argsHash: binding.planHash,
      args: { jobId: id, action: job.action, title: job.title, targets: job.targets.length, skipped },
      targetType: "bulk_job",
      targetId: id,
      targetLabel: job.title.slice(0, 200),
      targetStateHash: binding.beforeHash,
      preview: { params: job.params, targets: job.targets.length, skipped },
      status: "pending",
      source: "bulk",
      bulkJobId: id,
      createdAt: now,
      expiresAt,
    });
    if (!row) throw new Error("job insert returned no row");
    logger.info("jobs.created", { jobId: id, action: job.action, targets: job.targets.length, skipped });
    return { job: row, approvalId, planHash: binding.planHash, expiresAt };
  });
}

export async function getJob(db: Db, id: string): Promise<BulkJobRow | null> {
  const [row] = await db.select().from(bulkJobs).where(eq(bulkJobs.id, id)).limit(1);
  return row ?? null;
}

export async function listJobs(db: Db, limit = 50): Promise<BulkJobRow[]> {
  return db.select().from(bulkJobs).orderBy(desc(bulkJobs.createdAt)).limit(Math.min(limit, 200));
}

export type TargetCounts = Record<BulkTargetStatus, number> & { total: number; applied: number };

export async function targetCounts(db: Db, jobIds: readonly string[]): Promise<Map<string, TargetCounts>> {
  const out = new Map<string, TargetCounts>();
  if (jobIds.length === 0) return out;
  const rows = await db
    .select({
      jobId: bulkJobTargets.jobId,
      status: bulkJobTargets.status,
      applied: bulkJobTargets.applied,
      n: sql<number>`count(*)::int`,
    })
    .from(bulkJobTargets)
    .where(inArray(bulkJobTargets.jobId, [...jobIds]))
    .groupBy(bulkJobTargets.jobId, bulkJobTargets.status, bulkJobTargets.applied);
  for (const id of jobIds)
    out.set(id, { pending: 0, running: 0, ok: 0, error: 0, skipped: 0, total: 0, applied: 0 });
  for (const r of rows) {
    const c = out.get(r.jobId) as TargetCounts;
    c[r.status] += r.n;
    c.total += r.n;
    if (r.applied) c.applied += r.n;
  }
  return out;
}

export async function listTargets(
  db: Db,
  jobId: string,
  opts: { status?: BulkTargetStatus; offset?: number; limit?: number } = {},
): Promise<BulkJobTargetRow[]> {
  const cond = opts.status
    ? and(eq(bulkJobTargets.jobId, jobId), eq(bulkJobTargets.status, opts.status))
    : eq(bulkJobTargets.jobId, jobId);
  return db
    .select()
    .from(bulkJobTargets)
    .where(cond)
    .orderBy(asc(bulkJobTargets.seq))
    .offset(opts.offset ?? 0)
    .limit(Math.min(opts.limit ?? 100, 1000));
}

export async function plannedTargets(db: Db, jobId: string): Promise<PlannedTarget[]> {
  const rows = await db
    .select({
      seq: bulkJobTargets.seq,
      targetId: bulkJobTargets.targetId,
      args: bulkJobTargets.args,
      before: bulkJobTargets.before,
      status: bulkJobTargets.status,
      errorCode: bulkJobTargets.errorCode,
      errorMessage: bulkJobTargets.errorMessage,
    })
    .from(bulkJobTargets)
    .where(eq(bulkJobTargets.jobId, jobId))
    .orderBy(asc(bulkJobTargets.seq));
  return rows.map((r) => ({
    seq: r.seq,
    targetId: r.targetId,
    args: r.args,
    before: r.before,
    skip: isPlanSkip(r.errorCode) ? r.errorMessage : null,
  }));
}

/** Skips decided at planning time (part of the approved plan), as opposed to those at run time. */
function isPlanSkip(code: string | null): boolean {
  return code === "no_change" || code === "precheck_failed";
}

export interface Approver {
  userId: string;
  role: "admin" | "viewer" | "none";
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
 */
export async function decideJob(
  db: Db,
  input: {
    jobId: string;
    approver: Approver;
    approved: boolean;
    planHash: string;
    reason?: string;
    now?: Date;
  },
): Promise<JobDecision> {
  const now = input.now ?? new Date();
  const log = { jobId: input.jobId, approver: input.approver.userId };
  if (input.approver.role !== "admin") return refused("forbidden", "Only admins can decide jobs.", log);
  const job = await getJob(db, input.jobId);
  if (!job?.approvalId) return refused("not_found", "This job does not exist.", log);
  const [approval] = await db.select().from(approvals).where(eq(approvals.id, job.approvalId)).limit(1);
  if (!approval || approval.bulkJobId !== job.id)
    return refused("not_found", "This job has no approval.", log);
  if (
    approval.source === "bulk" &&
    job.source !== "mcp" &&
    job.source !== "rest" &&
    job.createdBy !== input.approver.userId
  )
    return refused("forbidden", "This job belongs to another admin.", log);
  if (approval.status !== "pending" || job.status !== "awaiting_approval")
    return refused("already_decided", `This job was already ${approval.status}.`, log);
  if (approval.expiresAt.getTime() <= now.getTime()) {
    await db
      .update(approvals)
      .set({ status: "expired", decidedAt: now, reason: "expired before it was answered" })
      .where(and(eq(approvals.id, approval.id), eq(approvals.status, "pending")));
    await db
      .update(bulkJobs)
      .set({ status: "denied", error: "approval expired", updatedAt: now })
      .where(eq(bulkJobs.id, job.id));
    return refused("expired", "This plan's approval expired; create the job again.", log);
  }
  if (input.approved) {
    const binding = checkBinding(
      job.action,
      await plannedTargets(db, job.id),
      { planHash: approval.argsHash, beforeHash: approval.targetStateHash ?? "" },
      input.planHash,
    );
    if (!binding.ok) return refused(binding.code, binding.message, log);
  }
  const [decided] = await db
    .update(approvals)
    .set({
      status: input.approved ? "executed" : "denied",
      decidedAt: now,
      decidedBy: input.approver.userId,
      executedAt: input.approved ? now : null,
      reason: input.reason?.slice(0, 500) ?? null,
    })
    .where(
      and(
        eq(approvals.id, approval.id),
        eq(approvals.status, "pending"),
        eq(approvals.argsHash, input.planHash),
        gt(approvals.expiresAt, now),
      ),
    )
    .returning();
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

export type JobControl = "pause" | "resume" | "cancel";

const CONTROL_FROM: Record<JobControl, BulkJobRow["status"][]> = {
  pause: ["queued", "running"],
  resume: ["paused"],
  cancel: ["awaiting_approval", "queued", "running", "paused"],
};
const CONTROL_TO = { pause: "paused", resume: "queued", cancel: "cancelled" } as const;

/** Pause stops after the in-flight targets; cancel also marks every pending target skipped. */
export async function controlJob(
  db: Db,
  jobId: string,
  control: JobControl,
  now = new Date(),
): Promise<BulkJobRow> {
  const [row] = await db
    .update(bulkJobs)
    .set({
      status: CONTROL_TO[control],
      updatedAt: now,
      ...(control === "cancel" ? { finishedAt: now } : {}),
    })
    .where(and(eq(bulkJobs.id, jobId), inArray(bulkJobs.status, CONTROL_FROM[control])))
    .returning();
  if (!row) {
    const job = await getJob(db, jobId);
    if (!job) throw AppError.notFound("Job", jobId);
    throw AppError.conflict(
      `A ${job.status} job cannot be ${control === "pause" ? "paused" : control === "resume" ? "resumed" : "cancelled"}.`,
    );
  }
  if (control === "cancel") {
    await db
      .update(bulkJobTargets)
      .set({
        status: "skipped",
        errorCode: "cancelled",
        errorMessage: "The job was cancelled first.",
        updatedAt: now,
      })
      .where(and(eq(bulkJobTargets.jobId, jobId), eq(bulkJobTargets.status, "pending")));
    if (row.approvalId)
      await db
        .update(approvals)
        .set({ status: "denied", decidedAt: now, reason: "job cancelled before approval" })
        .where(and(eq(approvals.id, row.approvalId), eq(approvals.status, "pending")));
  }
  logger.info("jobs.control", { jobId, control });
  return row;
}
