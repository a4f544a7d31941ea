import type { Db } from "@/lib/db/client";
import type { BulkJobRow, BulkJobTargetRow } from "@/lib/db/schema";
import { getJob, listJobs, NO_TARGETS, type TargetCounts, targetCounts } from "./store";

export type JobView = ReturnType<typeof toJobView>;

export function toJobView(job: BulkJobRow, counts: TargetCounts | undefined) {
  const c = counts ?? NO_TARGETS;
  const done = c.ok + c.error + c.skipped;
  const params = (job.params ?? {}) as Record<string, unknown>;
  return {
    id: job.id,
    title: job.title ?? job.action,
    action: job.action,
    status: job.status,
    source: job.source,
    createdBy: job.createdBy,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    pacePer10s: job.pacePer10s,
    requestCount: job.requestCount,
    error: job.error,
    planHash: typeof params.planHash === "string" ? params.planHash : null,
    counts: c,
    /** Finished targets (ok, error, skipped) over all targets, 0..100. */
    percent: c.total === 0 ? 0 : Math.floor((done / c.total) * 100),
  };
}

/** A planned change (lib/clerk's diff entry) as the job page and the chat's plan card show it. */
export function toChangeView(c: { path?: unknown; before?: unknown; after?: unknown }) {
  return {
    path: Array.isArray(c.path) ? c.path.join(".") : String(c.path ?? ""),
    before: c.before,
    after: c.after,
  };
}

export type TargetView = ReturnType<typeof toTargetView>;

export function toTargetView(t: BulkJobTargetRow) {
  const after = (t.after ?? {}) as { changes?: { path?: unknown; before?: unknown; after?: unknown }[] };
  return {
    seq: t.seq,
    targetId: t.targetId,
    label: t.targetLabel,
    status: t.status,
    applied: t.applied,
    changes: (after.changes ?? []).map(toChangeView),
    errorCode: t.errorCode,
    errorMessage: t.errorMessage,
  };
}

/** The newest jobs, with their target counts. */
export async function listJobViews(db: Db, limit: number): Promise<JobView[]> {
  const jobs = await listJobs(db, limit);
  const counts = await targetCounts(
    db,
    jobs.map((j) => j.id),
  );
  return jobs.map((j) => toJobView(j, counts.get(j.id)));
}

export async function getJobView(db: Db, id: string): Promise<JobView | null> {
  const job = await getJob(db, id);
  return job && toJobView(job, (await targetCounts(db, [id])).get(id));
}
