"use client";
import { EmptyNote } from "@/components/shell/result-states";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/components/users/format";
import { RevokeSessionButton } from "@/components/users/revoke-session-button";
import type { SessionSummary } from "@/lib/clerk/projections";
import { deviceOf, placeOf } from "./format";
import { UserLink } from "./user-link";

export type ActiveSession = SessionSummary & { user_email: string | null };

/** Every active session now, with "Revoke" through the same confirm and audited write as the user page. */
export function ActiveSessionsTable({
  sessions,
  canRevoke,
}: {
  sessions: ActiveSession[];
  canRevoke: boolean;
}) {
  if (sessions.length === 0) return <EmptyNote boxed>No active sessions.</EmptyNote>;
  return (
    <DataTable
      aria-label="Active sessions"
      data-testid="active-sessions-table"
      columns={["User", "Device", "IP address", "Location", "Signed in", "Last active"]}
      actions
    >
      {sessions.map((s) => (
        <TableRow key={s.id} data-testid="active-session-row" data-session-id={s.id}>
          <TableCell>
            <UserLink userId={s.user_id} email={s.user_email} />
          </TableCell>
          <TableCell>{deviceOf(s.latest_activity?.device_type, s.latest_activity?.browser_name)}</TableCell>
          <TableCell className="font-mono text-xs">{s.latest_activity?.ip_address ?? "—"}</TableCell>
          <TableCell>{placeOf(s.latest_activity)}</TableCell>
          <TableCell>{formatDateTime(s.created_at)}</TableCell>
          <TableCell>{formatDateTime(s.last_active_at)}</TableCell>
          <TableCell className="text-right">
            <RevokeSessionButton
              sessionId={s.id}
              who={s.user_email ?? s.user_id}
              canRevoke={canRevoke}
              testId={`revoke-session-${s.id}`}
            />
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
