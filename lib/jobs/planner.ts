import { actionContext } from "@/lib/clerk/action-context";
import { addOrganizationMember } from "@/lib/clerk/actions/add-organization-member";
import { createInvitation } from "@/lib/clerk/actions/create-invitation";
import { createOrganizationInvitation } from "@/lib/clerk/actions/create-organization-invitation";
import { type Seats, seatCheck } from "@/lib/clerk/actions/organization-shared";
import { removeOrganizationMember } from "@/lib/clerk/actions/remove-organization-member";
import { emailsOf } from "@/lib/clerk/actions/sign-in-shared";
import { updateOrganizationMemberRole } from "@/lib/clerk/actions/update-organization-member-role";
import { updateOrganizationMetadata } from "@/lib/clerk/actions/update-organization-metadata";
import { updateUserMetadata } from "@/lib/clerk/actions/update-user-metadata";
import {
  type PreCheck,
  parseInput,
  proposeWrite,
  type WriteAction,
  withSharedReads,
} from "@/lib/clerk/define-action";
import { AppError } from "@/lib/errors";
import type { PacedClerk } from "./paced-clerk";
import type { PlannedTarget } from "./plan";

type Args = Record<string, unknown>;
const email = (a: Args) => String(a.email).toLowerCase();
const membership = (a: Args) => `${String(a.organization_id)}:${String(a.user_id)}`;

interface BulkSpec {
  action: unknown;
  /** What names one target (unique within a job). */
  key: (a: Args) => string;
  /**
   * A user whose email labels the target (read 100 per list request; `prime` serves that read to a
   * snapshot that reads the user itself).
   */
  user?: "label" | "prime";
  /** A metadata merge: a target it would leave as it is, is planned "no_change". */
  merges?: true;
  /** Takes a seat in the organization (counted across the job by the seat ledger). */
  takesSeat?: true;
  /** What one target is, for the chat's plan card. */
  noun: string;
}

/** The writes a job can apply; each runs through lib/clerk's action exactly as a single write would. */
export const BULK_ACTIONS = {
  updateUserMetadata: {
    action: updateUserMetadata,
    key: (a) => String(a.user_id),
    user: "prime",
    merges: true,
    noun: "users",
  },
  createInvitation: { action: createInvitation, key: email, noun: "invitations" },
  updateOrganizationMetadata: {
    action: updateOrganizationMetadata,
    key: (a) => String(a.organization_id),
    merges: true,
    noun: "organizations",
  },
  createOrganizationInvitation: {
    action: createOrganizationInvitation,
    key: (a) => `${String(a.organization_id)}:${email(a)}`,
    takesSeat: true,
    noun: "invitations",
  },
  addOrganizationMember: {
    action: addOrganizationMember,
    key: membership,
    user: "prime",
    takesSeat: true,
    noun: "memberships",
  },
  updateOrganizationMemberRole: {
    action: updateOrganizationMemberRole,
    key: membership,
    user: "label",
    noun: "memberships",
  },
  removeOrganizationMember: {
    action: removeOrganizationMember,
    key: membership,
    user: "label",
    noun: "memberships",
  },
} satisfies Record<string, BulkSpec>;
export type BulkActionName = keyof typeof BULK_ACTIONS;
export const BULK_ACTION_NAMES = Object.keys(BULK_ACTIONS) as [BulkActionName, ...BulkActionName[]];
export const MAX_JOB_TARGETS = 10_000;

export function isBulkAction(name: string): name is BulkActionName {
  return Object.hasOwn(BULK_ACTIONS, name);
}

export function bulkAction(name: string): WriteAction {
  if (!isBulkAction(name)) throw new AppError("bad_request", `${name} cannot run as a bulk job.`);
  return BULK_ACTIONS[name].action as unknown as WriteAction;
}

export interface TargetPlan extends PlannedTarget {
  targetLabel: string | null;
  after: unknown;
  changes: unknown[];
  checks: { id: string; ok: boolean; message: string }[];
}

/**
 * Each target's own seat check counts only itself; across a job the earlier targets into the same
 * organization take seats too, so the ones beyond its limit are excluded from the plan up front.
 */
function seatLedger() {
  const planned = new Map<string, number>();
  return {
    take(args: Args, before: unknown): PreCheck {
      const org = String(args.organization_id);
      const earlier = planned.get(org) ?? 0;
      const check = seatCheck(before as Seats, earlier + 1);
      if (check.ok) planned.set(org, earlier + 1);
      return {
        id: "seat_available_in_job",
        ok: check.ok,
        message: check.ok
          ? `Seat ${earlier + 1} of this job's targets in the organization.`
          : `${check.message} This job's earlier targets take ${earlier} more.`,
      };
    },
  };
}

function targetLabel(args: Args, users: Map<string, string | null>): string | null {
  if (typeof args.email === "string") return args.email.toLowerCase();
  return users.get(String(args.user_id)) ?? null;
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
  const spec: BulkSpec = BULK_ACTIONS[actionName as BulkActionName];
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
    const key = spec.key(args);
    if (seen.has(key))
      throw AppError.validation(
        { [`targets.${i}`]: [`${key} appears twice.`] },
        `${key} appears twice in the targets.`,
      );
    seen.add(key);
  }
  const labels = spec.user
    ? await emailsOf(
        paced.clerk,
        parsed.map((a) => String(a.user_id)),
        spec.user === "prime" ? (user) => paced.prime(user.id, user) : undefined,
      )
    : new Map<string, string | null>();
  const seats = seatLedger();
  const plans: TargetPlan[] = [];
  const ctx = withSharedReads(actionContext({ clerk: paced.clerk }));
  for (const [seq, args] of parsed.entries()) {
    const key = spec.key(args);
    const proposal = await proposeWrite(action, args, ctx);
    const failed = proposal.checks.filter((c) => !c.ok);
    const noChange = spec.merges && proposal.changes.length === 0;
    const seat = spec.takesSeat && failed.length === 0 ? seats.take(args, proposal.before) : null;
    if (seat) {
      proposal.checks.push(seat);
      if (!seat.ok) failed.push(seat);
    }
    plans.push({
      seq,
      targetId: key,
      targetLabel: targetLabel(args, labels),
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
