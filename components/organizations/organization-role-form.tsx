"use client";
import { useId, useState } from "react";
import { toast } from "sonner";
import { SubmitForm } from "@/components/shell/submit-form";
import { useFormAction } from "@/components/shell/use-run-action";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import type { ActionResult } from "@/lib/errors";

export type OrganizationRole = { key: string; name: string };

export const roleName = (roles: OrganizationRole[]) => (key: string) =>
  roles.find((r) => r.key === key)?.name ?? key;

/**
 * One person (a field named `field.name`) and an organization role, sent together: adding a member
 * and inviting to the organization are this form with different fields and actions.
 */
export function OrganizationRoleForm<T>({
  ariaLabel,
  field,
  roles,
  canWrite,
  testId,
  submitLabel,
  pendingLabel,
  submit,
  successMessage,
}: {
  ariaLabel: string;
  field: { name: string; label: string; type?: "email"; placeholder?: string };
  roles: OrganizationRole[];
  canWrite: boolean;
  /** Prefix of the `-<field>`, `-role` and `-submit` test ids. */
  testId: string;
  submitLabel: string;
  pendingLabel: string;
  submit: (value: string, role: string) => Promise<ActionResult<T>>;
  successMessage: (data: T) => string;
}) {
  const { pending, run, router, errors } = useFormAction();
  const [value, setValue] = useState("");
  const [role, setRole] = useState("org:member");
  const id = useId();
  const ready = canWrite && !!value.trim() && !pending;
  const send = () =>
    run(
      () => submit(value.trim(), role),
      (data) => {
        toast.success(successMessage(data));
        setValue("");
        router.refresh();
      },
    );
  return (
    <SubmitForm
      aria-label={ariaLabel}
      className="flex flex-wrap items-end gap-3"
      ready={ready}
      onReady={() => send()}
    >
      <FormField id={`${id}-${field.name}`} label={field.label} errors={errors[field.name] ?? errors._form}>
        <Input
          type={field.type}
          value={value}
          placeholder={field.placeholder}
          onChange={(e) => setValue(e.target.value)}
          disabled={!canWrite}
          className="w-72"
          data-testid={`${testId}-${field.name}`}
        />
      </FormField>
      <FormField id={`${id}-role`} label="Role" errors={errors.role}>
        <NativeSelect
          value={role}
          onChange={(e) => setRole(e.target.value)}
          options={roles.map((r) => r.key)}
          optionLabel={roleName(roles)}
          disabled={!canWrite}
          data-testid={`${testId}-role`}
        />
      </FormField>
      <Button type="submit" disabled={!ready} data-testid={`${testId}-submit`}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </SubmitForm>
  );
}
