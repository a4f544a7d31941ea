import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  deepEqual,
  diffMetadata,
  exceedsMetadataLimit,
  formatPath,
  METADATA_LIMIT_BYTES,
  type Metadata,
  mergeMetadata,
  metadataBytes,
} from "./metadata";

/** An object whose JSON is exactly `bytes` long (ASCII). */
function objectOfBytes(bytes: number): Metadata {
  const overhead = JSON.stringify({ k: "" }).length;
  return { k: "x".repeat(bytes - overhead) };
}

describe("mergeMetadata", () => {
  it("deep-merges objects at every level", () => {
    const before = { plan: "free", billing: { seats: 3, address: { city: "Oslo", zip: "0150" } } };
    const patch = { billing: { address: { city: "Bergen" } }, role: "admin" };
    expect(mergeMetadata(before, patch)).toEqual({
      plan: "free",
      role: "admin",
      billing: { seats: 3, address: { city: "Bergen", zip: "0150" } },
    });
  });

  it("deletes a key set to null, at the top and deep down", () => {
    const before = { a: 1, nested: { b: 2, c: { d: 4, e: 5 } } };
    expect(mergeMetadata(before, { a: null, nested: { c: { d: null } } })).toEqual({
      nested: { b: 2, c: { e: 5 } },
    });
  });

  it("ignores a null for a key that does not exist, and drops nulls inside a new object", () => {
    expect(mergeMetadata({ x: 1 }, { missing: null })).toEqual({ x: 1 });
    expect(mergeMetadata({}, { fresh: { keep: 1, drop: null } })).toEqual({ fresh: { keep: 1 } });
  });

  it("replaces arrays instead of merging them, keeping nulls inside arrays", () => {
    expect(mergeMetadata({ tags: ["a", "b", "c"] }, { tags: ["z"] })).toEqual({ tags: ["z"] });
    expect(mergeMetadata({ tags: ["a"] }, { tags: [null, { x: null }] })).toEqual({
      tags: [null, { x: null }],
    });
  });

  it("replaces a scalar with an object and an object with a scalar", () => {
    expect(mergeMetadata({ a: "text" }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
    expect(mergeMetadata({ a: { b: 1 } }, { a: 7 })).toEqual({ a: 7 });
    expect(mergeMetadata({ a: [1] }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });

  it("does not mutate its inputs", () => {
    const before = { a: { b: 1 } };
    const patch = { a: { c: 2 } };
    mergeMetadata(before, patch);
    expect(before).toEqual({ a: { b: 1 } });
    expect(patch).toEqual({ a: { c: 2 } });
  });

  it("keeps a __proto__ key as data and never touches prototypes", () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}, "a": {"__proto__": {"x": 1}}}') as Metadata;
    const out = mergeMetadata({}, patch);
    expect(Object.hasOwn(out, "__proto__")).toBe(true);
    expect(JSON.parse(JSON.stringify(out))).toEqual(patch);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it("treats a missing before-state as empty", () => {
    expect(mergeMetadata(undefined, { a: 1 })).toEqual({ a: 1 });
    expect(mergeMetadata(null, { a: null })).toEqual({});
  });

  it("is idempotent: applying the same patch twice equals applying it once (property)", () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    const obj = fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(json, fc.constant(null)), { maxKeys: 5 });
    fc.assert(
      fc.property(obj, obj, (before, patch) => {
        const once = mergeMetadata(before as Metadata, patch as Metadata);
        expect(mergeMetadata(once, patch as Metadata)).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });
});

describe("metadataBytes and the 8 KB limit", () => {
  it("counts UTF-8 bytes of the JSON, not characters", () => {
    expect(metadataBytes({})).toBe(2);
    expect(metadataBytes({ a: "é" })).toBe(JSON.stringify({ a: "é" }).length + 1);
    expect(metadataBytes({ a: "😀" })).toBe(JSON.stringify({ a: "" }).length + 4);
  });

  it("accepts exactly 8192 bytes and refuses 8193", () => {
    expect(METADATA_LIMIT_BYTES).toBe(8192);
    const atLimit = objectOfBytes(8192);
    const over = objectOfBytes(8193);
    expect(metadataBytes(atLimit)).toBe(8192);
    expect(metadataBytes(over)).toBe(8193);
    expect(exceedsMetadataLimit(atLimit)).toBe(false);
    expect(exceedsMetadataLimit(over)).toBe(true);
  });
});

describe("diffMetadata", () => {
  it("lists leaf-level additions, removals and changes with paths", () => {
    const before = { plan: "free", billing: { seats: 3, card: "visa" }, tags: ["a"], gone: true };
    const after = { plan: "pro", billing: { seats: 3, vat: "NO" }, tags: ["a", "b"] };
    expect(diffMetadata(before, after)).toEqual([
      { path: "billing.card", segments: ["billing", "card"], kind: "removed", before: "visa" },
      { path: "billing.vat", segments: ["billing", "vat"], kind: "added", after: "NO" },
      { path: "gone", segments: ["gone"], kind: "removed", before: true },
      { path: "plan", segments: ["plan"], kind: "changed", before: "free", after: "pro" },
      { path: "tags", segments: ["tags"], kind: "changed", before: ["a"], after: ["a", "b"] },
    ]);
  });

  it("is empty when nothing changes, including equal arrays and nested objects", () => {
    expect(diffMetadata({ a: [1, { b: 2 }], c: { d: null } }, { c: { d: null }, a: [1, { b: 2 }] })).toEqual(
      [],
    );
  });

  it("reports an object replaced by a scalar as one change", () => {
    expect(diffMetadata({ a: { b: 1 } }, { a: 2 })).toEqual([
      { path: "a", segments: ["a"], kind: "changed", before: { b: 1 }, after: 2 },
    ]);
  });

  it("quotes path segments that are not identifiers", () => {
    expect(formatPath(["tags", "a.b", "x y", "ok"])).toBe('tags["a.b"]["x y"].ok');
    expect(diffMetadata({}, { "a.b": 1 })[0]?.path).toBe('["a.b"]');
  });

  it("agrees with mergeMetadata: merging the patch yields exactly the diffed after-state (property)", () => {
    const obj = fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
    fc.assert(
      fc.property(obj, obj, (before, patch) => {
        const after = mergeMetadata(before as Metadata, patch as Metadata);
        const changes = diffMetadata(before as Metadata, after);
        expect(changes.length === 0).toBe(deepEqual(before, after));
      }),
      { numRuns: 300 },
    );
  });
});
