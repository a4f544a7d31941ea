import Link from "next/link";
import { JobAutoRefresh } from "@/components/jobs/job-auto-refresh";
import { JobControls, JobDecision, JobTakeOver } from "@/components/jobs/job-decision";
import { JobProgress } from "@/components/jobs/job-progress";
import { RetryFailedTargets } from "@/components/jobs/job-retry";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { JobTargetsTable } from "@/components/jobs/job-targets-table";
import { MissingItem } from "@/components/shell/missing-item";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageAccess } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { BULK_TARGET_STATUSES, type BulkTargetStatus } from "@/lib/db/schema";
import { canControlJob } from "@/lib/jobs/control";
import { liveRetryOf } from "@/lib/jobs/retry";
import { getJob, listTargets, targetCounts } from "@/lib/jobs/store";
import { toJobView, toTargetView } from "@/lib/jobs/view";

const PAGE = 100;

export default async function JobPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ status?: string; page?: string }>;
}) {
  const me = await requirePageAccess("read");
  const { id } = await params;
  const sp = await searchParams;
  const db = await getDb();
  const job = await getJob(db, id);
  if (!job)
    return (
      <MissingItem
        title="Job not found"
        what="bulk job"
        id={id}
        back={{ href: "/jobs", label: "All jobs" }}
        testId="job-missing"
      />
    );
  const view = toJobView(job, (await targetCounts(db, [id])).get(id));
  const status = BULK_TARGET_STATUSES.includes(sp.status as BulkTargetStatus)
    ? (sp.status as BulkTargetStatus)
    : undefined;
  const page = Math.max(1, Number(sp.page) || 1);
  const targets = (await listTargets(db, id, { status, offset: (page - 1) * PAGE, limit: PAGE })).map(
    toTargetView,
  );
  const pageHref = (p: number) =>
    `/jobs/${id}?${new URLSearchParams({ ...(status ? { status } : {}), page: String(p) })}`;
  const moving = view.status === "running" || view.status === "queued";
  const open = moving || view.status === "paused";
  const controls =
    me.role !== "admin" ? null : (await canControlJob(db, job, me.userId)) ? (
      <JobControls jobId={view.id} status={view.status} />
    ) : open ? (
      <JobTakeOver jobId={view.id} />
    ) : null;
  const c = view.counts;
  const finished = ["completed", "completed_with_errors", "cancelled", "failed"].includes(view.status);
  const retry = finished && c.error > 0 ? await liveRetryOf(db, id) : null;
  return (
    <>
      <PageHeader
        title={view.title}
        description={`${view.action} · proposed via ${view.source} · pace ${view.pacePer10s} requests / 10 s`}
        actions={controls}
      />
      <JobAutoRefresh active={moving} />
      <section className="mb-6 grid gap-3 rounded-md border p-4" aria-label="Job status">
        <div className="flex flex-wrap items-center gap-3">
          <JobStatusBadge status={view.status} />
          <span className="text-sm text-muted-foreground tabular-nums" data-testid="job-counts">
            {c.ok} applied · {c.error} failed · {c.skipped} skipped · {c.pending + c.running} left of{" "}
            {c.total} · {view.requestCount} Clerk requests
          </span>
        </div>
        <JobProgress percent={view.percent} label="Job progress" />
        {view.error && <p className="text-sm text-destructive">{view.error}</p>}
        {job.runId && (
          <p className="text-xs text-muted-foreground" data-testid="job-run" data-run-id={job.runId}>
            Workflow run <code>{job.runId}</code>
          </p>
        )}
        {job.retryOf && (
          <p className="text-sm text-muted-foreground" data-testid="job-retry-of">
            Retries the failed targets of <Link href={`/jobs/${job.retryOf}`}>job {job.retryOf}</Link>.
          </p>
        )}
        {finished && c.error > 0 && (
          <div className="flex flex-wrap items-center gap-2 text-sm">
            {retry ? (
              <span className="text-muted-foreground" data-testid="job-retried-in">
                These failed targets are retried in <Link href={`/jobs/${retry.id}`}>job {retry.id}</Link>.
              </span>
            ) : me.role === "admin" ? (
              <RetryFailedTargets jobId={view.id} failed={c.error} />
            ) : null}
          </div>
        )}
        {view.status === "awaiting_approval" && (
          <div className="grid gap-2 rounded-md bg-warning/10 p-3 text-sm" data-testid="job-approval">
            <p>
              Nothing has been written. Review the plan below ({c.total - c.skipped} targets change
              {c.skipped > 0 ? `, ${c.skipped} excluded` : ""}) and approve it once for all targets. Each
              target is re-read before its write and skipped if it changed since this plan was made.
            </p>
            {me.role === "admin" && view.planHash ? (
              <JobDecision jobId={view.id} planHash={view.planHash} total={c.total - c.skipped} />
            ) : (
              <p className="text-muted-foreground">Only admins can approve this plan.</p>
            )}
          </div>
        )}
      </section>
      <nav className="mb-3 flex flex-wrap gap-2 text-sm" aria-label="Filter targets">
        {[undefined, ...BULK_TARGET_STATUSES].map((s) => (
          <Link
            key={s ?? "all"}
            href={s ? `/jobs/${id}?status=${s}` : `/jobs/${id}`}
            aria-current={s === status ? "page" : undefined}
            className="rounded border px-2 py-0.5 aria-[current=page]:bg-primary aria-[current=page]:text-primary-foreground"
          >
            {s ?? "all"}
          </Link>
        ))}
      </nav>
      <JobTargetsTable targets={targets} />
      <div className="mt-3 flex gap-3 text-sm">
        {page > 1 && <Link href={pageHref(page - 1)}>Previous</Link>}
        {targets.length === PAGE && <Link href={pageHref(page + 1)}>Next</Link>}
      </div>
    </>
  );
}
