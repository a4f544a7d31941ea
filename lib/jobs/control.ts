// Who may pause, resume or cancel a job: the admin who proposed it, or an admin who explicitly took it
// over (an audited "takeOverJob"). Any admin may still approve or deny a plan; controlling a running
// job that someone else is responsible for needs that visible step first.
import { and, eq } from "drizzle-orm";
import { withAudit } from "@/lib/audit/audit";
import type { Db } from "@/lib/db/client";
import { auditLog, type BulkJobRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { controlJob, type JobControl, jobOrThrow } from "./store";

export interface JobActor {
  userId: string;
  email: string | null;
}

export const TAKE_OVER_ACTION = "takeOverJob";
const OPEN: BulkJobRow["status"][] = ["awaiting_approval", "queued", "running", "paused"];

/** The admins who took this job over (successful, audited take-overs), oldest first. */
export async function jobTakers(db: Db, jobId: string): Promise<string[]> {
  const rows = await db
    .select({ actor: auditLog.actorUserId })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, TAKE_OVER_ACTION),
        eq(auditLog.targetType, "bulk_job"),
        eq(auditLog.targetId, jobId),
        eq(auditLog.outcome, "ok"),
      ),
    )
    .orderBy(auditLog.createdAt);
  return rows.map((r) => r.actor);
}

export async function canControlJob(db: Db, job: BulkJobRow, userId: string): Promise<boolean> {
  return job.createdBy === userId || (await jobTakers(db, job.id)).includes(userId);
}

/** Pause, resume or cancel, by the job's proposer or an admin who took it over; audited. */
export async function controlJobBy(
  db: Db,
  actor: JobActor,
  jobId: string,
  control: JobControl,
): Promise<BulkJobRow> {
  const job = await jobOrThrow(db, jobId);
  if (!(await canControlJob(db, job, actor.userId)))
    throw new AppError(
      "forbidden",
      "Only the admin who proposed this job can pause, resume or cancel it. Take it over first (recorded in the audit log).",
      { details: { reason: "not_job_owner" } },
    );
  return withAudit(
    {
      actorUserId: actor.userId,
      actorEmail: actor.email,
      source: "console",
      action: `${control}Job`,
      arguments: { jobId, control },
      targetType: "bulk_job",
      targetId: jobId,
      targetLabel: job.title,
      before: { status: job.status },
      after: (row: BulkJobRow) => ({ status: row.status }),
    },
    () => controlJob(db, jobId, control),
    db,
  );
}

/** Makes `actor` able to control another admin's open job; the audit entry is the record of it. */
export async function takeOverJob(db: Db, actor: JobActor, jobId: string): Promise<BulkJobRow> {
  const job = await jobOrThrow(db, jobId);
  if (!OPEN.includes(job.status)) throw AppError.conflict(`A ${job.status} job cannot be taken over.`);
  if (await canControlJob(db, job, actor.userId)) return job;
  const takers = await jobTakers(db, jobId);
  await withAudit(
    {
      actorUserId: actor.userId,
      actorEmail: actor.email,
      source: "console",
      action: TAKE_OVER_ACTION,
      arguments: { jobId },
      targetType: "bulk_job",
      targetId: jobId,
      targetLabel: job.title,
      before: { proposer: job.createdBy, takenOverBy: takers },
      after: () => ({ proposer: job.createdBy, takenOverBy: [...takers, actor.userId] }),
    },
    async () => null,
    db,
  );
  return job;
}
