import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { closeApproval } from "@/lib/approvals/approvals";
import type { Db } from "@/lib/db/client";
import {
  type ApprovalRow,
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
  /** The job whose failed targets this one retries (lib/jobs/retry). */
  retryOf?: string;
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
        retryOf: job.retryOf ?? null,
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

export async function jobOrThrow(db: Db, id: string): Promise<BulkJobRow> {
  const job = await getJob(db, id);
  if (!job) throw AppError.notFound("Job", id);
  return job;
}

export async function listJobs(db: Db, limit = 50): Promise<BulkJobRow[]> {
  return db.select().from(bulkJobs).orderBy(desc(bulkJobs.createdAt)).limit(Math.min(limit, 200));
}

export type TargetCounts = Record<BulkTargetStatus, number> & { total: number; applied: number };
export const NO_TARGETS = { pending: 0, running: 0, ok: 0, error: 0, skipped: 0, total: 0, applied: 0 };

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
  for (const id of jobIds) out.set(id, { ...NO_TARGETS });
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
  const status = opts.status ? eq(bulkJobTargets.status, opts.status) : undefined;
  return db
    .select()
    .from(bulkJobTargets)
    .where(and(eq(bulkJobTargets.jobId, jobId), status))
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
    // Skips decided at planning time are part of the approved plan; those at run time are not.
    skip: r.errorCode === "no_change" || r.errorCode === "precheck_failed" ? r.errorMessage : null,
  }));
}

/** The plan as stored now, checked against its approval's hashes and the plan hash the approver reviewed. */
export async function checkStoredPlan(db: Db, job: BulkJobRow, approval: ApprovalRow, reviewed: string) {
  const recorded = { planHash: approval.argsHash, beforeHash: approval.targetStateHash ?? "" };
  return checkBinding(job.action, await plannedTargets(db, job.id), recorded, reviewed);
}

/** The end of a run that went through (paused and cancelled are controlJob's). */
export async function finishJob(
  db: Db,
  jobId: string,
  status: "completed" | "completed_with_errors" | "failed",
  error: string | null,
): Promise<void> {
  const now = new Date();
  await db
    .update(bulkJobs)
    .set({ status, error, finishedAt: now, updatedAt: now })
    .where(and(eq(bulkJobs.id, jobId), inArray(bulkJobs.status, ["queued", "running"])));
}

/** The run now driving the job (set by the run itself, so the newest run to start wins). */
export async function claimJobRun(db: Db, jobId: string, runId: string): Promise<BulkJobRow | null> {
  const [row] = await db
    .update(bulkJobs)
    .set({ runId, updatedAt: new Date() })
    .where(eq(bulkJobs.id, jobId))
    .returning();
  return row ?? null;
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
  /** Why the system (not a person) cancelled it; shown on the job and to polling clients. */
  error?: string,
): Promise<BulkJobRow> {
  const [row] = await db
    .update(bulkJobs)
    .set({
      status: CONTROL_TO[control],
      updatedAt: now,
      ...(control === "cancel" ? { finishedAt: now } : {}),
      ...(error ? { error } : {}),
    })
    .where(and(eq(bulkJobs.id, jobId), inArray(bulkJobs.status, CONTROL_FROM[control])))
    .returning();
  if (!row) {
    const job = await jobOrThrow(db, jobId);
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
        errorMessage: error ? `Not applied: ${error}` : "The job was cancelled first.",
        updatedAt: now,
      })
      .where(and(eq(bulkJobTargets.jobId, jobId), eq(bulkJobTargets.status, "pending")));
    if (row.approvalId)
      await closeApproval(db, row.approvalId, "pending", {
        status: "denied",
        decidedAt: now,
        reason: "job cancelled before approval",
      });
  }
  logger.info("jobs.control", { jobId, control });
  return row;
}
