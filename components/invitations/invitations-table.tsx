"use client";
import { useRouter } from "next/navigation";
import { useQueryStates } from "nuqs";
import { useId } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ConfirmAction } from "@/components/users/confirm-action";
import { formatDate } from "@/components/users/format";
import type { InvitationSummary } from "@/lib/clerk/projections";
import { revokeInvitationAction } from "@/lib/console/invitations-actions";
import { INVITATION_STATUS_FILTERS, invitationsSearchParams } from "@/lib/console/invitations-view";

const VARIANT: Record<string, "secondary" | "success" | "destructive" | "outline"> = {
  pending: "secondary",
  accepted: "success",
  revoked: "destructive",
  expired: "outline",
};

export function InvitationsTable({
  invitations,
  total,
  page,
  size,
  canWrite,
}: {
  invitations: InvitationSummary[];
  total: number;
  page: number;
  size: number;
  canWrite: boolean;
}) {
  const router = useRouter();
  const [view, setView] = useQueryStates(invitationsSearchParams, { shallow: false, history: "push" });
  const id = useId();
  const pages = Math.max(1, Math.ceil(total / size));
  return (
    <div className="grid gap-3">
      <div className="flex items-end gap-3">
        <div className="grid gap-1">
          <Label htmlFor={`${id}-status`}>Status</Label>
          <select
            id={`${id}-status`}
            className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm"
            value={view.status}
            onChange={(e) =>
              setView({ status: e.target.value as (typeof INVITATION_STATUS_FILTERS)[number], page: null })
            }
            data-testid="invitations-status"
          >
            {INVITATION_STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="grid gap-1">
          <Label htmlFor={`${id}-q`}>Search email</Label>
          <input
            id={`${id}-q`}
            type="search"
            defaultValue={view.q}
            className="h-9 w-64 rounded-md border border-zinc-300 px-2 text-sm"
            onKeyDown={(e) => {
              if (e.key === "Enter") setView({ q: e.currentTarget.value || null, page: null });
            }}
            data-testid="invitations-search"
          />
        </div>
      </div>
      <nav aria-label="Pagination" className="flex items-center justify-between text-sm text-zinc-600">
        <p data-testid="invitations-range">
          {total} invitations · page {page} of {pages}
        </p>
        <div className="flex gap-2">
          <Button
            variant="outline"
            size="sm"
            disabled={page <= 1}
            onClick={() => setView({ page: page - 1 })}
          >
            Previous
          </Button>
          <Button
            variant="outline"
            size="sm"
            disabled={page >= pages}
            onClick={() => setView({ page: page + 1 })}
          >
            Next
          </Button>
        </div>
      </nav>
      {invitations.length === 0 ? (
        <p
          className="rounded-md border border-dashed p-8 text-center text-sm text-zinc-600"
          data-testid="invitations-empty"
        >
          No invitations match this view.
        </p>
      ) : (
        <Table aria-label="Invitations" data-testid="invitations-table">
          <TableHeader>
            <TableRow>
              <TableHead>Email</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>Expires</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {invitations.map((inv) => (
              <TableRow
                key={inv.id}
                data-testid="invitation-row"
                data-email={inv.email_address}
                data-status={inv.status}
              >
                <TableCell>{inv.email_address}</TableCell>
                <TableCell>
                  <Badge variant={VARIANT[inv.status] ?? "outline"} data-testid="invitation-status">
                    {inv.status}
                  </Badge>
                </TableCell>
                <TableCell>{formatDate(inv.created_at)}</TableCell>
                <TableCell>{formatDate(inv.expires_at)}</TableCell>
                <TableCell className="text-right">
                  {inv.status === "pending" && (
                    <ConfirmAction
                      label="Revoke"
                      title={`Revoke the invitation for ${inv.email_address}?`}
                      description="The invitation link stops working. You can invite them again later."
                      confirmLabel="Revoke invitation"
                      variant="destructive"
                      disabled={!canWrite}
                      disabledReason="Viewers have read-only access."
                      run={() => revokeInvitationAction({ invitation_id: inv.id })}
                      successMessage="Invitation revoked."
                      onDone={() => router.refresh()}
                      testId="revoke-invitation"
                    />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
