"use client";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/errors";
import { ConfirmAction } from "./confirm-action";

/** The "Revoke" button of a table row: a destructive confirm dialog, then a refresh of the page's data. */
export function RevokeAction<T>({
  title,
  description,
  confirmLabel,
  canWrite = true,
  run,
  successMessage,
  testId,
}: {
  title: string;
  description: string;
  confirmLabel: string;
  canWrite?: boolean;
  run: () => Promise<ActionResult<T>>;
  successMessage: string;
  testId: string;
}) {
  const router = useRouter();
  return (
    <ConfirmAction
      label="Revoke"
      title={title}
      description={description}
      confirmLabel={confirmLabel}
      variant="destructive"
      disabled={!canWrite}
      disabledReason="Viewers have read-only access."
      run={run}
      successMessage={successMessage}
      onDone={() => router.refresh()}
      testId={testId}
    />
  );
}
