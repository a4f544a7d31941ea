"use client";
import { useState } from "react";
import { toast } from "sonner";
import { copyToClipboard } from "@/components/shell/copy-to-clipboard";
import { SubmitForm } from "@/components/shell/submit-form";
import { useRunAction } from "@/components/shell/use-run-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter, DialogPanel, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { formatDateTime } from "@/components/users/format";
import {
  createApprovedImpersonationLinkAction,
  impersonateUserAction,
  requestImpersonationAction,
  revokeImpersonationAction,
} from "@/lib/actions/impersonation";
import type { UserPageAccess } from "@/lib/auth/policy";
import type { ImpersonationEntry } from "@/lib/clerk/actions/list-impersonations";
import type { ImpersonationRequest } from "@/lib/console/impersonation-requests";
import type { PublicError } from "@/lib/errors";

const EXPIRIES = new Map([
  [300, "5 minutes"],
  [600, "10 minutes"],
  [1800, "30 minutes"],
  [3600, "1 hour"],
]);

type Link = { url: string; expires_at: number };

function LinkOnce({ link }: { link: Link }) {
  return (
    <div className="grid gap-2 text-sm" data-testid="impersonation-link">
      <p>
        Shown once. Open it in a private window; it works once and expires {formatDateTime(link.expires_at)}.
      </p>
      <Input
        readOnly
        value={link.url}
        onFocus={(e) => e.currentTarget.select()}
        className="font-mono text-xs"
        data-testid="impersonation-url"
      />
      <DialogFooter>
        <Button
          variant="outline"
          onClick={() => copyToClipboard(link.url, "Link")}
          data-testid="impersonation-copy"
        >
          Copy link
        </Button>
      </DialogFooter>
    </div>
  );
}

/** `direct`: creating the link is the admin's approval. `request`: it goes to Approvals for an admin. */
function ImpersonateForm({
  userId,
  mode,
  onRequested,
}: {
  userId: string;
  mode: "direct" | "request";
  onRequested?: () => void;
}) {
  const [reason, setReason] = useState("");
  const [seconds, setSeconds] = useState(600);
  const [errors, setErrors] = useState<Record<string, string[]> | undefined>();
  const [link, setLink] = useState<Link | null>(null);
  const { pending, run, router } = useRunAction();
  const showLink = (out: Link) => {
    setLink(out);
    router.refresh();
  };
  if (link) return <LinkOnce link={link} />;
  return (
    <SubmitForm
      className="grid gap-3"
      onReady={() => {
        const input = { user_id: userId, reason, expires_in_seconds: seconds };
        const onError = (err: PublicError) => setErrors(err.fieldErrors);
        if (mode === "request")
          run(
            () => requestImpersonationAction(input),
            () => {
              toast.success("Sent to Approvals: an admin has to approve it.");
              onRequested?.();
              router.refresh();
            },
            onError,
          );
        else run(() => impersonateUserAction(input), showLink, onError);
      }}
    >
      <FormField id="impersonation-reason" label="Reason (required, audited)" errors={errors?.reason}>
        <Textarea
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          placeholder="Ticket #1234: the user cannot see their invoices"
          data-testid="impersonation-reason"
        />
      </FormField>
      <FormField id="impersonation-expiry" label="Link expires after" errors={errors?.expires_in_seconds}>
        <NativeSelect
          value={seconds}
          onChange={(e) => setSeconds(Number(e.target.value))}
          options={[...EXPIRIES.keys()]}
          optionLabel={(s) => EXPIRIES.get(s)}
        />
      </FormField>
      <DialogFooter>
        <Button
          type="submit"
          disabled={pending || reason.trim().length < 3}
          data-testid="impersonation-confirm"
        >
          {pending ? "Sending…" : mode === "request" ? "Request approval" : "Approve and create link"}
        </Button>
      </DialogFooter>
    </SubmitForm>
  );
}

function ActiveImpersonations({ entries, canWrite }: { entries: ImpersonationEntry[]; canWrite: boolean }) {
  const { pending, run, refreshWith } = useRunAction();
  if (entries.length === 0) return <p className="text-sm text-muted-foreground">No active impersonation.</p>;
  return (
    <ul className="grid gap-2 text-sm" data-testid="active-impersonations">
      {entries.map((e) => (
        <li
          key={e.token_id}
          className="flex flex-wrap items-center justify-between gap-2 rounded-md border p-2"
        >
          <span>
            <span className="font-mono text-xs">{e.token_id}</span> by {e.admin_email ?? e.admin_user_id} —{" "}
            {e.reason} <span className="text-muted-foreground">(expires {formatDateTime(e.expires_at)})</span>
          </span>
          <Button
            variant="outline"
            size="sm"
            disabled={!canWrite || pending}
            data-testid="impersonation-revoke"
            onClick={() =>
              run(
                () => revokeImpersonationAction({ user_id: e.user_id, actor_token_id: e.token_id }),
                refreshWith("Impersonation revoked."),
              )
            }
          >
            Revoke
          </Button>
        </li>
      ))}
    </ul>
  );
}

