"use client";
import { useQueryStates } from "nuqs";
import { FilterInput, FilterSelect, FilterToolbar } from "@/components/shell/filter-toolbar";
import { EmptyNote } from "@/components/shell/result-states";
import { UrlPagination } from "@/components/shell/url-pagination";
import { Badge } from "@/components/ui/badge";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import { formatDate } from "@/components/users/format";
import { RevokeAction } from "@/components/users/revoke-action";
import { revokeInvitationAction } from "@/lib/actions/invitations";
import type { InvitationSummary } from "@/lib/clerk/projections";
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
  const [view, setView] = useQueryStates(invitationsSearchParams, { shallow: false, history: "push" });
  return (
    <div className="grid gap-3">
      <FilterToolbar
        onApply={(form) => {
          const q = new FormData(form).get("q");
          setView({ q: (typeof q === "string" && q) || null, page: null });
        }}
      >
        <FilterSelect
          label="Status"
          value={view.status}
          onValue={(v) => setView({ status: v as (typeof INVITATION_STATUS_FILTERS)[number], page: null })}
          options={INVITATION_STATUS_FILTERS}
          testId="invitations-status"
        />
        <FilterInput
          label="Search email"
          name="q"
          type="search"
          defaultValue={view.q}
          className="w-64"
          testId="invitations-search"
        />
      </FilterToolbar>
      <UrlPagination
        searchParams={invitationsSearchParams}
        total={total}
        page={page}
        size={size}
        noun="invitations"
        testIdPrefix="invitations"
      />
      {invitations.length === 0 ? (
        <EmptyNote boxed data-testid="invitations-empty">
          No invitations match this view.
        </EmptyNote>
      ) : (
        <DataTable
          aria-label="Invitations"
          data-testid="invitations-table"
          columns={["Email", "Status", "Created", "Expires"]}
          actions
        >
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
                  <RevokeAction
                    title={`Revoke the invitation for ${inv.email_address}?`}
                    description="The invitation link stops working. You can invite them again later."
                    confirmLabel="Revoke invitation"
                    canWrite={canWrite}
                    run={() => revokeInvitationAction({ invitation_id: inv.id })}
                    successMessage="Invitation revoked."
                    testId="revoke-invitation"
                  />
                )}
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
    </div>
  );
}
