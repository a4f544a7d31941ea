"use client";
import { useId, useMemo, useState } from "react";
import { toast } from "sonner";
import { SubmitForm } from "@/components/shell/submit-form";
import { useFormAction } from "@/components/shell/use-run-action";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { createInvitationAction } from "@/lib/actions/invitations";
import { METADATA_LIMIT_BYTES, metadataBytes } from "@/lib/clerk/metadata";
import { parseMetadataInput } from "@/lib/console/metadata-input";

export function InviteForm({ canWrite }: { canWrite: boolean }) {
  const { pending, run, router, errors, setErrors } = useFormAction();
  const [email, setEmail] = useState("");
  const [metadata, setMetadata] = useState("");
  const [redirectUrl, setRedirectUrl] = useState("");
  const [days, setDays] = useState("30");
  const [notify, setNotify] = useState(true);
  const id = useId();

  const metadataError = useMemo(() => {
    if (!metadata.trim()) return null;
    const p = parseMetadataInput(metadata);
    if (!p.ok) return p.error;
    const bytes = metadataBytes(p.value);
    return bytes > METADATA_LIMIT_BYTES
      ? `Too large: ${bytes} bytes; Clerk's limit is ${METADATA_LIMIT_BYTES}.`
      : null;
  }, [metadata]);
  const daysNumber = Number(days);
  const daysError =
    days && (!Number.isInteger(daysNumber) || daysNumber < 1 || daysNumber > 365)
      ? "Expiry must be a whole number of days between 1 and 365."
      : null;

  const submit = (confirmOutsideAllowlist = false) =>
    run(
      () =>
        createInvitationAction({
          email,
          public_metadata: metadata,
          redirect_url: redirectUrl,
          ...(days ? { expires_in_days: daysNumber } : {}),
          notify,
          ...(confirmOutsideAllowlist ? { confirm_outside_allowlist: true } : {}),
        }),
      (invitation) => {
        toast.success(`Invitation sent to ${invitation.email_address}.`);
        setEmail("");
        setMetadata("");
        router.refresh();
      },
    );

  const disabled = !canWrite || pending || !!metadataError || !!daysError || !email.trim();
  return (
    <SubmitForm aria-label="Invite a user" className="grid gap-3" ready={!disabled} onReady={() => submit()}>
      <FormField id={`${id}-email`} label="Email" errors={errors.email}>
        <Input
          type="email"
          required
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
            if (errors.allowlist) setErrors({});
          }}
          disabled={!canWrite}
          data-testid="invite-email"
        />
      </FormField>
      {errors.allowlist && (
        <div
          role="alert"
          data-testid="invite-allowlist-warning"
          className="grid gap-2 rounded-md border border-warning/50 bg-warning/10 p-2 text-sm"
        >
          <p>⚠ {errors.allowlist.join(" ")}</p>
          <div>
            <Button
              type="button"
              variant="outline"
              size="sm"
              disabled={disabled}
              onClick={() => submit(true)}
              data-testid="invite-anyway"
            >
              Invite anyway
            </Button>
          </div>
        </div>
      )}
      <FormField
        id={`${id}-meta`}
        label="Public metadata (JSON, optional)"
        errors={metadataError ? [metadataError] : errors.public_metadata}
      >
        <Textarea
          rows={3}
          className="font-mono text-xs"
          placeholder='{"role": "viewer"}'
          value={metadata}
          onChange={(e) => setMetadata(e.target.value)}
          disabled={!canWrite}
          data-testid="invite-metadata"
        />
      </FormField>
      <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
        <FormField id={`${id}-redirect`} label="Redirect URL (optional)" errors={errors.redirect_url}>
          <Input
            value={redirectUrl}
            placeholder="https://app.example.com/welcome"
            onChange={(e) => setRedirectUrl(e.target.value)}
            disabled={!canWrite}
            data-testid="invite-redirect"
          />
        </FormField>
        <FormField
          id={`${id}-days`}
          label="Expires in (days)"
          errors={daysError ? [daysError] : errors.expires_in_days}
        >
          <Input
            type="number"
            min={1}
            max={365}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            disabled={!canWrite}
            data-testid="invite-days"
          />
        </FormField>
      </div>
      <div className="flex items-center gap-2">
        <input
          id={`${id}-notify`}
          type="checkbox"
          checked={notify}
          onChange={(e) => setNotify(e.target.checked)}
          disabled={!canWrite}
          className="size-4"
        />
        <Label htmlFor={`${id}-notify`}>Send the invitation email</Label>
      </div>
      <div>
        <Button type="submit" disabled={disabled} aria-busy={pending} data-testid="invite-submit">
          {pending ? "Inviting…" : "Send invitation"}
        </Button>
        {!canWrite && <p className="mt-1 text-xs text-muted-foreground">Viewers have read-only access.</p>}
      </div>
    </SubmitForm>
  );
}
