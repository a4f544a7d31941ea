import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClerkFixture, settle, startClerkFixture } from "@/test/support/clerk-fixture";
import {
  axisStep,
  type Bucket,
  bucketCountParams,
  bucketLabel,
  type CountedBucket,
  DAY_MS,
  startOfUtcDay,
  WEEK_MS,
  weeklyBuckets,
} from "./overview";
import {
  CLOSED_WEEK_TTL_MS,
  loadOverviewStats,
  loadSignupBuckets,
  SIGNUPS_BAPI_REQUESTS,
  STATS_BAPI_REQUESTS,
} from "./overview-load";

const NOW = Date.UTC(2026, 10, 26, 8, 15); // Thu Nov 26 2026 08:15 UTC

/** The same bucketing done locally: the oracle for checking the BAPI answer against a list of timestamps. */
function bucketTimestamps(timestamps: readonly number[], buckets: readonly Bucket[]): CountedBucket[] {
  const counted = buckets.map((b) => ({ ...b, count: 0 }));
  for (const t of timestamps) {
    const hit = counted.find((b) => t >= b.start && t < b.end);
    if (hit) hit.count += 1;
  }
  return counted;
}

describe("weeklyBuckets", () => {
  it("13 contiguous weeks, oldest first, ending at the end of today (UTC)", () => {
    const b = weeklyBuckets(NOW);
    expect(b).toHaveLength(13);
    expect(b.at(-1)?.end).toBe(Date.UTC(2026, 10, 27));
    expect(b[0]?.start).toBe(Date.UTC(2026, 10, 27) - 91 * DAY_MS);
    for (let i = 0; i < b.length; i++) {
      expect(b[i]!.end - b[i]!.start).toBe(WEEK_MS);
      if (i > 0) expect(b[i]!.start).toBe(b[i - 1]!.end);
    }
    expect(bucketLabel(b.at(-1)!)).toBe("Nov 20 – Nov 26");
    expect(bucketLabel(b[0]!)).toBe("Aug 28 – Sep 3");
  });

  it("covers at least the last 90 days, including right now", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (now) => {
        const b = weeklyBuckets(now);
        expect(b[0]!.start).toBeLessThanOrEqual(now - 90 * DAY_MS);
        expect(b.at(-1)!.end).toBeGreaterThan(now);
        expect(b.at(-1)!.end - now).toBeLessThanOrEqual(DAY_MS);
      }),
    );
  });

  it("refuses nonsense", () => {
    expect(() => weeklyBuckets(Number.NaN)).toThrow(RangeError);
    expect(() => weeklyBuckets(NOW, 0)).toThrow(RangeError);
    expect(() => weeklyBuckets(NOW, 1.5)).toThrow(RangeError);
  });

  it("BAPI's exclusive bounds select exactly [start, end)", () => {
    const b = weeklyBuckets(NOW)[5]!;
    const { createdAtAfter, createdAtBefore } = bucketCountParams(b);
    const inBapi = (t: number) => t > createdAtAfter && t < createdAtBefore;
    expect(inBapi(b.start)).toBe(true);
    expect(inBapi(b.end - 1)).toBe(true);
    expect(inBapi(b.start - 1)).toBe(false);
    expect(inBapi(b.end)).toBe(false);
  });

  it("the oracle bucketTimestamps (used below): at most one bucket each, a boundary in the later", () => {
    const buckets = weeklyBuckets(NOW);
    const edge = buckets[3]!.end;
    const counted = bucketTimestamps([edge, edge - 1, startOfUtcDay(NOW), NOW + DAY_MS], buckets);
    expect(counted[3]!.count).toBe(1);
    expect(counted[4]!.count).toBe(1);
    expect(counted.at(-1)!.count).toBe(1);
    expect(counted.reduce((s, b) => s + b.count, 0)).toBe(3);
  });

  it("axis steps are 1, 2 or 5 x 10^k and 4 of them reach the maximum", () => {
    expect(axisStep(0)).toBe(1);
    expect(axisStep(4)).toBe(1);
    expect(axisStep(37)).toBe(10);
    expect(axisStep(1_234)).toBe(500);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (max) => {
        const s = axisStep(max);
        expect(4 * s).toBeGreaterThanOrEqual(max);
        expect(String(s)).toMatch(/^[125]0*$/);
      }),
    );
  });
});

describe("overview against Local Clerk (500 seeded users)", () => {
  let f: ClerkFixture;
  beforeAll(async () => {
    f = await startClerkFixture({ seedUsers: 500 });
  });
  afterAll(() => f?.stop());

  it("weekly signup counts from BAPI equal bucketing every user's created_at, in 13 requests", async () => {
    const now = Date.now();
    const seq = f.mark();
    const buckets = await loadSignupBuckets(f.ctx.clerk, now);
    await settle();
    const requests = f.requestsSince(seq);
    expect(requests).toHaveLength(SIGNUPS_BAPI_REQUESTS);
    expect(requests.every((r) => r.method === "GET" && r.path === "/v1/users/count")).toBe(true);

    const created = [...f.lc.state.users.all()].map((u) => u.created_at);
    expect(created).toHaveLength(500);
    const expected = bucketTimestamps(created, weeklyBuckets(now));
    expect(buckets.map((b) => b.count)).toEqual(expected.map((b) => b.count));
    // The seed spreads 500 users over two years: the last 13 weeks are not empty.
    expect(buckets.reduce((s, b) => s + b.count, 0)).toBeGreaterThan(0);

    // A second load counts only the week in progress; the ended weeks come from the cache.
    const again = f.mark();
    expect(await loadSignupBuckets(f.ctx.clerk, now)).toEqual(buckets);
    await settle();
    expect(f.requestsSince(again)).toHaveLength(1);
  });

  it("a signup in the week in progress shows on the next load; ended weeks are re-counted after the TTL", async () => {
    const now = Date.now();
    const before = await loadSignupBuckets(f.ctx.clerk, now);
    const user = await f.ctx.clerk.users.createUser({ emailAddress: [`overview-${now}@example.com`] });
    const after = await loadSignupBuckets(f.ctx.clerk, now);
    expect(after.at(-1)!.count).toBe(before.at(-1)!.count + 1);
    expect(after.slice(0, -1)).toEqual(before.slice(0, -1));

    // Past the TTL (same day, so the same weeks) every week is counted again.
    const seq = f.mark();
    await loadSignupBuckets(f.ctx.clerk, now + CLOSED_WEEK_TTL_MS);
    await settle();
    expect(f.requestsSince(seq)).toHaveLength(SIGNUPS_BAPI_REQUESTS);
    await f.ctx.clerk.users.deleteUser(user.id); // the next test counts the seeded 500
  });

  it("totals, active windows and pending invitations match Local Clerk's state", async () => {
    const now = Date.now();
    const seq = f.mark();
    const stats = await loadOverviewStats(f.ctx.clerk, now);
    await settle();
    expect(f.requestsSince(seq)).toHaveLength(STATS_BAPI_REQUESTS);

    const users = [...f.lc.state.users.all()];
    const activeSince = (days: number) =>
      users.filter((u) => u.last_active_at !== null && u.last_active_at > now - days * DAY_MS).length;
    expect(stats.totalUsers).toBe(500);
    expect(stats.active7d).toBe(activeSince(7));
    expect(stats.active30d).toBe(activeSince(30));
    expect(stats.active30d).toBeGreaterThanOrEqual(stats.active7d);
    const pending = f.lc.state.invitations.list({ status: "pending" }, undefined).length;
    expect(pending).toBeGreaterThan(0);
    expect(stats.pendingInvitations).toBe(pending);
  });
});
