import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Metadata, mergeMetadata } from "@/lib/clerk/metadata";
import { inverseMetadataPatch, nullPaths, undoPlan } from "./undo-rules";

describe("inverseMetadataPatch", () => {
  it("restores added, removed and changed keys, nested, with arrays replaced whole", () => {
    const before = {
      plan: "free",
      keep: { a: 1, b: 2, deep: { x: [1, 2] } },
      tags: ["a", "b"],
      gone: { y: 1 },
    };
    const after = {
      plan: "pro",
      keep: { a: 1, c: 3, deep: { x: [1] } },
      tags: ["a"],
      added: true,
      extra: { z: 1 },
    };
    const patch = inverseMetadataPatch(after, before);
    expect(patch).toEqual({
      plan: "free",
      keep: { b: 2, c: null, deep: { x: [1, 2] } },
      tags: ["a", "b"],
      gone: { y: 1 },
      added: null,
      extra: null,
    });
    expect(mergeMetadata(after, patch)).toEqual(before);
  });

  it("is empty when nothing differs and replaces a scalar with an object and back", () => {
    expect(inverseMetadataPatch({ a: { b: 1 } }, { a: { b: 1 } })).toEqual({});
    expect(mergeMetadata({ a: 1 }, inverseMetadataPatch({ a: 1 }, { a: { b: 1 } }))).toEqual({ a: { b: 1 } });
    expect(mergeMetadata({ a: { b: 1 } }, inverseMetadataPatch({ a: { b: 1 } }, { a: 1 }))).toEqual({ a: 1 });
    expect(mergeMetadata({ a: { b: 1 } }, inverseMetadataPatch({ a: { b: 1 } }, { a: {} }))).toEqual({
      a: {},
    });
  });

  it("does not share references with the target", () => {
    const target = { list: [{ a: 1 }] };
    const patch = inverseMetadataPatch({}, target);
    (patch.list as { a: number }[])[0]!.a = 2;
    expect(target.list[0]!.a).toBe(1);
  });

  it("handles a __proto__ key as data", () => {
    const current = JSON.parse('{"__proto__": {"x": 1}}') as Metadata;
    const patch = inverseMetadataPatch(current, {});
    expect(Object.hasOwn(patch, "__proto__")).toBe(true);
    expect(mergeMetadata(current, patch)).toEqual({});
  });

  const key = fc.constantFrom("a", "b", "c", "plan", "nested", "x.y");
  const leaf = fc.oneof(
    fc.integer(),
    fc.string({ maxLength: 4 }),
    fc.boolean(),
    fc.array(fc.integer(), { maxLength: 3 }),
  );
  const { tree } = fc.letrec<{ tree: Metadata; value: unknown }>((tie) => ({
    tree: fc.dictionary(key, tie("value"), { maxKeys: 4 }) as fc.Arbitrary<Metadata>,
    value: fc.oneof({ depthSize: "small" }, leaf, tie("tree")),
  }));
  const { patch } = fc.letrec<{ patch: Metadata; pvalue: unknown }>((tie) => ({
    patch: fc.dictionary(key, tie("pvalue"), { maxKeys: 4 }) as fc.Arbitrary<Metadata>,
    pvalue: fc.oneof({ depthSize: "small" }, leaf, fc.constant(null), tie("patch")),
  }));

  it("property: merging the inverse of any merge restores the value exactly (no nulls in the original)", () => {
    fc.assert(
      fc.property(tree, patch, (before, p) => {
        const after = mergeMetadata(before, p);
        const inverse = inverseMetadataPatch(after, before);
        expect(mergeMetadata(after, inverse)).toEqual(before);
        // Undo of the undo: the inverse of the inverse gets back to "after".
        expect(mergeMetadata(before, inverseMetadataPatch(before, after))).toEqual(after);
      }),
      { numRuns: 500 },
    );
  });
});

describe("nullPaths", () => {
  it("finds nulls inside objects, not inside arrays", () => {
    expect(nullPaths({ a: null, b: { c: null, d: 1 }, e: [null] })).toEqual(["a", "b.c"]);
  });
});

const ok = {
  outcome: "ok",
  targetType: "user",
  targetId: "user_1",
};

describe("undoPlan", () => {
  it("refuses failed, pending and non-undoable entries with a reason", () => {
    for (const outcome of ["error", "timeout", "pending"]) {
      const plan = undoPlan({ ...ok, outcome, action: "banUser", arguments: {}, before: {}, after: {} });
      expect(plan.ok).toBe(false);
    }
    const inv = undoPlan({ ...ok, action: "createInvitation", arguments: {}, before: {}, after: {} });
    expect(inv).toEqual({
      ok: false,
      reason: "Undo is available for metadata, profile, ban and lock changes.",
    });
  });

  it("plans the inverse flag action and refuses a no-op flag change", () => {
    expect(
      undoPlan({
        ...ok,
        action: "banUser",
        arguments: {},
        before: { banned: false, locked: false },
        after: { banned: true },
      }),
    ).toEqual({
      ok: true,
      kind: "flag",
      userId: "user_1",
      flag: "banned",
      value: true,
      inverse: "unbanUser",
    });
    expect(
      undoPlan({
        ...ok,
        action: "unlockUser",
        arguments: {},
        before: { banned: false, locked: true },
        after: { locked: false },
      }),
    ).toMatchObject({ ok: true, flag: "locked", value: false, inverse: "lockUser" });
    const noop = undoPlan({
      ...ok,
      action: "banUser",
      arguments: {},
      before: { banned: true },
      after: { banned: true },
    });
    expect(noop.ok).toBe(false);
  });

  it("picks the metadata kinds the write named and changed (console and agent shapes)", () => {
    const before = {
      public_metadata: { plan: "free" },
      private_metadata: { x: 1 },
      unsafe_metadata: {},
      updated_at: 1,
    };
    const consoleEntry = {
      ...ok,
      action: "updateUserMetadata",
      arguments: { user_id: "user_1", public_metadata: { plan: "pro" } },
      before,
      after: { public_metadata: { plan: "pro" } },
    };
    expect(undoPlan(consoleEntry)).toEqual({
      ok: true,
      kind: "metadata",
      userId: "user_1",
      kinds: ["public_metadata"],
    });
    // The agent stores the whole result; private changed meanwhile by someone else must not be reverted.
    const agentEntry = {
      ...consoleEntry,
      after: {
        id: "user_1",
        public_metadata: { plan: "pro" },
        private_metadata: { x: 2 },
        unsafe_metadata: {},
        updated_at: 2,
      },
    };
    expect(undoPlan(agentEntry)).toMatchObject({ ok: true, kinds: ["public_metadata"] });
    expect(undoPlan({ ...consoleEntry, after: { public_metadata: { plan: "free" } } }).ok).toBe(false);
    const withNull = undoPlan({ ...consoleEntry, before: { ...before, public_metadata: { plan: null } } });
    expect(withNull).toMatchObject({ ok: false });
    expect((withNull as { reason: string }).reason).toContain("null at plan");
  });
});
