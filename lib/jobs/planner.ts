import type { User } from "@clerk/backend";
import { createInvitation } from "@/lib/clerk/actions/create-invitation";
import { updateUserMetadata } from "@/lib/clerk/actions/update-user-metadata";
import { parseInput, proposeWrite, type WriteAction } from "@/lib/clerk/define-action";
import { AppError } from "@/lib/errors";
import type { PacedClerk } from "./paced-clerk";
import type { PlannedTarget } from "./plan";

/** The writes a job can apply; each runs through lib/clerk's action exactly as a single write would. */
export const BULK_ACTIONS = { updateUserMetadata, createInvitation } as const;
export type BulkActionName = keyof typeof BULK_ACTIONS;
export const MAX_JOB_TARGETS = 10_000;

export function isBulkAction(name: string): name is BulkActionName {
  return Object.hasOwn(BULK_ACTIONS, name);
}

export function bulkAction(name: string): WriteAction {
  if (!isBulkAction(name)) throw new AppError("bad_request", `${name} cannot run as a bulk job.`);
  return BULK_ACTIONS[name] as unknown as WriteAction;
}

export interface TargetPlan extends PlannedTarget {
  targetLabel: string | null;
  after: unknown;
  changes: unknown[];
  checks: { id: string; ok: boolean; message: string }[];
}

function targetKey(action: BulkActionName, args: Record<string, unknown>): string {
  return String(action === "updateUserMetadata" ? args.user_id : String(args.email).toLowerCase());
}

/**
 * Validates every target's arguments (all or nothing: one bad row rejects the request with its index),
 * reads each target's before-state through the paced client and computes its diff and pre-checks.
 * Users are fetched 100 per list request and served to the actions' own snapshot reads.
 */
export async function planTargets(
  actionName: string,
  targetArgs: readonly unknown[],
  paced: PacedClerk,
): Promise<TargetPlan[]> {
  const action = bulkAction(actionName);
  const name = actionName as BulkActionName;
  if (targetArgs.length === 0) throw AppError.validation({ targets: ["Give at least one target."] });
  if (targetArgs.length > MAX_JOB_TARGETS)
    throw AppError.validation({ targets: [`At most ${MAX_JOB_TARGETS} targets per job.`] });
  const parsed = targetArgs.map((raw, i) => {
    try {
      return parseInput(action, raw) as Record<string, unknown>;
    } catch (err) {
      if (err instanceof AppError) {
        const detail = Object.entries(err.fieldErrors ?? {})
          .map(([k, v]) => `${k}: ${v.join(", ")}`)
          .join("; ");
        throw AppError.validation(
          { [`targets.${i}`]: [detail || err.message] },
          `Target ${i + 1} is invalid: ${detail || err.message}`,
        );
      }
      throw err;
    }
  });
  const seen = new Set<string>();
  for (const [i, args] of parsed.entries()) {
    const key = targetKey(name, args);
    if (seen.has(key))
      throw AppError.validation(
        { [`targets.${i}`]: [`${key} appears twice.`] },
        `${key} appears twice in the targets.`,
      );
    seen.add(key);
  }
  const labels = new Map<string, string | null>();
  if (name === "updateUserMetadata") {
    const ids = parsed.map((a) => String(a.user_id));
    for (let i = 0; i < ids.length; i += 100) {
      const page = await paced.clerk.users.getUserList({ userId: ids.slice(i, i + 100), limit: 100 });
      for (const user of page.data as User[]) {
        paced.prime(user.id, user);
        const email =
          user.emailAddresses.find((e) => e.id === user.primaryEmailAddressId)?.emailAddress ?? null;
        labels.set(user.id, email);
      }
    }
  }
  const plans: TargetPlan[] = [];
  for (const [seq, args] of parsed.entries()) {
    const key = targetKey(name, args);
    const proposal = await proposeWrite(action, args, { clerk: paced.clerk });
    const failed = proposal.checks.filter((c) => !c.ok);
    const noChange = name === "updateUserMetadata" && proposal.changes.length === 0;
    plans.push({
      seq,
      targetId: key,
      targetLabel: name === "createInvitation" ? key : (labels.get(key) ?? null),
      args: proposal.input,
      before: proposal.before,
      after: proposal.after,
      changes: proposal.changes,
      checks: proposal.checks,
      skip:
        failed.length > 0
          ? `precheck_failed: ${failed.map((c) => c.message).join(" ")}`
          : noChange
            ? "no_change"
            : null,
    });
  }
  return plans;
}
