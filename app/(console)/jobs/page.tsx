import { JobAutoRefresh } from "@/components/jobs/job-auto-refresh";
import { JobsTable } from "@/components/jobs/jobs-table";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageAccess } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { listJobViews } from "@/lib/jobs/view";

export default async function JobsPage() {
  await requirePageAccess("read");
  const views = await listJobViews(await getDb(), 100);
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
