"use client";
import { EmptyNote } from "@/components/shell/result-states";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/components/users/format";
import { RevokeSessionButton } from "@/components/users/revoke-session-button";
import { UserLink } from "./user-link";

export interface SuspiciousUserView {
  user_id: string;
  user_email: string | null;
  sign_ins: number;
  locations: string[];
  devices: string[];
  last_sign_in_at: number;
  active_session_ids: string[];
}

/** Users over the threshold; each still-active session of the window can be revoked from here. */
export function SuspiciousUsers({
  users,
  moreThan,
  canRevoke,
}: {
  users: SuspiciousUserView[];
  moreThan: number;
  canRevoke: boolean;
}) {
  if (users.length === 0) {
    return (
      <EmptyNote boxed data-testid="suspicious-empty">
        No user signed in from more than {moreThan} locations or devices in this window.
      </EmptyNote>
    );
  }
  return (
    <DataTable
      aria-label="Suspicious sign-ins"
      data-testid="suspicious-table"
      columns={["User", "Sign-ins", "Locations", "Devices", "Last sign-in", "Active sessions"]}
    >
      {users.map((u) => (
        <TableRow key={u.user_id} data-testid="suspicious-row" data-user-id={u.user_id}>
          <TableCell>
            <UserLink userId={u.user_id} email={u.user_email} />
          </TableCell>
          <TableCell>{u.sign_ins}</TableCell>
          <TableCell className={u.locations.length > moreThan ? "font-medium text-destructive" : undefined}>
            {u.locations.join("; ") || "—"}
          </TableCell>
          <TableCell className={u.devices.length > moreThan ? "font-medium text-destructive" : undefined}>
            {u.devices.join("; ")}
          </TableCell>
          <TableCell className="whitespace-nowrap">{formatDateTime(u.last_sign_in_at)}</TableCell>
          <TableCell>
            {u.active_session_ids.length === 0 ? (
              <span className="text-muted-foreground">none</span>
            ) : (
              <ul className="grid gap-1">
                {u.active_session_ids.map((id) => (
                  <li key={id} className="flex items-center justify-between gap-2">
                    <span className="font-mono text-xs">{id}</span>
                    <RevokeSessionButton
                      sessionId={id}
                      who={u.user_email ?? u.user_id}
                      canRevoke={canRevoke}
                      testId={`revoke-suspicious-${id}`}
                    />
                  </li>
                ))}
              </ul>
            )}
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
