"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "sonner";
import { useRunAction } from "@/components/shell/use-run-action";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
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
import type { FieldErrors } from "@/lib/errors";

type Role = { key: string; name: string };

function memberLabel(m: OrganizationMemberSummary): string {
  const name = [m.first_name, m.last_name].filter(Boolean).join(" ");
  return name && m.identifier ? `${name} (${m.identifier})` : name || m.identifier || m.user_id;
}

export function AddMemberForm({
  organizationId,
  roles,
  canWrite,
}: {
  organizationId: string;
  roles: Role[];
  canWrite: boolean;
}) {
  const { pending, run, router } = useRunAction();
  const [user, setUser] = useState("");
  const [role, setRole] = useState("org:member");
  const [errors, setErrors] = useState<FieldErrors>({});
  const id = useId();
  const submit = () =>
    run(
      () => addOrganizationMemberAction({ organization_id: organizationId, user, role }),
      (data) => {
        toast.success(`${data.identifier ?? data.user_id} added as ${data.role}.`);
        setUser("");
        setErrors({});
        router.refresh();
      },
      (error) => setErrors(error.fieldErrors ?? {}),
    );
  return (
    <form
      aria-label="Add a member"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (canWrite && user.trim() && !pending) submit();
      }}
    >
      <FormField id={`${id}-user`} label="User email or id" errors={errors.user ?? errors._form}>
        <Input
          value={user}
          placeholder="jane@acme.com"
          onChange={(e) => setUser(e.target.value)}
          disabled={!canWrite}
          className="w-72"
          data-testid="add-member-user"
        />
      </FormField>
      <FormField id={`${id}-role`} label="Role" errors={errors.role}>
        <NativeSelect
          value={role}
          onChange={(e) => setRole(e.target.value)}
          options={roles.map((r) => r.key)}
          optionLabel={(k) => roles.find((r) => r.key === k)?.name ?? k}
          disabled={!canWrite}
          data-testid="add-member-role"
        />
      </FormField>
      <Button type="submit" disabled={!canWrite || !user.trim() || pending} data-testid="add-member-submit">
        {pending ? "Adding…" : "Add member"}
      </Button>
    </form>
  );
}

function RoleChanger({
  organizationId,
  member,
  roles,
  canWrite,
}: {
  organizationId: string;
  member: OrganizationMemberSummary;
  roles: Role[];
  canWrite: boolean;
}) {
  const router = useRouter();
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
        optionLabel={(k) => roles.find((r) => r.key === k)?.name ?? k}
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
          disabled={!canWrite}
          run={() =>
            updateOrganizationMemberRoleAction({
              organization_id: organizationId,
              user_id: member.user_id,
              role,
            })
          }
          successMessage={`${label} is now ${role}.`}
          onDone={() => router.refresh()}
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
  roles: Role[];
  canWrite: boolean;
}) {
  const router = useRouter();
  return (
    <div className="grid gap-3">
      <AddMemberForm organizationId={organizationId} roles={roles} canWrite={canWrite} />
      {members.length === 0 ? (
        <p className="text-sm text-muted-foreground" data-testid="members-empty">
          No members.
        </p>
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
                  disabled={!canWrite}
                  disabledReason="Viewers have read-only access."
                  run={() =>
                    removeOrganizationMemberAction({ organization_id: organizationId, user_id: m.user_id })
                  }
                  successMessage="Member removed."
                  onDone={() => router.refresh()}
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
