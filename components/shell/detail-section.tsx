import type * as React from "react";
import { cn } from "@/lib/utils";

/** A titled section of a detail page (the heading labels it for assistive technology). */
export function DetailSection({
  id,
  title,
  danger,
  className,
  children,
}: {
  id: string;
  title: string;
  /** The page's "Danger zone": outlined and titled in the destructive colour. */
  danger?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <section
      className={cn("grid gap-2", danger && "rounded-lg border border-destructive/40 p-4", className)}
      aria-labelledby={id}
      data-testid={danger ? "danger-zone" : undefined}
    >
      <h2 id={id} className={cn("text-lg font-semibold", danger && "text-destructive")}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** One labelled value of a detail page's `<dl>`. */
export function DetailField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
