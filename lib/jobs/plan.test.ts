import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkBinding, type PlannedTarget, planBinding } from "./plan";

const targets: PlannedTarget[] = [
  {
    seq: 0,
    targetId: "user_a",
    args: { user_id: "user_a", public_metadata: { plan: "pro" } },
    before: { x: 1 },
    skip: null,
  },
  {
    seq: 1,
    targetId: "user_b",
    args: { user_id: "user_b", public_metadata: { plan: "pro" } },
    before: { x: 2 },
    skip: "no_change",
  },
];

describe("plan binding", () => {
  const recorded = planBinding("updateUserMetadata", targets);

  it("accepts the unchanged plan reviewed by the approver, in any row order", () => {
    expect(checkBinding("updateUserMetadata", [...targets].reverse(), recorded, recorded.planHash)).toEqual({
      ok: true,
    });
  });

  it("refuses a reviewed hash that is not the recorded one", () => {
    const r = checkBinding("updateUserMetadata", targets, recorded, "0".repeat(64));
    expect(r).toMatchObject({ ok: false, code: "args_mismatch" });
  });

  it("refuses another action over the same targets", () => {
    expect(checkBinding("banUser", targets, recorded, recorded.planHash)).toMatchObject({ ok: false });
  });

  it("refuses an added or removed target, or an un-skipped one", () => {
    const extra = [...targets, { ...(targets[0] as PlannedTarget), seq: 2, targetId: "user_c" }];
    expect(checkBinding("updateUserMetadata", extra, recorded, recorded.planHash).ok).toBe(false);
    expect(checkBinding("updateUserMetadata", targets.slice(1), recorded, recorded.planHash).ok).toBe(false);
    const unskipped = targets.map((t) => ({ ...t, skip: null }));
    expect(checkBinding("updateUserMetadata", unskipped, recorded, recorded.planHash).ok).toBe(false);
  });

  it("refuses any edit of one target's arguments or before-state", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1 }), fc.jsonValue(), fc.boolean(), (i, value, editArgs) => {
        const edited = targets.map((t, j) =>
          j !== i
            ? t
            : editArgs
              ? { ...t, args: { ...(t.args as object), extra: value } }
              : { ...t, before: { x: 1, y: value } },
        );
        const r = checkBinding("updateUserMetadata", edited, recorded, recorded.planHash);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.code).toBe(editArgs ? "args_mismatch" : "state_mismatch");
      }),
    );
  });
});
