import { JobAutoRefresh } from "@/components/jobs/job-auto-refresh";
import { JobsTable } from "@/components/jobs/jobs-table";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageAccess } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { ensureJobWorker } from "@/lib/jobs/server";
import { listJobs, targetCounts } from "@/lib/jobs/store";
import { toJobView } from "@/lib/jobs/view";

export default async function JobsPage() {
  await requirePageAccess("read");
  void ensureJobWorker();
  const db = await getDb();
  const jobs = await listJobs(db, 100);
  const counts = await targetCounts(
    db,
    jobs.map((j) => j.id),
  );
  const views = jobs.map((j) => toJobView(j, counts.get(j.id)));
  return (
    <>
      <PageHeader
        title="Bulk jobs"
        description="One change applied to many users or emails: approved once as a plan, then run at a pace under Clerk's rate limit."
      />
      <JobAutoRefresh
        active={views.some((v) => v.status === "running" || v.status === "queued")}
        intervalMs={2_000}
      />
      <JobsTable jobs={views} />
    </>
  );
}
