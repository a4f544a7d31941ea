import { describe, expect, it } from "vitest";
import { AppError, setLogSink } from "@/lib/errors";
import { retryDelayMs, withReadRetry } from "./retry";

setLogSink(() => {});

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

function failing(errors: unknown[], value = "ok") {
  let calls = 0;
  const fn = async () => {
    const err = errors[calls++];
    if (err) throw err;
    return value;
  };
  return { fn, calls: () => calls };
}

describe("withReadRetry", () => {
  it("retries a 429 after exactly Retry-After (plus bounded jitter) and succeeds", async () => {
    const { waits, sleep } = recorder();
    const f = failing([new AppError("rate_limited", undefined, { retryAfter: 2 })]);
    await expect(withReadRetry(f.fn, { sleep, random: () => 0.5 })).resolves.toBe("ok");
    expect(f.calls()).toBe(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(2000);
    expect(waits[0]).toBeLessThanOrEqual(2250);
  });

  it("retries 5xx/timeouts with growing, jittered backoff", async () => {
    const { waits, sleep } = recorder();
    const f = failing([new AppError("upstream_unavailable"), new AppError("upstream_unavailable")]);
    await expect(
      withReadRetry(f.fn, { sleep, random: () => 1, baseDelayMs: 100, attempts: 3 }),
    ).resolves.toBe("ok");
    expect(waits).toEqual([100, 200]);
  });

  it("keeps jitter inside [ceiling/2, ceiling]", () => {
    const err = new AppError("upstream_unavailable");
    const opts = { baseDelayMs: 200, maxDelayMs: 1000 };
    expect(retryDelayMs(err, 1, { ...opts, random: () => 0 })).toBe(100);
    expect(retryDelayMs(err, 1, { ...opts, random: () => 1 })).toBe(200);
    expect(retryDelayMs(err, 10, { ...opts, random: () => 1 })).toBe(1000);
  });

  it("gives up after the attempt budget and throws the last error", async () => {
    const { sleep } = recorder();
    const e = new AppError("upstream_unavailable");
    const f = failing([e, e, e, e]);
    await expect(withReadRetry(f.fn, { sleep, attempts: 3 })).rejects.toMatchObject({
      code: "upstream_unavailable",
    });
    expect(f.calls()).toBe(3);
  });

  it("does not wait past the total budget: a long Retry-After is handed back", async () => {
    const { waits, sleep } = recorder();
    const f = failing([new AppError("rate_limited", undefined, { retryAfter: 60 })]);
    await expect(withReadRetry(f.fn, { sleep, maxTotalWaitMs: 10_000 })).rejects.toMatchObject({
      code: "rate_limited",
      retryAfter: 60,
    });
    expect(waits).toEqual([]);
    expect(f.calls()).toBe(1);
  });

  it.each(["not_found", "validation_failed", "forbidden", "conflict", "internal"] as const)(
    "does not retry %s",
    async (code) => {
      const { waits, sleep } = recorder();
      const f = failing([new AppError(code)]);
      await expect(withReadRetry(f.fn, { sleep })).rejects.toMatchObject({ code });
      expect(f.calls()).toBe(1);
      expect(waits).toEqual([]);
    },
  );

  it("really sleeps by default", async () => {
    const f = failing([new AppError("rate_limited", undefined, { retryAfter: 0.2 })]);
    const started = performance.now();
    await withReadRetry(f.fn, { random: () => 0 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
  });
});
