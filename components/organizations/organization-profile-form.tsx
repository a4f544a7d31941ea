"use client";
import { useId, useState } from "react";
import { MaxMembersField, parseMaxMembers } from "@/components/organizations/max-members-field";
import { SubmitForm } from "@/components/shell/submit-form";
import { useFormAction } from "@/components/shell/use-run-action";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { updateOrganizationAction } from "@/lib/actions/organizations";

/** Name, slug and membership limit; only changed fields are sent. */
export function OrganizationProfileForm({
  organization,
  canWrite,
}: {
  organization: { id: string; name: string; slug: string; max_allowed_memberships: number };
  canWrite: boolean;
}) {
  const { pending, run, refreshWith, errors } = useFormAction();
  const [name, setName] = useState(organization.name);
  const [slug, setSlug] = useState(organization.slug);
  const [max, setMax] = useState(String(organization.max_allowed_memberships));
  const id = useId();
  const { value: maxNumber, error: maxError } = parseMaxMembers(max, false);
  const patch = {
    ...(name !== organization.name ? { name } : {}),
    ...(slug !== organization.slug ? { slug } : {}),
    ...(!maxError && maxNumber !== organization.max_allowed_memberships
      ? { max_allowed_memberships: maxNumber }
      : {}),
  };
  const changed = Object.keys(patch).length > 0;

  const submit = () =>
    run(
      () => updateOrganizationAction({ organization_id: organization.id, ...patch }),
      refreshWith("Organization saved."),
    );

  return (
    <SubmitForm
      aria-label="Organization profile"
      className="grid gap-3 sm:grid-cols-[1fr_1fr_10rem_auto] sm:items-end"
      ready={canWrite && changed && !maxError}
      onReady={() => submit()}
    >
      <FormField id={`${id}-name`} label="Name" errors={errors.name}>
        <Input
          value={name}
          onChange={(e) => setName(e.target.value)}
          readOnly={!canWrite}
          data-testid="organization-name-input"
        />
      </FormField>
      <FormField id={`${id}-slug`} label="Slug" errors={errors.slug}>
        <Input
          value={slug}
          onChange={(e) => setSlug(e.target.value)}
          readOnly={!canWrite}
          data-testid="organization-slug-input"
        />
      </FormField>
      <MaxMembersField
        id={`${id}-max`}
        label="Max members (0 = unlimited)"
        value={max}
        onChange={setMax}
        errors={maxError ? [maxError] : errors.max_allowed_memberships}
        readOnly={!canWrite}
        testId="organization-max-input"
      />
      <Button
        type="submit"
        disabled={!canWrite || !changed || !!maxError || pending}
        aria-busy={pending}
        data-testid="organization-profile-save"
      >
        {pending ? "Saving…" : "Save"}
      </Button>
    </SubmitForm>
  );
}
