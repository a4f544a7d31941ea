"use client";
import { type ReactNode, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter, DialogPanel, DialogTrigger } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/errors";

type Variant = "default" | "destructive" | "outline";

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
  disabled,
  disabledReason,
  run,
  successMessage,
  onDone,
  testId,
  size = "sm",
}: {
  label: ReactNode;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  variant?: Variant;
  disabled?: boolean;
  disabledReason?: string;
  run: () => Promise<ActionResult<T>>;
  successMessage: string;
  onDone?: (data: T) => void;
  testId?: string;
  size?: "sm" | "default";
}) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const confirm = () =>
    startTransition(async () => {
      const r = await run();
      if (r.ok) {
        toast.success(successMessage);
        setOpen(false);
        onDone?.(r.data);
      } else {
        toast.error(r.error.message);
      }
    });
  return (
    <Dialog open={open} onOpenChange={(o) => !pending && setOpen(o)}>
      <DialogTrigger asChild>
        <Button
          variant={variant}
          size={size}
          disabled={disabled}
          title={disabled ? disabledReason : undefined}
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