/** Support's requests: pending until an admin approves in Approvals; an approved one becomes the link, once. */
function ImpersonationRequests({ requests }: { requests: ImpersonationRequest[] }) {
  const { pending, run, router } = useRunAction();
  const [link, setLink] = useState<Link | null>(null);
  if (link) return <LinkOnce link={link} />;
  if (requests.length === 0) return null;
  return (
    <ul className="grid gap-2 text-sm" data-testid="impersonation-requests">
      {requests.map((r) => (
        <li
          key={r.approval_id}
          className="flex flex-wrap items-center justify-between gap-2 rounded-md border p-2"
          data-testid="impersonation-request"
          data-status={r.status}
        >
          <span>
            {r.reason}{" "}
            <span className="text-muted-foreground">
              ({r.status === "pending" ? "waiting for an admin in Approvals" : "approved by an admin"})
            </span>
          </span>
          <Button
            variant="outline"
            size="sm"
            disabled={r.status !== "approved" || pending}
            data-testid="impersonation-request-create"
            onClick={() =>
              run(
                () => createApprovedImpersonationLinkAction({ approval_id: r.approval_id }),
                (out) => {
                  setLink(out);
                  router.refresh();
                },
              )
            }
          >
            Create link
          </Button>
        </li>
      ))}
    </ul>
  );
}

function historyText(e: ImpersonationEntry): string {
  if (e.used_at !== null) return `used ${formatDateTime(e.used_at)} (session ${e.used_session_id})`;
  if (e.revoked_at !== null) return `revoked ${formatDateTime(e.revoked_at)} by ${e.revoked_by ?? "?"}`;
  return `expired ${formatDateTime(e.expires_at)} unused`;
}

/** Past links: when each was used (the sign-in it opened), revoked, or left to expire. */
function ImpersonationHistory({ entries }: { entries: ImpersonationEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <div className="grid gap-1">
      <h3 className="text-sm font-medium text-muted-foreground">Recent</h3>
      <ul className="grid gap-1 text-sm" data-testid="impersonation-history">
        {entries.map((e) => (
          <li
            key={e.token_id}
            data-testid="impersonation-history-entry"
            data-token-id={e.token_id}
            data-state={e.used_at !== null ? "used" : e.revoked ? "revoked" : "expired"}
          >
            <span className="font-mono text-xs">{e.token_id}</span> by {e.admin_email ?? e.admin_user_id} —{" "}
            {e.reason} <span className="text-muted-foreground">({historyText(e)})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Impersonation: a Clerk actor token with the signed-in user as actor, the link shown once. */
export function UserImpersonation({
  userId,
  label,
  access,
  active,
  history = [],
  requests = [],
}: {
  userId: string;
  label: string;
  access: Pick<UserPageAccess, "impersonate" | "revoke">;
  active: ImpersonationEntry[];
  /** Used, revoked or expired links, newest first. */
  history?: ImpersonationEntry[];
  /** The signed-in requester's open requests (roles whose impersonation an admin approves). */
  requests?: ImpersonationRequest[];
}) {
  const mode = access.impersonate === "approval" ? "request" : "direct";
  const canWrite = access.impersonate !== "no";
  const [open, setOpen] = useState(false);
  return (
    <section
      aria-labelledby="impersonation-heading"
      className="grid gap-3 rounded-lg border p-4"
      data-testid="impersonation"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="impersonation-heading" className="text-lg font-semibold">
          Impersonation
        </h2>
        <Dialog open={open} onOpenChange={setOpen}>
          <DialogTrigger asChild>
            <Button
              variant="outline"
              size="sm"
              disabled={!canWrite}
              title={canWrite ? undefined : "Viewers have read-only access."}
              data-testid="impersonate-open"
            >
              {mode === "request" ? "Request sign-in as this user" : "Sign in as this user"}
            </Button>
          </DialogTrigger>
          <DialogPanel
            title={`Sign in as ${label}`}
            description={
              mode === "request"
                ? "An admin approves the request in Approvals; then you create the one-time link here, with you as the actor (Clerk's act claim). The audit records you, the approving admin, the user, the reason and the token."
                : "Creates a one-time link that signs a browser in as this user, with you as the actor (Clerk's act claim). Creating it is your approval; the audit records you, the user, the reason and the token."
            }
          >
            {open && <ImpersonateForm userId={userId} mode={mode} onRequested={() => setOpen(false)} />}
          </DialogPanel>
        </Dialog>
      </div>
      <ImpersonationRequests requests={requests} />
      <ActiveImpersonations entries={active} canWrite={access.revoke} />
      <ImpersonationHistory entries={history} />
    </section>
  );
}
