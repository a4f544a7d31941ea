import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  describeFilter,
  describeIndexFreshness,
  formatAgo,
  jsonContains,
  matchesMetadataFilter,
  parseFilterValue,
  parseMetadataFilter,
  reconcileIndexPage,
} from "./metadata-filter";

describe("parseMetadataFilter", () => {
  it("blank key is no filter", () => {
    expect(parseMetadataFilter("", "pro")).toEqual({ ok: true, filter: null });
    expect(parseMetadataFilter(null, null)).toEqual({ ok: true, filter: null });
    expect(parseMetadataFilter("  ", "")).toEqual({ ok: true, filter: null });
  });
  it("key only means the key exists; key and value mean equality", () => {
    expect(parseMetadataFilter(" plan ", "")).toEqual({ ok: true, filter: { key: "plan" } });
    expect(parseMetadataFilter("plan", " pro ")).toEqual({ ok: true, filter: { key: "plan", value: "pro" } });
  });
  it("values that read as JSON are JSON; a quoted number stays a string", () => {
    expect(parseFilterValue("5")).toBe(5);
    expect(parseFilterValue("true")).toBe(true);
    expect(parseFilterValue("null")).toBeNull();
    expect(parseFilterValue('"5"')).toBe("5");
    expect(parseFilterValue('{"tier":2}')).toEqual({ tier: 2 });
    expect(parseFilterValue("[1,2]")).toEqual([1, 2]);
    expect(parseFilterValue("{not json")).toBe("{not json");
    expect(parseFilterValue("pro plan")).toBe("pro plan");
    expect(parseFilterValue("5 seats")).toBe("5 seats");
  });
  it("refuses bad keys and oversized values with a message", () => {
    expect(parseMetadataFilter("x".repeat(101), "")).toMatchObject({ ok: false });
    expect(parseMetadataFilter("a\u0000b", "")).toMatchObject({
      ok: false,
      error: expect.stringMatching(/control/),
    });
    expect(parseMetadataFilter("plan", "v".repeat(1001))).toMatchObject({ ok: false });
  });
});

describe("matchesMetadataFilter / jsonContains", () => {
  it("matches like the index's jsonb containment", () => {
    const meta = { plan: "pro", seats: 5, tags: ["a", "b"], org: { tier: 2, name: "x" }, gone: null };
    expect(matchesMetadataFilter(meta, { key: "plan", value: "pro" })).toBe(true);
    expect(matchesMetadataFilter(meta, { key: "plan", value: "Pro" })).toBe(false);
    expect(matchesMetadataFilter(meta, { key: "seats", value: 5 })).toBe(true);
    expect(matchesMetadataFilter(meta, { key: "seats", value: "5" })).toBe(false);
    expect(matchesMetadataFilter(meta, { key: "tags", value: ["b"] })).toBe(true);
    expect(matchesMetadataFilter(meta, { key: "tags", value: "b" })).toBe(false);
    expect(matchesMetadataFilter(meta, { key: "org", value: { tier: 2 } })).toBe(true);
    expect(matchesMetadataFilter(meta, { key: "org", value: { tier: 3 } })).toBe(false);
    expect(matchesMetadataFilter(meta, { key: "gone" })).toBe(true);
    expect(matchesMetadataFilter(meta, { key: "missing" })).toBe(false);
    expect(matchesMetadataFilter({}, { key: "toString" })).toBe(false);
  });
  it("every JSON value contains itself", () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => jsonContains(v, v)));
  });
  it("an object contains any subset of its keys", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.nat(), (obj, n) => {
        const sub = Object.fromEntries(Object.entries(obj).slice(0, n));
        return jsonContains(obj, sub);
      }),
    );
  });
});

describe("reconcileIndexPage", () => {
  const u = (id: string, plan: unknown) => ({ id, public_metadata: { plan } });
  it("keeps index order and drops deleted or changed users", () => {
    const r = reconcileIndexPage(
      ["user_c", "user_a", "user_gone", "user_b"],
      [u("user_a", "pro"), u("user_b", "free"), u("user_c", "pro")],
      { key: "plan", value: "pro" },
    );
    expect(r.users.map((x) => x.id)).toEqual(["user_c", "user_a"]);
    expect(r.dropped).toBe(2);
  });
});

describe("describing", () => {
  it("filters", () => {
    expect(describeFilter({ key: "plan", value: "pro" })).toBe("plan = pro");
    expect(describeFilter({ key: "seats", value: 5 })).toBe("seats = 5");
    expect(describeFilter({ key: "plan" })).toBe("plan is set");
  });
  it("freshness", () => {
    const now = 1_000_000_000;
    expect(
      describeIndexFreshness({ users: 500, lastEventAt: now - 3000, lastResyncAt: now - 120_000 }, now),
    ).toBe("index: 500 users · last event 3 s ago · last full resync 2 min ago");
    expect(describeIndexFreshness({ users: 1, lastEventAt: null, lastResyncAt: null }, now)).toBe(
      "index: 1 user · no webhook events yet · never fully resynced",
    );
    expect(formatAgo(-5)).toBe("0 s ago");
    expect(formatAgo(3 * 3600_000)).toBe("3 h ago");
    expect(formatAgo(5 * 86_400_000)).toBe("5 days ago");
  });
});
