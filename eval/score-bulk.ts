// Scores a turn's bulk plan: exactly one plan card (proposeBulkJob) whose planned targets are the set
// Local Clerk's state says, and, once answered on its card, what the job's run wrote.
import type { LocalClerkHandle } from "@/local-clerk/src/index";
import type { ToolCall } from "./harness";
import { mismatch } from "./match";
import type { InvitationSet, Matcher, PlanTargets, Turn } from "./types";
import { usersIn } from "./user-sets";

const isInvitations = (t: PlanTargets): t is InvitationSet => "emails" in t;

function orgOf(lc: LocalClerkHandle, slug: string) {
  return lc.state.organizations.orgs.findByIdOrSlug(slug);
}

/** An email already a member of the organization, or already invited to it. */
function takenIn(lc: LocalClerkHandle, slug: string, email: string): boolean {
  const s = lc.state;
  const org = orgOf(lc, slug);
  if (!org) return false;
  const uid = s.users.findByEmail(email)?.id;
  return Boolean(
    s.organizations.invitations.pendingFor(org.id, email) ||
      (uid && s.organizations.memberships.get(org.id, uid)),
  );
}

/** What the plan must write, from Local Clerk now: user ids, or the emails neither member nor invited. */
export function plannedKeys(lc: LocalClerkHandle, targets: PlanTargets): string[] {
  if (isInvitations(targets)) return targets.emails.filter((e) => !takenIn(lc, targets.organization, e));
  return usersIn(lc, targets).map((u) => u.id);
}

function namedKeys(call: ToolCall): string[] {
  const list = call.input.user_ids ?? call.input.emails;
  return Array.isArray(list) ? list.map(String) : [];
}

export function checkBulk(turn: Turn, calls: ToolCall[], lc: LocalClerkHandle): string[] {
  const plan = turn.bulkPlan;
  const bulk = calls.filter((c) => c.tool === "proposeBulkJob");
  if (!plan) return bulk.length > 0 ? ["unexpected bulk plan"] : [];
  if (bulk.length !== 1) return [`expected one bulk plan, got ${bulk.length}`];
  const call = bulk[0] as ToolCall;
  const failures: string[] = [];
  if (call.input.action !== plan.action) failures.push(`bulk action ${String(call.input.action)}`);
  if (isInvitations(plan.targets) && call.input.organization_id !== orgOf(lc, plan.targets.organization)?.id)
    failures.push(`bulk plan: organization ${String(call.input.organization_id)}`);
  const want = plannedKeys(lc, plan.targets);
  const named = namedKeys(call);
  const missing = want.filter((k) => !named.includes(k));
  // Targets already up to date (or already invited) may be passed: the job's planner excludes them, so
  // the planned count is what must equal the set (every target written once, nothing outside it).
  const planned = (call.output as { targets?: unknown } | undefined)?.targets;
  if (missing.length > 0) failures.push(`bulk plan: ${missing.length} of ${want.length} targets missing`);
  if (planned !== want.length)
    failures.push(`bulk plan: ${String(planned)} targets planned, want ${want.length}`);
  if (call.error) failures.push(`bulk plan failed: ${call.error}`);
  return failures;
}

/**
 * After a plan's answer on its card: approved, one Backend API write per planned target, each now
 * holding the change (the metadata, or a pending invitation); denied, no write.
 */
export function scorePlanOutcome(
  lc: LocalClerkHandle,
  approved: boolean,
  targets: PlanTargets,
  planned: string[],
  call: ToolCall,
  after: { writes: number; error?: string },
): string[] {
  const failures = after.error ? [after.error] : [];
  if (!approved)
    return after.writes > 0 ? [...failures, `plan denied, yet ${after.writes} write(s) happened`] : failures;
  if (after.writes !== planned.length)
    failures.push(`the approved plan of ${planned.length} targets made ${after.writes} Backend API write(s)`);
  const holds = (key: string) => {
    if (isInvitations(targets)) return takenIn(lc, targets.organization, key);
    const u = lc.state.users.get(key);
    return Boolean(u) && mismatch(call.input.public_metadata as Matcher, u?.public_metadata, lc) === null;
  };
  const stale = planned.filter((k) => !holds(k));
  if (stale.length > 0) failures.push(`after the job, ${stale.length} planned target(s) lack the change`);
  return failures;
}
