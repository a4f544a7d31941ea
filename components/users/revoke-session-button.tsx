"use client";
import { revokeSessionAction } from "@/lib/actions/sessions";
import { RevokeAction } from "./revoke-action";

/** "Revoke" for one session: the confirm dialog, the audited revokeSessionAction, then a refresh. */
export function RevokeSessionButton({
  sessionId,
  who,
  canRevoke,
  testId,
}: {
  sessionId: string;
  /** Whose device it is, for the dialog ("jane@acme.com is signed out …"); absent on the user's own page. */
  who?: string;
  canRevoke: boolean;
  testId: string;
}) {
  return (
    <RevokeAction
      title="Revoke this session?"
      description={
        who
          ? `${who} is signed out on this device within one token lifetime.`
          : "The device holding it is signed out within one token lifetime."
      }
      confirmLabel="Revoke session"
      canWrite={canRevoke}
      run={() => revokeSessionAction({ session_id: sessionId })}
      successMessage="Session revoked."
      testId={testId}
    />
  );
}
