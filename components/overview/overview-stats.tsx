import { getClerkClient } from "@/lib/clerk/client";
import { loadOverviewStats, type OverviewStats as Stats } from "@/lib/console/overview-load";
import { OverviewError } from "./overview-error";
import { StatCard, StatCardSkeleton } from "./stat-card";

type Card = { label: string; key: keyof Stats; testId: string; href?: string; hrefLabel?: string };

const CARDS: Card[] = [
  {
    label: "Total users",
    key: "totalUsers",
    testId: "overview-user-count",
    href: "/users",
    hrefLabel: "Browse users",
  },
  { label: "Active in the last 7 days", key: "active7d", testId: "overview-active-7d" },
  { label: "Active in the last 30 days", key: "active30d", testId: "overview-active-30d" },
  {
    label: "Pending invitations",
    key: "pendingInvitations",
    testId: "overview-pending-invitations",
    href: "/invitations?status=pending",
    hrefLabel: "Manage invitations",
  },
];

/** Async server component: the four headline numbers, from 4 concurrent BAPI requests. */
export async function OverviewStats() {
  let stats: Stats;
  try {
    stats = await loadOverviewStats(getClerkClient());
  } catch (err) {
    return <OverviewError what="the user statistics" error={err} />;
  }
  // The activity cards (the ones without a link) say what share of all users they are.
  const pct = (n: number) =>
    stats.totalUsers > 0 ? `${((100 * n) / stats.totalUsers).toFixed(1)}% of all users` : "No users yet";
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {CARDS.map(({ key, ...card }) => (
        <StatCard key={key} {...card} value={stats[key]} note={card.href ? undefined : pct(stats[key])} />
      ))}
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
      {CARDS.map((c) => (
        <StatCardSkeleton key={c.key} label={c.label} />
      ))}
    </div>
  );
}
