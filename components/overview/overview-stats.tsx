import { getClerkClient } from "@/lib/clerk/client";
import { loadOverviewStats, type OverviewStats as Stats } from "@/lib/console/overview-load";
import { OverviewError } from "./overview-error";
import { StatCard, StatCardSkeleton } from "./stat-card";

const LABELS = [
  "Total users",
  "Active in the last 7 days",
  "Active in the last 30 days",
  "Pending invitations",
];

/** Async server component: the four headline numbers, from 4 concurrent BAPI requests. */
export async function OverviewStats() {
  let stats: Stats;
  try {
    stats = await loadOverviewStats(getClerkClient());
  } catch (err) {
    return <OverviewError what="the user statistics" error={err} />;
  }
  const pct = (n: number) =>
    stats.totalUsers > 0 ? `${((100 * n) / stats.totalUsers).toFixed(1)}% of all users` : "No users yet";
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <StatCard
        label={LABELS[0]!}
        value={stats.totalUsers}
        testId="overview-user-count"
        href="/users"
        hrefLabel="Browse users"
      />
      <StatCard
        label={LABELS[1]!}
        value={stats.active7d}
        testId="overview-active-7d"
        note={pct(stats.active7d)}
      />
      <StatCard
        label={LABELS[2]!}
        value={stats.active30d}
        testId="overview-active-30d"
        note={pct(stats.active30d)}
      />
      <StatCard
        label={LABELS[3]!}
        value={stats.pendingInvitations}
        testId="overview-pending-invitations"
        href="/invitations?status=pending"
        hrefLabel="Manage invitations"
      />
    </div>
  );
}

export function OverviewStatsSkeleton() {
  return (
    <div
      role="status"
      aria-busy="true"
      aria-label="Loading user statistics"
      data-testid="overview-stats-skeleton"
      className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
    >
      {LABELS.map((l) => (
        <StatCardSkeleton key={l} label={l} />
      ))}
    </div>
  );
}
