import { Skeleton } from "@/components/ui/skeleton";
import { getClerkClient } from "@/lib/clerk/client";
import type { CountedBucket } from "@/lib/console/overview";
import { CLOSED_WEEK_TTL_MS, loadSignupBuckets, SIGNUPS_BAPI_REQUESTS } from "@/lib/console/overview-load";
import { OverviewError } from "./overview-error";
import { SignupsChart } from "./signups-chart";

/** Async server component: signups per week over the last 13 weeks (91 days). */
export async function SignupsPanel() {
  let buckets: CountedBucket[];
  try {
    buckets = await loadSignupBuckets(getClerkClient());
  } catch (err) {
    return <OverviewError what="signups over time" error={err} />;
  }
  const total = buckets.reduce((s, b) => s + b.count, 0);
  return (
    <SignupsChart
      buckets={buckets}
      caption={`${total.toLocaleString("en-US")} signups in the last 13 weeks (weeks end today, UTC). Counted by Clerk with one users-count request per week (${SIGNUPS_BAPI_REQUESTS} concurrent requests; ended weeks are re-counted at most every ${CLOSED_WEEK_TTL_MS / 60_000} minutes); Clerk has no signups-over-time endpoint.`}
    />
  );
}

export function SignupsPanelSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading signups chart" data-testid="signups-skeleton">
      <div className="flex h-[180px] items-end gap-2">
        {Array.from({ length: 13 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
          <Skeleton key={i} className="flex-1" style={{ height: `${30 + ((i * 37) % 60)}%` }} />
        ))}
      </div>
      <Skeleton className="mt-3 h-4 w-2/3" />
    </div>
  );
}
