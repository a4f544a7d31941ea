"use client";

import { Slot } from "radix-ui";
import type * as React from "react";
import { cn } from "@/lib/utils";
import { Label } from "./label";

/**
 * A label, one control and its error messages. The control (the single child) gets `id`, and while
 * there are errors `aria-invalid` and `aria-describedby` pointing at them; its own props win.
 */
function FormField({
  id,
  label,
  errors,
  className,
  children,
}: {
  id: string;
  label: React.ReactNode;
  errors?: readonly string[] | null;
  className?: string;
  children: React.ReactElement;
}) {
  const errorId = `${id}-error`;
  const invalid = !!errors?.length;
  return (
    <div data-slot="form-field" className={cn("grid gap-1", className)}>
      <Label htmlFor={id}>{label}</Label>
      <Slot.Root id={id} aria-invalid={invalid || undefined} aria-describedby={invalid ? errorId : undefined}>
        {children}
      </Slot.Root>
      {invalid && (
        <p id={errorId} role="alert" className="text-xs text-destructive">
          {errors.join(" ")}
        </p>
      )}
    </div>
  );
}

export { FormField };
