import { Skeleton } from "@/components/ui/skeleton";

export function UsersTableSkeleton({ rows = 10 }: { rows?: number }) {
  return (
    <div
      data-testid="users-skeleton"
      role="status"
      aria-busy="true"
      aria-label="Loading users"
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
