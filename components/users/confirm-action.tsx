"use client";
import { type ReactNode, useState } from "react";
import { toast } from "sonner";
import { useRunAction } from "@/components/shell/use-run-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter, DialogPanel, DialogTrigger } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/errors";

type Variant = "default" | "destructive" | "outline";

export const READ_ONLY_REASON = "Viewers have read-only access.";

export type ConfirmActionProps<T> = {
  label: ReactNode;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  variant?: Variant;
  /** false disables the trigger with READ_ONLY_REASON as its title. */
  canWrite?: boolean;
  disabled?: boolean;
  disabledReason?: string;
  run: () => Promise<ActionResult<T>>;
  successMessage: string;
  /** After a success; refreshes the page's data when absent. */
  onDone?: (data: T) => void;
  testId?: string;
  size?: "sm" | "default";
};

/**
 * A write behind a confirm dialog: Radix moves focus into the dialog and back to the trigger on close;
 * the confirm button is disabled while the server action runs; the outcome is toasted.
 */
export function ConfirmAction<T>({
  label,
  title,
  description,
  confirmLabel,
  variant = "outline",
  canWrite = true,
  disabled,
  disabledReason,
  run,
  successMessage,
  onDone,
  testId,
  size = "sm",
}: ConfirmActionProps<T>) {
  const [open, setOpen] = useState(false);
  const { pending, run: runAction, router } = useRunAction();
  const confirm = () =>
    runAction(run, (data) => {
      toast.success(successMessage);
      setOpen(false);
      if (onDone) onDone(data);
      else router.refresh();
    });
  return (
    <Dialog open={open} onOpenChange={(o) => !pending && setOpen(o)}>
      <DialogTrigger asChild>
        <Button
          variant={variant}
          size={size}
          disabled={!canWrite || disabled}
          title={!canWrite ? READ_ONLY_REASON : disabled ? disabledReason : undefined}
          data-testid={testId}
        >
          {label}
        </Button>
      </DialogTrigger>
      <DialogPanel title={title} description={description}>
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)} disabled={pending}>
            Cancel
          </Button>
          <Button
            variant={variant === "destructive" ? "destructive" : "default"}
            onClick={confirm}
            disabled={pending}
            aria-busy={pending}
            data-testid={testId ? `${testId}-confirm` : undefined}
          >
            {pending ? "Working…" : confirmLabel}
          </Button>
        </DialogFooter>
      </DialogPanel>
    </Dialog>
  );
}
