"use client";
import { useId, useState } from "react";
import { toast } from "sonner";
import { useRunAction } from "@/components/shell/use-run-action";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import { formatDate } from "@/components/users/format";
import { RevokeAction } from "@/components/users/revoke-action";
import { inviteToOrganizationAction, revokeOrganizationInvitationAction } from "@/lib/actions/organizations";
import type { OrganizationInvitationSummary } from "@/lib/clerk/organization-projections";
import type { FieldErrors } from "@/lib/errors";

type Role = { key: string; name: string };

function InviteForm({
  organizationId,
  roles,
  canWrite,
}: {
  organizationId: string;
  roles: Role[];
  canWrite: boolean;
}) {
  const { pending, run, router } = useRunAction();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("org:member");
  const [errors, setErrors] = useState<FieldErrors>({});
  const id = useId();
  const submit = () =>
    run(
      () =>
        inviteToOrganizationAction({
          organization_id: organizationId,
          email: email.trim(),
          role,
        }),
      (data) => {
        toast.success(`Invitation sent to ${data.email_address}.`);
        setEmail("");
        setErrors({});
        router.refresh();
      },
      (error) => setErrors(error.fieldErrors ?? {}),
    );
  return (
    <form
      aria-label="Invite to the organization"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (canWrite && email.trim() && !pending) submit();
      }}
    >
      <FormField id={`${id}-email`} label="Email" errors={errors.email}>
        <Input
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          disabled={!canWrite}
          className="w-72"
          data-testid="org-invite-email"
        />
      </FormField>
      <FormField id={`${id}-role`} label="Role" errors={errors.role}>
        <NativeSelect
          value={role}
          onChange={(e) => setRole(e.target.value)}
          options={roles.map((r) => r.key)}
          optionLabel={(k) => roles.find((r) => r.key === k)?.name ?? k}
          disabled={!canWrite}
          data-testid="org-invite-role"
        />
      </FormField>
      <Button type="submit" disabled={!canWrite || !email.trim() || pending} data-testid="org-invite-submit">
        {pending ? "Inviting…" : "Send invitation"}
      </Button>
    </form>
  );
}

export function OrganizationInvitations({
  organizationId,
  invitations,
  roles,
  canWrite,
}: {
  organizationId: string;
  invitations: OrganizationInvitationSummary[];
  roles: Role[];
  canWrite: boolean;
}) {
  return (
    <div className="grid gap-3">
      <InviteForm organizationId={organizationId} roles={roles} canWrite={canWrite} />
      {invitations.length === 0 ? (
        <p className="text-sm text-muted-foreground" data-testid="org-invitations-empty">
          No pending invitations.
        </p>
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
