import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import type { TargetView } from "@/lib/jobs/view";
import { TargetStatusBadge } from "./job-status-badge";

function show(v: unknown): string {
  return v === undefined ? "—" : JSON.stringify(v);
}

export function JobTargetsTable({ targets }: { targets: TargetView[] }) {
  return (
    <DataTable
      aria-label="Targets"
      data-testid="job-targets"
      columns={[["#", "w-12"], "Target", "Change", "Result", "Detail"]}
    >
      {targets.map((t) => (
        <TableRow key={t.seq} data-testid="job-target" data-target-id={t.targetId} data-status={t.status}>
          <TableCell className="tabular-nums text-muted-foreground">{t.seq + 1}</TableCell>
          <TableCell>
            <div className="font-medium">{t.label ?? t.targetId}</div>
            {t.label && <div className="font-mono text-xs text-muted-foreground">{t.targetId}</div>}
          </TableCell>
          <TableCell className="font-mono text-xs">
            {t.changes.length === 0
              ? "no change"
              : t.changes.map((c) => (
                  <div key={c.path}>
                    {c.path}: {show(c.before)} → {show(c.after)}
                  </div>
                ))}
          </TableCell>
          <TableCell>
            <TargetStatusBadge status={t.status} />
          </TableCell>
          <TableCell className="max-w-80 text-xs text-muted-foreground">{t.errorMessage ?? ""}</TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
