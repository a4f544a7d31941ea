"use client";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { METADATA_LIMIT_BYTES, metadataBytes } from "@/lib/clerk/metadata";
import { createInvitationAction } from "@/lib/console/invitations-actions";
import { parseMetadataInput } from "@/lib/console/metadata-input";
import type { FieldErrors } from "@/lib/errors";

function FieldError({ id, messages }: { id: string; messages?: string[] | null }) {
  return (
    <p id={id} role={messages?.length ? "alert" : undefined} className="text-xs text-red-700">
      {messages?.join(" ")}
    </p>
  );
}

export function InviteForm({ canWrite }: { canWrite: boolean }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [metadata, setMetadata] = useState("");
  const [redirectUrl, setRedirectUrl] = useState("");
  const [days, setDays] = useState("30");
  const [notify, setNotify] = useState(true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, startTransition] = useTransition();
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

  const submit = () =>
    startTransition(async () => {
      const r = await createInvitationAction({
        email,
        public_metadata: metadata,
        redirect_url: redirectUrl,
        ...(days ? { expires_in_days: daysNumber } : {}),
        notify,
      });
      if (r.ok) {
        toast.success(`Invitation sent to ${r.data.email_address}.`);
        setEmail("");
        setMetadata("");
        setErrors({});
        router.refresh();
      } else {
        setErrors(r.error.fieldErrors ?? {});
        toast.error(r.error.message);
      }
    });

  const disabled = !canWrite || pending || !!metadataError || !!daysError || !email.trim();
  return (
    <form
      aria-label="Invite a user"
      className="grid gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (!disabled) submit();
      }}
    >
      <div className="grid gap-1">
        <Label htmlFor={`${id}-email`}>Email</Label>
        <Input
          id={`${id}-email`}
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={!!errors.email}
          aria-describedby={`${id}-email-error`}
          disabled={!canWrite}
          data-testid="invite-email"
        />
        <FieldError id={`${id}-email-error`} messages={errors.email} />
      </div>
      <div className="grid gap-1">
        <Label htmlFor={`${id}-meta`}>Public metadata (JSON, optional)</Label>
        <Textarea
          id={`${id}-meta`}
          rows={3}
          className="font-mono text-xs"
          placeholder='{"role": "viewer"}'
          value={metadata}
          onChange={(e) => setMetadata(e.target.value)}
          aria-invalid={!!metadataError || !!errors.public_metadata}
          aria-describedby={`${id}-meta-error`}
          disabled={!canWrite}
          data-testid="invite-metadata"
        />
        <FieldError
          id={`${id}-meta-error`}
          messages={metadataError ? [metadataError] : errors.public_metadata}
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
        <div className="grid gap-1">
          <Label htmlFor={`${id}-redirect`}>Redirect URL (optional)</Label>
          <Input
            id={`${id}-redirect`}
            value={redirectUrl}
            placeholder="https://app.example.com/welcome"
            onChange={(e) => setRedirectUrl(e.target.value)}
            aria-invalid={!!errors.redirect_url}
            aria-describedby={`${id}-redirect-error`}
            disabled={!canWrite}
            data-testid="invite-redirect"
          />
          <FieldError id={`${id}-redirect-error`} messages={errors.redirect_url} />
        </div>
        <div className="grid gap-1">
          <Label htmlFor={`${id}-days`}>Expires in (days)</Label>
          <Input
            id={`${id}-days`}
            type="number"
            min={1}
            max={365}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            aria-invalid={!!daysError}
            aria-describedby={`${id}-days-error`}
            disabled={!canWrite}
            data-testid="invite-days"
          />
          <FieldError id={`${id}-days-error`} messages={daysError ? [daysError] : errors.expires_in_days} />
        </div>
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
        {!canWrite && <p className="mt-1 text-xs text-zinc-600">Viewers have read-only access.</p>}
      </div>
    </form>
  );
}
