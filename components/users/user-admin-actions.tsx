"use client";
import { Ban, Lock, LockOpen, ShieldCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { banUserAction, lockUserAction, unbanUserAction, unlockUserAction } from "@/lib/actions/users";
import { ConfirmAction } from "./confirm-action";

const VIEWER = "Viewers have read-only access.";

export function UserAdminActions({
  userId,
  label,
  banned,
  locked,
  canWrite,
}: {
  userId: string;
  label: string;
  banned: boolean;
  locked: boolean;
  canWrite: boolean;
}) {
  const router = useRouter();
  const refresh = () => router.refresh();
  const input = { user_id: userId };
  return (
    <fieldset className="flex flex-wrap gap-2" aria-label="Account actions">
      {banned ? (
        <ConfirmAction
          label={
            <>
              <ShieldCheck aria-hidden /> Unban
            </>
          }
          title={`Unban ${label}?`}
          description="They will be able to sign in again."
          confirmLabel="Unban"
          disabled={!canWrite}
          disabledReason={VIEWER}
          run={() => unbanUserAction(input)}
          successMessage="User unbanned."
          onDone={refresh}
          testId="unban-user"
        />
      ) : (
        <ConfirmAction
          label={
            <>
              <Ban aria-hidden /> Ban
            </>
          }
          title={`Ban ${label}?`}
          description="They are signed out of every session and cannot sign in until unbanned."
          confirmLabel="Ban user"
          variant="destructive"
          disabled={!canWrite}
          disabledReason={VIEWER}
          run={() => banUserAction(input)}
          successMessage="User banned."
          onDone={refresh}
          testId="ban-user"
        />
      )}
      {locked ? (
        <ConfirmAction
          label={
            <>
              <LockOpen aria-hidden /> Unlock
            </>
          }
          title={`Unlock ${label}?`}
          description="Lifts the lockout so they can try signing in again."
          confirmLabel="Unlock"
          disabled={!canWrite}
          disabledReason={VIEWER}
          run={() => unlockUserAction(input)}
          successMessage="User unlocked."
          onDone={refresh}
          testId="unlock-user"
        />
      ) : (
        <ConfirmAction
          label={
            <>
              <Lock aria-hidden /> Lock
            </>
          }
          title={`Lock ${label}?`}
          description="Locks the account as after too many failed sign-in attempts."
          confirmLabel="Lock user"
          disabled={!canWrite}
          disabledReason={VIEWER}
          run={() => lockUserAction(input)}
          successMessage="User locked."
          onDone={refresh}
          testId="lock-user"
        />
      )}
    </fieldset>
  );
}
