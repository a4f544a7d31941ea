import { Badge } from "@/components/ui/badge";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";

export interface DecidedRow {
  id: string;
  title: string;
  target: string;
  source: string;
  status: string;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}

const STATUS_VARIANT: Record<string, "success" | "destructive" | "secondary" | "warning"> = {
  executed: "success",
  approved: "warning",
  denied: "destructive",
  expired: "secondary",
};

export function DecidedTable({ rows }: { rows: DecidedRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">No decisions yet.</p>;
  return (
    <DataTable
      data-testid="decided-approvals"
      columns={["Status", "Change", "Target", "Source", "Decided", "Reason"]}
    >
      {rows.map((r) => (
        <TableRow key={r.id} data-approval-id={r.id}>
          <TableCell>
            <Badge variant={STATUS_VARIANT[r.status] ?? "secondary"}>{r.status}</Badge>
          </TableCell>
          <TableCell>{r.title}</TableCell>
          <TableCell className="max-w-64 truncate">{r.target}</TableCell>
          <TableCell>{r.source}</TableCell>
          <TableCell className="text-xs">
            {r.decidedAt ? new Date(r.decidedAt).toLocaleString() : "—"}
            {r.decidedBy && <span className="block font-mono text-muted-foreground">{r.decidedBy}</span>}
          </TableCell>
          <TableCell className="max-w-64 truncate text-xs">{r.reason ?? ""}</TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
