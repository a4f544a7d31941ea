"use client";
import { useId, useState } from "react";
import { toast } from "sonner";
import { MaxMembersField, parseMaxMembers } from "@/components/organizations/max-members-field";
import { SubmitForm } from "@/components/shell/submit-form";
import { useFormAction } from "@/components/shell/use-run-action";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { createOrganizationAction } from "@/lib/actions/organizations";

export function CreateOrganizationForm({ canWrite }: { canWrite: boolean }) {
  const { pending, run, router, errors } = useFormAction();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [max, setMax] = useState("");
  const id = useId();
  const { value: maxNumber, error: maxError } = parseMaxMembers(max, true);

  const submit = () =>
    run(
      () =>
        createOrganizationAction({
          name,
          ...(slug.trim() ? { slug: slug.trim() } : {}),
          ...(max ? { max_allowed_memberships: maxNumber } : {}),
        }),
      (data) => {
        toast.success(`Organization ${data.name} created.`);
        router.push(`/organizations/${data.id}`);
      },
    );

  const disabled = !canWrite || pending || !name.trim() || !!maxError;
  return (
    <SubmitForm
      aria-label="Create an organization"
      className="flex flex-wrap items-end gap-3"
      ready={!disabled}
      onReady={() => submit()}
    >
      <FormField id={`${id}-name`} label="Name" errors={errors.name}>
        <Input
          value={name}
          onChange={(e) => setName(e.target.value)}
          disabled={!canWrite}
          className="w-64"
          data-testid="create-organization-name"
        />
      </FormField>
      <FormField id={`${id}-slug`} label="Slug (optional)" errors={errors.slug}>
        <Input
          value={slug}
          placeholder="from the name"
          onChange={(e) => setSlug(e.target.value)}
          disabled={!canWrite}
          className="w-48"
          data-testid="create-organization-slug"
        />
      </FormField>
      <MaxMembersField
        id={`${id}-max`}
        label="Max members (optional)"
        value={max}
        onChange={setMax}
        errors={maxError ? [maxError] : errors.max_allowed_memberships}
        disabled={!canWrite}
        className="w-32"
        testId="create-organization-max"
      />
      <Button type="submit" disabled={disabled} aria-busy={pending} data-testid="create-organization-submit">
        {pending ? "Creating…" : "Create organization"}
      </Button>
      {!canWrite && <p className="text-xs text-muted-foreground">Viewers have read-only access.</p>}
    </SubmitForm>
  );
}
