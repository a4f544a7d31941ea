"use client";
import { useId, useState } from "react";
import { toast } from "sonner";
import { SubmitForm } from "@/components/shell/submit-form";
import { useRunAction } from "@/components/shell/use-run-action";
import { Button } from "@/components/ui/button";
import { TitledCard } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { updateUserProfileAction } from "@/lib/actions/user-lifecycle";
import type { UserProfile } from "@/lib/clerk/actions/update-user-profile";
import type { FieldErrors } from "@/lib/errors";

const FIELDS = [
  ["first_name", "First name"],
  ["last_name", "Last name"],
  ["username", "Username"],
  ["external_id", "External id"],
] as const satisfies readonly (readonly [keyof UserProfile, string])[];

type Key = (typeof FIELDS)[number][0];

/**
 * First/last name, username and external id through updateUserProfile: only changed fields are sent,
 * an emptied field clears it, and Clerk's refusals (a taken username) show at the field they concern.
 */
export function UserProfileForm({
  userId,
  profile,
  canWrite,
}: {
  userId: string;
  profile: UserProfile;
  canWrite: boolean;
}) {
  const { pending, run, router } = useRunAction();
  const initial = Object.fromEntries(FIELDS.map(([k]) => [k, profile[k] ?? ""])) as Record<Key, string>;
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const id = useId();
  const patch = Object.fromEntries(
    FIELDS.filter(([k]) => values[k].trim() !== initial[k]).map(([k]) => [k, values[k].trim() || null]),
  ) as Partial<Record<Key, string | null>>;
  const changed = Object.keys(patch).length > 0;

  const submit = () =>
    run(
      () => updateUserProfileAction({ user_id: userId, ...patch }),
      () => {
        toast.success("Profile saved.");
        setErrors({});
        setFormError(null);
        router.refresh();
      },
      (error) => {
        const fields = error.fieldErrors ?? {};
        setErrors(fields);
        // A refusal not tied to one of these fields (e.g. Clerk's conflict text) shows under the form.
        setFormError(FIELDS.some(([k]) => fields[k]?.length) ? null : error.message);
      },
    );

  return (
    <TitledCard title="Profile">
      <SubmitForm
        aria-label="User profile"
        data-testid="user-profile-form"
        className="grid gap-3 sm:grid-cols-2"
        ready={canWrite && changed}
        onReady={submit}
      >
        {FIELDS.map(([key, label]) => (
          <FormField key={key} id={`${id}-${key}`} label={label} errors={errors[key]}>
            <Input
              value={values[key]}
              onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
              readOnly={!canWrite}
              autoComplete="off"
              data-testid={`profile-${key.replace("_", "-")}`}
            />
          </FormField>
        ))}
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <Button
            type="submit"
            disabled={!canWrite || !changed || pending}
            aria-busy={pending}
            data-testid="profile-save"
          >
            {pending ? "Saving…" : "Save profile"}
          </Button>
          {changed && (
            <span className="text-xs text-muted-foreground">
              Changes: {Object.keys(patch).join(", ")}. An emptied field is cleared.
            </span>
          )}
        </div>
        {formError && (
          <p role="alert" className="text-sm text-destructive sm:col-span-2" data-testid="profile-error">
            {formError}
          </p>
        )}
      </SubmitForm>
    </TitledCard>
  );
}
