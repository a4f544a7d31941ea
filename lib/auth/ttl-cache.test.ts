import { describe, expect, it } from "vitest";
import { createTtlCache } from "./ttl-cache";

function clock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("createTtlCache", () => {
  it("serves a cached value until the TTL passes, then reloads", async () => {
    const c = clock();
    const cache = createTtlCache<number>(100, { now: c.now });
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.getOrLoad("k", load)).toBe(1);
    c.advance(99);
    expect(await cache.getOrLoad("k", load)).toBe(1);
    c.advance(1);
    expect(await cache.getOrLoad("k", load)).toBe(2);
  });

  it("shares one in-flight load between concurrent callers", async () => {
    const cache = createTtlCache<string>(1_000);
    let loads = 0;
    const load = () => new Promise<string>((resolve) => setTimeout(() => resolve(`v${++loads}`), 5));
    const results = await Promise.all([cache.getOrLoad("k", load), cache.getOrLoad("k", load)]);
    expect(results).toEqual(["v1", "v1"]);
    expect(loads).toBe(1);
  });

  it("does not remember failures", async () => {
    const cache = createTtlCache<string>(1_000);
    await expect(cache.getOrLoad("k", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await Promise.resolve();
    expect(await cache.getOrLoad("k", async () => "ok")).toBe("ok");
  });

  it("evicts the oldest entry beyond maxEntries", async () => {
    const cache = createTtlCache<string>(1_000, { maxEntries: 2 });
    await cache.getOrLoad("a", async () => "a");
    await cache.getOrLoad("b", async () => "b");
    await cache.getOrLoad("c", async () => "c");
    expect(cache.size).toBe(2);
    expect(await cache.getOrLoad("a", async () => "a2")).toBe("a2");
  });
});
