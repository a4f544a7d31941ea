"use client";
import { EmptyNote } from "@/components/shell/result-states";
import { Badge } from "@/components/ui/badge";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/components/users/format";
import { RevokeSessionButton } from "@/components/users/revoke-session-button";
import type { SignInView } from "@/lib/clerk/actions/sign-in-shared";
import { deviceOf, placeOf } from "./format";
import { UserLink } from "./user-link";

/** The newest sign-ins (from the store), each revocable while its session is active. */
export function RecentSignInsTable({ signIns, canRevoke }: { signIns: SignInView[]; canRevoke: boolean }) {
  if (signIns.length === 0) return <EmptyNote boxed>No sign-ins recorded yet.</EmptyNote>;
  return (
    <DataTable
      aria-label="Recent sign-ins"
      data-testid="recent-sign-ins-table"
      columns={["When", "User", "Device", "IP address", "Location", "Session"]}
      actions
    >
      {signIns.map((s) => (
        <TableRow key={s.session_id} data-testid="sign-in-row" data-session-id={s.session_id}>
          <TableCell className="whitespace-nowrap">{formatDateTime(s.signed_in_at)}</TableCell>
          <TableCell>
            <UserLink userId={s.user_id} email={s.user_email} />
            {s.impersonated_by && (
              <Badge variant="secondary" className="ml-2" title={`Impersonated by ${s.impersonated_by}`}>
                impersonation
              </Badge>
            )}
          </TableCell>
          <TableCell>{deviceOf(s.device_type, s.browser)}</TableCell>
          <TableCell className="font-mono text-xs">{s.ip_address ?? "—"}</TableCell>
          <TableCell>{placeOf(s)}</TableCell>
          <TableCell>
            <Badge variant={s.status === "active" ? "success" : "secondary"}>{s.status}</Badge>
          </TableCell>
          <TableCell className="text-right">
            {s.status === "active" && (
              <RevokeSessionButton
                sessionId={s.session_id}
                who={s.user_email ?? s.user_id}
                canRevoke={canRevoke}
                testId={`revoke-sign-in-${s.session_id}`}
              />
            )}
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
