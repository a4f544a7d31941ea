import Link from "next/link";
import { EmptyNote } from "@/components/shell/result-states";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import type { JobView } from "@/lib/jobs/view";
import { JobProgress } from "./job-progress";
import { JobStatusBadge } from "./job-status-badge";

export function JobsTable({ jobs }: { jobs: JobView[] }) {
  if (jobs.length === 0)
    return (
      <EmptyNote boxed data-testid="jobs-empty">
        No bulk jobs yet. Select users in the Users table, or ask the assistant to change many users at once.
      </EmptyNote>
    );
  return (
    <DataTable
      aria-label="Bulk jobs"
      data-testid="jobs-table"
      columns={["Job", "Status", ["Progress", "w-48"], "Applied / failed / skipped", "Source", "Created"]}
    >
      {jobs.map((j) => (
        <TableRow key={j.id} data-testid="job-row" data-job-id={j.id}>
          <TableCell>
            <Link href={`/jobs/${j.id}`} className="font-medium underline-offset-4 hover:underline">
              {j.title}
            </Link>
          </TableCell>
          <TableCell>
            <JobStatusBadge status={j.status} />
          </TableCell>
          <TableCell>
            <JobProgress percent={j.percent} label={`Progress of ${j.title}`} />
          </TableCell>
          <TableCell className="tabular-nums">
            {j.counts.ok} / {j.counts.error} / {j.counts.skipped} of {j.counts.total}
          </TableCell>
          <TableCell>{j.source}</TableCell>
          <TableCell>
            <time dateTime={j.createdAt}>{j.createdAt.slice(0, 16).replace("T", " ")} UTC</time>
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
