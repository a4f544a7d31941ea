"use client";
import { useState } from "react";
import {
  type OrganizationRole,
  OrganizationRoleForm,
  roleName,
} from "@/components/organizations/organization-role-form";
import { EmptyNote } from "@/components/shell/result-states";
import { NativeSelect } from "@/components/ui/native-select";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import { ConfirmAction } from "@/components/users/confirm-action";
import { formatDate } from "@/components/users/format";
import {
  addOrganizationMemberAction,
  removeOrganizationMemberAction,
  updateOrganizationMemberRoleAction,
} from "@/lib/actions/organizations";
import type { OrganizationMemberSummary } from "@/lib/clerk/organization-projections";

function memberLabel(m: OrganizationMemberSummary): string {
  const name = [m.first_name, m.last_name].filter(Boolean).join(" ");
  return name && m.identifier ? `${name} (${m.identifier})` : name || m.identifier || m.user_id;
}

function RoleChanger({
  organizationId,
  member,
  roles,
  canWrite,
}: {
  organizationId: string;
  member: OrganizationMemberSummary;
  roles: OrganizationRole[];
  canWrite: boolean;
}) {
  const [role, setRole] = useState(member.role);
  const label = memberLabel(member);
  return (
    <div className="flex items-center gap-2">
      <NativeSelect
        aria-label={`Role of ${label}`}
        value={role}
        onChange={(e) => setRole(e.target.value)}
        options={
          roles.some((r) => r.key === member.role)
            ? roles.map((r) => r.key)
            : [member.role, ...roles.map((r) => r.key)]
        }
        optionLabel={roleName(roles)}
        disabled={!canWrite}
        data-testid="member-role-select"
      />
      {role !== member.role && (
        <ConfirmAction
          label="Change role"
          title={`Change ${label}'s role?`}
          description={`${member.role} → ${role}`}
          confirmLabel="Change role"
          variant="default"
          canWrite={canWrite}
          run={() =>
            updateOrganizationMemberRoleAction({
              organization_id: organizationId,
              user_id: member.user_id,
              role,
            })
          }
          successMessage={`${label} is now ${role}.`}
          testId="member-role-change"
        />
      )}
    </div>
  );
}

export function OrganizationMembers({
  organizationId,
  members,
  total,
  roles,
  canWrite,
}: {
  organizationId: string;
  members: OrganizationMemberSummary[];
  total: number;
  roles: OrganizationRole[];
  canWrite: boolean;
}) {
  return (
    <div className="grid gap-3">
      <OrganizationRoleForm
        ariaLabel="Add a member"
        field={{ name: "user", label: "User email or id", placeholder: "jane@acme.com" }}
        roles={roles}
        canWrite={canWrite}
        testId="add-member"
        submitLabel="Add member"
        pendingLabel="Adding…"
        submit={(user, role) => addOrganizationMemberAction({ organization_id: organizationId, user, role })}
        successMessage={(data) => `${data.identifier ?? data.user_id} added as ${data.role}.`}
      />
      {members.length === 0 ? (
        <EmptyNote data-testid="members-empty">No members.</EmptyNote>
      ) : (
        <DataTable
          aria-label="Members"
          data-testid="members-table"
          columns={["Member", "Role", "Joined"]}
          actions
        >
          {members.map((m) => (
            <TableRow
              key={m.id}
              data-testid="member-row"
              data-user-id={m.user_id}
              data-role={m.role}
              data-identifier={m.identifier ?? ""}
            >
              <TableCell>
                <a href={`/users/${m.user_id}`} className="hover:underline">
                  {memberLabel(m)}
                </a>
              </TableCell>
              <TableCell>
                <RoleChanger organizationId={organizationId} member={m} roles={roles} canWrite={canWrite} />
              </TableCell>
              <TableCell>{formatDate(m.created_at)}</TableCell>
              <TableCell className="text-right">
                <ConfirmAction
                  label="Remove"
                  title={`Remove ${memberLabel(m)} from the organization?`}
                  description="Their user account stays; only the membership ends."
                  confirmLabel="Remove member"
                  variant="destructive"
                  canWrite={canWrite}
                  run={() =>
                    removeOrganizationMemberAction({ organization_id: organizationId, user_id: m.user_id })
                  }
                  successMessage="Member removed."
                  testId="member-remove"
                />
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
      {total > members.length && (
        <p className="text-xs text-muted-foreground">
          Showing the first {members.length} of {total} members.
        </p>
      )}
    </div>
  );
}
