import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { listJobViews } from "@/lib/jobs/view";
import { JobDecision } from "./job-decision";

/** Bulk jobs waiting for their one batch approval, for the approvals inbox. */
export async function PendingJobApprovals({ canDecide }: { canDecide: boolean }) {
  const jobs = (await listJobViews(await getDb(), 200)).filter((j) => j.status === "awaiting_approval");
  if (jobs.length === 0) return null;
  return (
    <section aria-labelledby="pending-jobs-heading" className="mb-10" data-testid="pending-jobs">
      <h2 id="pending-jobs-heading" className="mb-3 text-lg font-semibold">
        Bulk jobs awaiting approval ({jobs.length})
      </h2>
      <ul className="grid gap-3">
        {jobs.map((v) => {
          const changing = v.counts.total - v.counts.skipped;
          return (
            <li
              key={v.id}
              className="grid gap-2 rounded-md border p-4"
              data-testid="pending-job"
              data-job-id={v.id}
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link href={`/jobs/${v.id}`} className="font-medium underline-offset-4 hover:underline">
                  {v.title}
                </Link>
                <span className="text-xs text-muted-foreground">
                  {v.action} · via {v.source} · {changing} targets change
                  {v.counts.skipped > 0 ? `, ${v.counts.skipped} excluded` : ""}
                </span>
              </div>
              {canDecide && v.planHash ? (
                <JobDecision jobId={v.id} planHash={v.planHash} total={changing} />
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
