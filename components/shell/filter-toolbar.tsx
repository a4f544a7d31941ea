"use client";
import { X } from "lucide-react";
import type * as React from "react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { SpriteIcon } from "@/components/ui/sprite-icon";
import { cn } from "@/lib/utils";

const CLEAR_ICON = <X aria-hidden />;
const DOWNLOAD_ICON = <SpriteIcon name="download" />;

/**
 * The frame of a list's filters: a search landmark around one form. Enter in any field applies it
 * (`onApply`); the submit button is for screen readers, the fields themselves apply as they change.
 */
export function FilterToolbar({
  onApply,
  submitLabel = "Apply filters",
  actions,
  className,
  children,
  ...props
}: Omit<React.ComponentProps<"form">, "onSubmit"> & {
  onApply: (form: HTMLFormElement) => void;
  submitLabel?: string;
  /** Rendered after the fields and the submit button (clear, export, notes). */
  actions?: React.ReactNode;
}) {
  return (
    <search>
      <form
        className={cn("flex flex-wrap items-end gap-3", className)}
        onSubmit={(e) => {
          e.preventDefault();
          onApply(e.currentTarget);
        }}
        {...props}
      >
        {children}
        <button type="submit" className="sr-only">
          {submitLabel}
        </button>
        {actions}
      </form>
    </search>
  );
}

export function ClearFiltersButton(props: Omit<React.ComponentProps<typeof Button>, "type" | "children">) {
  return (
    <Button type="button" variant="ghost" {...props}>
      {CLEAR_ICON} Clear
    </Button>
  );
}

export function ExportCsvLink({ href, testId }: { href: string; testId: string }) {
  return (
    <Button asChild variant="outline" className="ml-auto">
      <a href={href} download data-testid={testId}>
        {DOWNLOAD_ICON}
        Export CSV
      </a>
    </Button>
  );
}

type FieldProps = { label: string; testId: string; onValue: (value: string) => void };

/** A labelled text input of a filter bar; without `onValue` it is read from the form on apply. */
export function FilterInput({
  label,
  testId,
  onValue,
  ...props
}: Omit<FieldProps, "onValue"> &
  Partial<Pick<FieldProps, "onValue">> &
  Omit<React.ComponentProps<"input">, "id" | "onChange">) {
  return (
    <FormField id={useId()} label={label}>
      <Input {...props} onChange={onValue && ((e) => onValue(e.target.value))} data-testid={testId} />
    </FormField>
  );
}

/** A labelled select of a filter bar. */
export function FilterSelect<T extends string | number>({
  label,
  testId,
  onValue,
  ...props
}: FieldProps & Omit<React.ComponentProps<typeof NativeSelect<T>>, "id" | "onChange">) {
  return (
    <FormField id={useId()} label={label}>
      <NativeSelect {...props} onChange={(e) => onValue(e.target.value)} data-testid={testId} />
    </FormField>
  );
}
