import { stableHash } from "@/lib/clerk/stable-hash";

/** One target of a job as approved: what is written where, and the state it was planned against. */
export interface PlannedTarget {
  seq: number;
  targetId: string;
  args: unknown;
  before: unknown;
  /** Targets the plan already excludes (no change, failed pre-check) are part of what was approved. */
  skip: string | null;
}

export interface PlanBinding {
  /** Binds the action and every target's exact arguments (and which targets are excluded). */
  planHash: string;
  /** Binds every target's before-state as it was read for the plan. */
  beforeHash: string;
}

function ordered(targets: readonly PlannedTarget[]): PlannedTarget[] {
  return [...targets].sort((a, b) => a.seq - b.seq);
}

export function planBinding(action: string, targets: readonly PlannedTarget[]): PlanBinding {
  const rows = ordered(targets);
  return {
    planHash: stableHash({
      action,
      targets: rows.map((t) => [t.seq, t.targetId, t.args ?? null, t.skip]),
    }),
    beforeHash: stableHash(rows.map((t) => [t.seq, t.targetId, t.before ?? null])),
  };
}

export type BindingCheck =
  | { ok: true }
  | { ok: false; code: "args_mismatch" | "state_mismatch"; message: string };

/**
 * Compares the plan as stored now with the binding recorded when it was proposed and the hash the
 * approver's card showed: any edit to a target, its arguments or its before-state breaks the approval.
 */
export function checkBinding(
  action: string,
  stored: readonly PlannedTarget[],
  recorded: PlanBinding,
  reviewedPlanHash: string,
): BindingCheck {
  const now = planBinding(action, stored);
  if (reviewedPlanHash !== recorded.planHash)
    return {
      ok: false,
      code: "args_mismatch",
      message: "The plan differs from the one you reviewed; reload it.",
    };
  if (now.planHash !== recorded.planHash)
    return {
      ok: false,
      code: "args_mismatch",
      message: "The stored plan was changed after it was proposed.",
    };
  if (now.beforeHash !== recorded.beforeHash)
    return {
      ok: false,
      code: "state_mismatch",
      message: "The stored before-state was changed after it was proposed.",
    };
  return { ok: true };
}
