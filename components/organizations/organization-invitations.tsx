"use client";
import {
  type OrganizationRole,
  OrganizationRoleForm,
} from "@/components/organizations/organization-role-form";
import { EmptyNote } from "@/components/shell/result-states";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import { formatDate } from "@/components/users/format";
import { RevokeAction } from "@/components/users/revoke-action";
import { inviteToOrganizationAction, revokeOrganizationInvitationAction } from "@/lib/actions/organizations";
import type { OrganizationInvitationSummary } from "@/lib/clerk/organization-projections";

export function OrganizationInvitations({
  organizationId,
  invitations,
  roles,
  canWrite,
}: {
  organizationId: string;
  invitations: OrganizationInvitationSummary[];
  roles: OrganizationRole[];
  canWrite: boolean;
}) {
  return (
    <div className="grid gap-3">
      <OrganizationRoleForm
        ariaLabel="Invite to the organization"
        field={{ name: "email", label: "Email", type: "email" }}
        roles={roles}
        canWrite={canWrite}
        testId="org-invite"
        submitLabel="Send invitation"
        pendingLabel="Inviting…"
        submit={(email, role) => inviteToOrganizationAction({ organization_id: organizationId, email, role })}
        successMessage={(data) => `Invitation sent to ${data.email_address}.`}
      />
      {invitations.length === 0 ? (
        <EmptyNote data-testid="org-invitations-empty">No pending invitations.</EmptyNote>
      ) : (
        <DataTable
          aria-label="Pending invitations"
          data-testid="org-invitations-table"
          columns={["Email", "Role", "Sent", "Expires"]}
          actions
        >
          {invitations.map((inv) => (
            <TableRow key={inv.id} data-testid="org-invitation-row" data-email={inv.email_address}>
              <TableCell>{inv.email_address}</TableCell>
              <TableCell>{inv.role}</TableCell>
              <TableCell>{formatDate(inv.created_at)}</TableCell>
              <TableCell>{formatDate(inv.expires_at)}</TableCell>
              <TableCell className="text-right">
                <RevokeAction
                  title={`Revoke the invitation for ${inv.email_address}?`}
                  description="The invitation can no longer be accepted. You can invite them again later."
                  confirmLabel="Revoke invitation"
                  canWrite={canWrite}
                  run={() =>
                    revokeOrganizationInvitationAction({
                      organization_id: organizationId,
                      invitation_id: inv.id,
                    })
                  }
                  successMessage="Invitation revoked."
                  testId="org-invitation-revoke"
                />
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
    </div>
  );
}
