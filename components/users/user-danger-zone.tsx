"use client";
import { type ReactNode, useState } from "react";
import { toast } from "sonner";
import { DetailSection } from "@/components/shell/detail-section";
import { SubmitForm } from "@/components/shell/submit-form";
import { useRunAction } from "@/components/shell/use-run-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter, DialogPanel, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import {
  createSignInTokenAction,
  deleteUserAction,
  disableMfaAction,
  removeProfileImageAction,
  revokeAllSessionsAction,
  setPasswordAction,
} from "@/lib/actions/user-lifecycle";
import type { UserPageAccess } from "@/lib/auth/policy";
import type { UserLifecycleView } from "@/lib/console/user-lifecycle";
import { ConfirmAction, READ_ONLY_REASON } from "./confirm-action";

/** A dialog whose body is a small form; the trigger and the confirm share the test id. */
function FormDialog({
  trigger,
  title,
  description,
  testId,
  disabled,
  children,
}: {
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  testId: string;
  disabled?: boolean;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button
          variant="outline"
          size="sm"
          disabled={disabled}
          title={disabled ? READ_ONLY_REASON : undefined}
          data-testid={testId}
        >
          {trigger}
        </Button>
      </DialogTrigger>
      <DialogPanel title={title} description={description}>
        {children(() => setOpen(false))}
      </DialogPanel>
    </Dialog>
  );
}

function DeleteUser({ view, label }: { view: UserLifecycleView; label: string }) {
  const expected = view.primaryEmail ?? view.userId;
  const [typed, setTyped] = useState("");
  const { pending, run, router } = useRunAction();
  const matches = typed.trim().toLowerCase() === expected.toLowerCase();
  return (
    <SubmitForm
      className="grid gap-3"
      onReady={() =>
        run(
          () => deleteUserAction({ user_id: view.userId, confirm_email: typed }),
          () => {
            toast.success(`${label} was deleted.`);
            router.push("/users");
          },
        )
      }
    >
      <FormField id="delete-confirm" label={`Type ${expected} to confirm`}>
        <Input
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          data-testid="delete-user-typed"
        />
      </FormField>
      <DialogFooter>
        <Button
          type="submit"
          variant="destructive"
          disabled={!matches || pending}
          data-testid="delete-user-confirm"
        >
          {pending ? "Deleting…" : "Delete user"}
        </Button>
      </DialogFooter>
    </SubmitForm>
  );
}

function SetPassword({ userId, close }: { userId: string; close: () => void }) {
  const [password, setPassword] = useState("");
  const [signOut, setSignOut] = useState(true);
  const [errors, setErrors] = useState<string[] | undefined>();
  const { pending, run, router } = useRunAction();
  return (
    <SubmitForm
      className="grid gap-3"
      onReady={() =>
        run(
          () => setPasswordAction({ user_id: userId, password, sign_out_of_other_sessions: signOut }),
          () => {
            toast.success("Password set.");
            setPassword("");
            close();
            router.refresh();
          },
          (err) => setErrors(err.fieldErrors?.password),
        )
      }
    >
      <FormField id="new-password" label="New password (8+ characters)" errors={errors}>
        <Input
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </FormField>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={signOut} onChange={(e) => setSignOut(e.target.checked)} />
        Sign them out of every session
      </label>
      <DialogFooter>
        <Button type="submit" disabled={pending || password.length === 0} data-testid="set-password-confirm">
          {pending ? "Saving…" : "Set password"}
        </Button>
      </DialogFooter>
    </SubmitForm>
  );
}

function SignInLink({ userId }: { userId: string }) {
  const [link, setLink] = useState<{ url: string; expires_at: number } | null>(null);
  const { pending, run } = useRunAction();
  if (link) {
    return (
      <div className="grid gap-2 text-sm" data-testid="sign-in-link">
        <p>Shown once. It works once and expires {new Date(link.expires_at).toLocaleString()}.</p>
        <Input
          readOnly
          value={link.url}
          onFocus={(e) => e.currentTarget.select()}
          className="font-mono text-xs"
        />
      </div>
    );
  }
  return (
    <DialogFooter>
      <Button
        disabled={pending}
        data-testid="sign-in-link-confirm"
        onClick={() => run(() => createSignInTokenAction({ user_id: userId }), setLink)}
      >
        {pending ? "Creating…" : "Create link (1 hour)"}
      </Button>
    </DialogFooter>
  );
}

export function UserDangerZone({
  view,
  label,
  access,
}: {
  view: UserLifecycleView;
  label: string;
  access: UserPageAccess;
}) {
  const canWrite = access.write;
  const input = { user_id: view.userId };
  return (
    <DetailSection id="danger-zone-heading" title="Danger zone" danger className="gap-3">
      <div className="flex flex-wrap gap-2">
        <FormDialog
          trigger="Set password"
          title={`Set a password for ${label}`}
          description="The password is never stored or shown by this console."
          testId="set-password"
          disabled={!canWrite}
        >
          {(close) => <SetPassword userId={view.userId} close={close} />}
        </FormDialog>
        <ConfirmAction
          label="Revoke all sessions"
          title={`Sign ${label} out everywhere?`}
          description="Every active session is revoked. They can sign in again."
          confirmLabel="Revoke all"
          canWrite={access.revoke}
          run={() => revokeAllSessionsAction(input)}
          successMessage="All sessions revoked."
          testId="revoke-all-sessions"
        />
        <ConfirmAction
          label="Disable MFA"
          title={`Disable MFA for ${label}?`}
          description="Their authenticator app, backup codes and SMS second factor are removed."
          confirmLabel="Disable MFA"
          canWrite={canWrite}
          disabled={!view.mfa}
          disabledReason="The user has no second factor."
          run={() => disableMfaAction(input)}
          successMessage="MFA disabled."
          testId="disable-mfa"
        />
        {view.hasImage && (
          <ConfirmAction
            label="Remove profile image"
            title="Remove the profile image?"
            description="They get the default avatar; the image is not kept."
            confirmLabel="Remove"
            canWrite={canWrite}
            run={() => removeProfileImageAction(input)}
            successMessage="Profile image removed."
            testId="remove-profile-image"
          />
        )}
        <FormDialog
          trigger="Sign-in link"
          title={`One-time sign-in link for ${label}`}
          description="For support: opening it signs them in once. Hand it over securely."
          testId="sign-in-link-open"
          disabled={!access.signInLinks}
        >
          {() => <SignInLink userId={view.userId} />}
        </FormDialog>
        <FormDialog
          trigger={<span className="text-destructive">Delete user</span>}
          title={`Delete ${label}?`}
          description="Their email addresses, phone numbers, sessions, organization memberships and metadata are deleted. This cannot be undone; the audit log keeps a snapshot."
          testId="delete-user"
          disabled={!canWrite}
        >
          {() => <DeleteUser view={view} label={label} />}
        </FormDialog>
      </div>
    </DetailSection>
  );
}
