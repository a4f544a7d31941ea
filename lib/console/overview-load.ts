import { actionContext } from "@/lib/clerk/action-context";
import { countUsers } from "@/lib/clerk/actions/count-users";
import { listInvitations } from "@/lib/clerk/actions/list-invitations";
import type { ClerkClient } from "@/lib/clerk/client";
import { runAction } from "@/lib/clerk/define-action";
import { withReadRetry } from "@/lib/clerk/retry";
import {
  type Bucket,
  bucketCountParams,
  type CountedBucket,
  DAY_MS,
  SIGNUP_WEEKS,
  weeklyBuckets,
} from "./overview";

export type OverviewStats = Awaited<ReturnType<typeof loadOverviewStats>>;

/** BAPI requests one Overview load costs, all concurrent: total, 2 active windows, pending invitations. */
export const STATS_BAPI_REQUESTS = 4;
/** One GET /users/count per weekly bucket on a cold load; see CLOSED_WEEK_TTL_MS for warm ones. */
export const SIGNUPS_BAPI_REQUESTS = SIGNUP_WEEKS;

/**
 * Weeks that ended are counted again at most this often: their signups only change when a user is
 * deleted, and 12 requests per Overview load would eat into a development instance's 100 / 10 s.
 * The week in progress is always counted fresh.
 */
export const CLOSED_WEEK_TTL_MS = 10 * 60_000;
const closedWeeks = new WeakMap<ClerkClient, Map<string, { count: Promise<number>; at: number }>>();

function closedWeekCount(clerk: ClerkClient, b: Bucket, now: number): Promise<number> {
  const cache = closedWeeks.get(clerk) ?? new Map();
  closedWeeks.set(clerk, cache);
  const key = `${b.start}:${b.end}`;
  const hit = cache.get(key);
  if (hit && now - hit.at < CLOSED_WEEK_TTL_MS) return hit.count;
  if (cache.size > 200) cache.clear();
  const count = countWith(clerk, bucketCountParams(b));
  const entry = { count, at: now };
  cache.set(key, entry);
  // A failed count must not be remembered: the next load asks again.
  count.catch(() => cache.get(key) === entry && cache.delete(key));
  return count;
}

// GET /v1/users/count documents created_at_* and last_active_at_* filters; @clerk/backend's
// UserCountParams type omits them, but getCount snake-cases and forwards every query param.
type CountFilters = {
  createdAtAfter?: number;
  createdAtBefore?: number;
  lastActiveAtAfter?: number;
};
type UserCountParams = Parameters<ClerkClient["users"]["getCount"]>[0];
function countWith(clerk: ClerkClient, filters: CountFilters): Promise<number> {
  return withReadRetry(() => clerk.users.getCount(filters as UserCountParams), {
    label: "overview.countUsers",
  });
}

export async function loadOverviewStats(clerk: ClerkClient, now = Date.now()) {
  const ctx = actionContext({ clerk });
  const [total, active7d, active30d, pending] = await Promise.all([
    runAction(countUsers, {}, ctx),
    countWith(clerk, { lastActiveAtAfter: now - 7 * DAY_MS }),
    countWith(clerk, { lastActiveAtAfter: now - 30 * DAY_MS }),
    runAction(listInvitations, { status: "pending", limit: 1 }, ctx),
  ]);
  return {
    totalUsers: total.total_count,
    active7d,
    active30d,
    pendingInvitations: pending.total_count,
  };
}

export async function loadSignupBuckets(
  clerk: ClerkClient,
  now = Date.now(),
  weeks = SIGNUP_WEEKS,
): Promise<CountedBucket[]> {
  const buckets = weeklyBuckets(now, weeks);
  const counts = await Promise.all(
    buckets.map((b) =>
      b.end <= now ? closedWeekCount(clerk, b, now) : countWith(clerk, bucketCountParams(b)),
    ),
  );
  return buckets.map((b, i) => ({ ...b, count: counts[i] ?? 0 }));
}
