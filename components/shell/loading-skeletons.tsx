import { Skeleton } from "@/components/ui/skeleton";

/** Rows of placeholders while a table's page loads. */
export function TableSkeleton({ label, rows = 10 }: { label: string; rows?: number }) {
  return (
    <div
      data-testid="table-skeleton"
      role="status"
      aria-busy="true"
      aria-label={label}
      className="grid gap-2"
    >
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <div key={i} className="flex items-center gap-4">
          <Skeleton className="size-8 rounded-full" />
          <Skeleton className="h-4 w-40" />
          <Skeleton className="h-4 w-56" />
          <Skeleton className="h-4 w-24" />
        </div>
      ))}
    </div>
  );
}

/** A detail page's header and two sections while it loads. */
export function DetailSkeleton({ label }: { label: string }) {
  return (
    <div className="grid gap-4" role="status" aria-busy="true" aria-label={label}>
      <Skeleton className="h-14 w-80" />
      <Skeleton className="h-32 w-full" />
      <Skeleton className="h-48 w-full" />
    </div>
  );
}
