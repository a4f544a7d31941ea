import { AlertTriangle, SearchX } from "lucide-react";
import type * as React from "react";
import { cn } from "@/lib/utils";

/** A list or panel that could not load (or loaded with a caveat): a title, then one line per message. */
export function ResultError({
  title,
  messages,
  className,
  ...props
}: Omit<React.ComponentProps<"div">, "title" | "children"> & { title: React.ReactNode; messages: string[] }) {
  return (
    <div
      role="alert"
      className={cn(
        "flex items-start gap-3 rounded-md border border-destructive/30 bg-destructive/10 p-4 text-sm text-destructive",
        className,
      )}
      {...props}
    >
      <AlertTriangle aria-hidden className="mt-0.5 size-4" />
      <div>
        <p className="font-medium">{title}</p>
        {messages.map((m) => (
          <p key={m}>{m}</p>
        ))}
      </div>
    </div>
  );
}

/** A list with nothing to show for its view, and what to try instead. */
export function ResultEmpty({
  title,
  hint,
  className,
  ...props
}: Omit<React.ComponentProps<"div">, "title" | "children"> & {
  title: React.ReactNode;
  hint: React.ReactNode;
}) {
  return (
    <div
      className={cn(
        "grid justify-items-center gap-2 rounded-md border border-dashed p-10 text-sm text-muted-foreground",
        className,
      )}
      {...props}
    >
      <SearchX aria-hidden className="size-6" />
      <p className="font-medium text-foreground">{title}</p>
      <p>{hint}</p>
    </div>
  );
}

/** A "nothing here" line; `boxed` frames it as the place-holder of a whole list. */
export function EmptyNote({ boxed, className, ...props }: React.ComponentProps<"p"> & { boxed?: boolean }) {
  return (
    <p
      className={cn(
        "text-sm text-muted-foreground",
        boxed && "rounded-md border border-dashed p-8 text-center",
        className,
      )}
      {...props}
    />
  );
}
