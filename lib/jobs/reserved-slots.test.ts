// Pacers drawing from one shared budget, on a simulated clock (every sleeper wakes at its own time), with
// an in-memory budget that reserves the way the database row does (lib/jobs/pace-budget).
import { describe, expect, it } from "vitest";
import { busiestWindow, grantAcross } from "@/test/support/pacing";
import type { PaceBudget } from "./pace-budget";
import { Pacer, type PacerClock } from "./pacer";
import { ReservedSlots } from "./reserved-slots";

process.env.LOG_LEVEL = "silent";

function simulatedClock() {
  let t = 0;
  const timers: { at: number; wake: () => void }[] = [];
  const clock: PacerClock = {
    now: () => t,
    sleep: (ms) => new Promise((wake) => timers.push({ at: t + ms, wake })),
  };
  /** Runs until `work` settles, waking sleepers in time order. */
  async function run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const out = work.finally(() => {
      done = true;
    });
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done) return out;
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift();
      if (!next) throw new Error("nothing left to wake and the work has not settled");
      t = Math.max(t, next.at);
      next.wake();
    }
  }
  return { clock, run };
}

function memoryBudget(clock: PacerClock) {
  let nextAt = Number.NEGATIVE_INFINITY;
  let blockedUntil = Number.NEGATIVE_INFINITY;
  const budget = {
    reservations: 0,
    async reserve(count: number, stepMs: number) {
      budget.reservations++;
      const now = clock.now();
      const start = Math.max(nextAt, now, blockedUntil);
      nextAt = start + count * stepMs;
      return { startsInMs: start - now };
    },
    async backOff(seconds: number) {
      blockedUntil = Math.max(blockedUntil, clock.now() + seconds * 1000);
    },
  };
  return budget;
}

const PACE = { requests: 90, windowMs: 10_000 };

describe("pacers sharing one budget", () => {
  it("take turns: together they keep the pace of one, with one reservation per block of sends", async () => {
    const { clock, run } = simulatedClock();
    const budget = memoryBudget(clock);
    const pacers = [new Pacer(PACE, clock), new Pacer(PACE, clock)];
    for (const p of pacers) p.shareBudget(budget);
    const times = await run(grantAcross(pacers, clock.now, 900));
    expect(busiestWindow(times, PACE.windowMs)).toBeLessThanOrEqual(PACE.requests + 1);
    const elapsed = Math.max(...times) - Math.min(...times);
    expect(elapsed).toBeGreaterThanOrEqual((899 * PACE.windowMs) / PACE.requests);
    expect(elapsed).toBeLessThan((900 * PACE.windowMs) / PACE.requests / 0.95);
    expect(pacers.map((p) => p.granted).every((n) => n > 300)).toBe(true);
    // Blocks follow each pacer's demand (its lanes, its recent sends): far fewer reservations than sends.
    expect(budget.reservations).toBeLessThanOrEqual(900 / 3);
  });

  it("pacers asking less than the pace get what they ask, reserving once per many sends", async () => {
    // Production's pace; each lane's request takes 100 ms, so 2 x 4 lanes ask 80 / s of the 90 / s.
    const pace = { requests: 900, windowMs: 10_000 };
    const { clock, run } = simulatedClock();
    const budget = memoryBudget(clock);
    const pacers = [new Pacer(pace, clock), new Pacer(pace, clock)];
    for (const p of pacers) p.shareBudget(budget);
    const times = await run(grantAcross(pacers, clock.now, 1_600, 4, () => clock.sleep(100)));
    const elapsed = Math.max(...times) - Math.min(...times);
    expect(elapsed).toBeLessThan((1_600 / 80) * 1000 * 1.1);
    expect(budget.reservations).toBeLessThanOrEqual(1_600 / 10);
    expect(busiestWindow(times, pace.windowMs)).toBeLessThanOrEqual(pace.requests * 1.05 + 1);
  });

  it("without the budget the same two pacers would send twice the pace", async () => {
    const { clock, run } = simulatedClock();
    const times = await run(grantAcross([new Pacer(PACE, clock), new Pacer(PACE, clock)], clock.now, 900));
    expect(busiestWindow(times, PACE.windowMs)).toBeGreaterThan(PACE.requests * 1.8);
  });

  it("a 429 one pacer saw holds the other back for its Retry-After", async () => {
    const { clock, run } = simulatedClock();
    const budget = memoryBudget(clock);
    const [a, b] = [new Pacer(PACE, clock), new Pacer(PACE, clock)];
    a.shareBudget(budget);
    b.shareBudget(budget);
    await run(a.acquire());
    a.backOff(3);
    await run(b.acquire());
    expect(clock.now()).toBeGreaterThanOrEqual(3_000);
  });

  it("an unreachable budget leaves each pacer pacing alone", async () => {
    const { clock, run } = simulatedClock();
    const pacer = new Pacer(PACE, clock);
    pacer.shareBudget({ reserve: () => Promise.reject(new Error("down")), backOff: async () => {} });
    const times = await run(grantAcross([pacer], clock.now, 200));
    expect(times).toHaveLength(200);
    expect(busiestWindow(times, PACE.windowMs)).toBeLessThanOrEqual(PACE.requests);
  });
});

describe("ReservedSlots", () => {
  it("drops a reserved time whose turn passed more than the grace ago instead of spending it late", async () => {
    let now = 0;
    const budget: PaceBudget = { reserve: async () => ({ startsInMs: 0 }), backOff: async () => {} };
    const slots = new ReservedSlots(budget, () => now);
    await slots.reserve(5, 100);
    expect(slots.next(0, 100)).toBe(0);
    now = 250;
    expect(slots.next(now, 100)).toBe(200);
    expect(slots.left).toBe(3);
    slots.take();
    expect(slots.next(now, 100)).toBe(300);
  });
});
