"use client";
import { Badge } from "@/components/ui/badge";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import type { SessionSummary } from "@/lib/clerk/projections";
import { formatDateTime } from "./format";
import { RevokeSessionButton } from "./revoke-session-button";

export function UserSessions({ sessions, canWrite }: { sessions: SessionSummary[]; canWrite: boolean }) {
  if (sessions.length === 0) return <p className="text-sm text-muted-foreground">No sessions.</p>;
  return (
    <DataTable
      aria-label="Sessions"
      data-testid="sessions-table"
      columns={["Session", "Status", "Device", "Last active", "Expires"]}
      actions
    >
      {sessions.map((s) => (
        <TableRow key={s.id} data-testid="session-row" data-session-id={s.id}>
          <TableCell className="font-mono text-xs">{s.id}</TableCell>
          <TableCell>
            <Badge variant={s.status === "active" ? "success" : "secondary"}>{s.status}</Badge>
          </TableCell>
          <TableCell>
            {[s.latest_activity?.browser_name, s.latest_activity?.device_type].filter(Boolean).join(" · ") ||
              "—"}
          </TableCell>
          <TableCell>{formatDateTime(s.last_active_at)}</TableCell>
          <TableCell>{formatDateTime(s.expire_at)}</TableCell>
          <TableCell className="text-right">
            {s.status === "active" && (
              <RevokeSessionButton sessionId={s.id} canRevoke={canWrite} testId={`revoke-session-${s.id}`} />
            )}
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
