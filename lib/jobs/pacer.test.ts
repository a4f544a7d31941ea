import { describe, expect, it } from "vitest";
import { busiestWindow } from "@/test/support/pacing";
import { Pacer, type PacerClock, paceFromEnv } from "./pacer";

function fakeClock(): PacerClock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms;
    },
  };
  return clock;
}

async function sendTimes(pacer: Pacer, clock: { now(): number }, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await pacer.acquire();
    times.push(clock.now());
  }
  return times;
}

describe("paceFromEnv", () => {
  it("defaults to 90% of a development instance's 100 / 10 s", () => {
    expect(paceFromEnv({})).toEqual({ requests: 90, windowMs: 10_000 });
  });
  it("uses the production limit for live keys", () => {
    expect(paceFromEnv({ CLERK_SECRET_KEY: "sk_live_x" })).toEqual({ requests: 900, windowMs: 10_000 });
  });
  it("honours BULK_RATE_LIMIT / BULK_RATE_WINDOW_MS / BULK_PACE_FRACTION and ignores junk", () => {
    expect(paceFromEnv({ BULK_RATE_LIMIT: "100", BULK_RATE_WINDOW_MS: "3000" })).toEqual({
      requests: 90,
      windowMs: 3000,
    });
    expect(paceFromEnv({ BULK_RATE_LIMIT: "50", BULK_PACE_FRACTION: "0.5" }).requests).toBe(25);
    expect(paceFromEnv({ BULK_RATE_LIMIT: "abc", BULK_RATE_WINDOW_MS: "-1" })).toEqual({
      requests: 90,
      windowMs: 10_000,
    });
  });
});

describe("Pacer", () => {
  it("never grants more than the limit in any window and runs at the configured rate", async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ requests: 90, windowMs: 10_000 }, clock);
    const times = await sendTimes(pacer, clock, 900);
    expect(busiestWindow(times, 10_000)).toBeLessThanOrEqual(90);
    const elapsed = (times.at(-1) as number) - (times[0] as number);
    // 900 requests at 9/s: the first few ride the burst allowance, the rest are evenly spaced.
    expect(elapsed).toBeGreaterThan(99_000 - 1_000);
    expect(elapsed).toBeLessThanOrEqual(100_000);
    expect(pacer.granted).toBe(900);
  });

  it("spreads requests evenly instead of bursting a whole window", async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ requests: 100, windowMs: 10_000 }, clock);
    const times = await sendTimes(pacer, clock, 200);
    expect(busiestWindow(times, 1_000)).toBeLessThanOrEqual(15);
  });

  it("does not lose rate to late timers (lateness below the burst tolerance is absorbed)", async () => {
    const clock = fakeClock();
    clock.sleep = async (ms) => {
      clock.t += ms + 3;
    };
    const pacer = new Pacer({ requests: 100, windowMs: 1_000 }, clock);
    const times = await sendTimes(pacer, clock, 1_000);
    const rate = (times.length - 1) / (((times.at(-1) as number) - (times[0] as number)) / 1_000);
    expect(rate).toBeGreaterThan(95);
    expect(busiestWindow(times, 1_000)).toBeLessThanOrEqual(100);
  });

  it("holds every request back until Retry-After has passed", async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ requests: 10, windowMs: 1_000 }, clock);
    await pacer.acquire();
    pacer.backOff(3);
    await pacer.acquire();
    expect(clock.now()).toBeGreaterThanOrEqual(3_000);
  });

  it("serves concurrent callers in order without exceeding the cap", async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ requests: 5, windowMs: 1_000 }, clock);
    const order: number[] = [];
    await Promise.all(Array.from({ length: 12 }, (_, i) => pacer.acquire().then(() => order.push(i))));
    expect(order).toEqual([...Array(12).keys()]);
  });

  it("rejects a pace below one request per window", () => {
    expect(() => new Pacer({ requests: 0, windowMs: 1000 })).toThrow(/pace/);
  });
});
