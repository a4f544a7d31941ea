import Link from "next/link";
import { EmptyNote } from "@/components/shell/result-states";
import { Badge } from "@/components/ui/badge";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/components/users/format";
import type { FiringWrite } from "@/lib/automations/run";
import type { AutomationFiringRow, FiringStatus } from "@/lib/db/schema";

const VARIANT: Record<FiringStatus, "success" | "warning" | "secondary" | "destructive"> = {
  pending: "secondary",
  running: "secondary",
  applied: "success",
  proposed: "warning",
  skipped: "secondary",
  failed: "destructive",
};

function labelOf(f: AutomationFiringRow): string {
  const data = (f.event as { data?: Record<string, unknown> }).data ?? {};
  const emails = data.email_addresses;
  if (Array.isArray(emails) && typeof emails[0]?.email_address === "string") return emails[0].email_address;
  return typeof data.id === "string" ? data.id : f.svixId;
}

/** The rule's firings, newest first: event, outcome, each write's audit entry or inbox item, error. */
export function FiringHistory({ firings }: { firings: AutomationFiringRow[] }) {
  if (firings.length === 0) return <EmptyNote boxed>No firings yet.</EmptyNote>;
  return (
    <DataTable data-testid="firing-history" columns={["When", "Event", "Status", "Writes", "Error"]}>
      {firings.map((f) => (
        <TableRow key={f.id} data-testid="firing-row" data-status={f.status} data-svix-id={f.svixId}>
          <TableCell>{formatDateTime(f.createdAt.getTime())}</TableCell>
          <TableCell>
            <span className="grid">
              <span>{labelOf(f)}</span>
              <span className="text-xs text-muted-foreground">
                {f.eventType} · {f.svixId}
              </span>
            </span>
          </TableCell>
          <TableCell>
            <Badge variant={VARIANT[f.status]}>{f.status}</Badge>
          </TableCell>
          <TableCell className="text-xs">
            {(f.writes as FiringWrite[]).map((w) => (
              <span key={`${w.action}:${JSON.stringify(w.input)}`} className="block">
                {w.action}: {w.status}
                {w.auditId && <span className="text-muted-foreground"> · audit {w.auditId.slice(0, 8)}</span>}
                {w.approvalId && (
                  <>
                    {" "}
                    · <Link href="/approvals">inbox</Link>
                  </>
                )}
                {w.error && <span className="text-destructive"> · {w.error}</span>}
              </span>
            ))}
          </TableCell>
          <TableCell className="max-w-xs text-xs text-muted-foreground">{f.error ?? ""}</TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
