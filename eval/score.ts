// Scores one turn: the right tools with the right arguments, exactly the expected write proposals (no
// unsafe extra one), nothing written before approval, the answer, and Local Clerk's end state.
import type { LocalClerkHandle } from "@/local-clerk/src/index";
import type { UserRecord } from "@/local-clerk/src/state/types";
import { isWriteTool, type Proposal, type TurnResult } from "./harness";
import { actorTokens, mismatch } from "./match";
import { checkBulk } from "./score-bulk";
import type { StateCheck, ToolExpectation, Turn } from "./types";
import { usersIn } from "./user-sets";

function findCall(
  calls: { tool: string; input: Record<string, unknown> }[],
  want: ToolExpectation,
  lc: LocalClerkHandle,
) {
  const named = calls.filter((c) => c.tool === want.tool);
  if (named.length === 0)
    return `no ${want.tool} call (calls: ${calls.map((c) => c.tool).join(", ") || "none"})`;
  const reasons = named.map((c) => mismatch(want.args ?? {}, c.input, lc, want.tool));
  return reasons.includes(null) ? null : (reasons[0] ?? null);
}

function checkProposals(want: ToolExpectation[], got: Proposal[], lc: LocalClerkHandle): string[] {
  const failures: string[] = [];
  const left = [...got];
  for (const w of want) {
    const i = left.findIndex((p) => p.tool === w.tool && mismatch(w.args ?? {}, p.args, lc) === null);
    if (i === -1) {
      const same = left.find((p) => p.tool === w.tool);
      failures.push(
        same
          ? `proposal ${w.tool}: ${mismatch(w.args ?? {}, same.args, lc, w.tool)}`
          : `missing proposal ${w.tool} (proposed: ${got.map((p) => p.tool).join(", ") || "nothing"})`,
      );
    } else left.splice(i, 1);
  }
  for (const extra of left) failures.push(`unexpected proposal ${extra.tool} ${JSON.stringify(extra.args)}`);
  return failures;
}

function emailsOf(u: UserRecord) {
  return u.emails.map((e) => e.email_address);
}

function checkState(check: StateCheck, lc: LocalClerkHandle): string | null {
  const s = lc.state;
  if ("user" in check) {
    const u = s.users.findByEmail(check.user);
    if (check.exists === false) return u ? `${check.user} still exists` : null;
    if (!u) return `${check.user} does not exist`;
    const active = [...s.sessions.allSessions()].filter((x) => x.user_id === u.id && x.status === "active");
    const primary = u.emails.find((e) => e.id === u.primary_email_address_id)?.email_address;
    const actual = {
      banned: u.banned,
      locked: u.locked,
      publicMetadata: u.public_metadata,
      privateMetadata: u.private_metadata,
      unsafeMetadata: u.unsafe_metadata,
      firstName: u.first_name,
      lastName: u.last_name,
      username: u.username,
      externalId: u.external_id,
      emails: emailsOf(u),
      primaryEmail: primary,
      verifiedEmails: u.emails.filter((e) => e.verified).map((e) => e.email_address),
      phones: (u.phones ?? []).map((p) => p.phone_number),
      activeSessions: active.length,
    };
    const { user: _user, exists: _exists, emails, verifiedEmails, phones, ...rest } = check;
    const sets = {
      ...(emails ? { emails: { $set: emails } } : {}),
      ...(verifiedEmails ? { verifiedEmails: { $set: verifiedEmails } } : {}),
      ...(phones ? { phones: { $set: phones } } : {}),
    };
    return mismatch({ ...rest, ...sets } as never, actual, lc, check.user);
  }
  if ("invitation" in check) {
    const found = [...s.invitations.all()].filter((i) => i.email_address === check.invitation);
    const latest = found.sort((a, b) => b.created_at - a.created_at)[0];
    const status = latest?.status ?? "none";
    return status === check.status
      ? null
      : `invitation ${check.invitation}: ${status}, expected ${check.status}`;
  }
  if ("impersonationsOf" in check) {
    const pending = actorTokens(lc, check.impersonationsOf).filter((t) => t.status === "pending").length;
    return pending === check.pending
      ? null
      : `impersonations of ${check.impersonationsOf}: ${pending} unused, expected ${check.pending}`;
  }
  if ("orgInvitation" in check) {
    const org = s.organizations.orgs.findByIdOrSlug(check.organization);
    const found = org ? s.organizations.invitations.ofOrganization(org.id) : [];
    const latest = found
      .filter((i) => i.email_address === check.orgInvitation)
      .sort((a, b) => b.created_at - a.created_at)[0];
    const status = latest?.status ?? "none";
    return status === check.status
      ? null
      : `invitation of ${check.orgInvitation} to ${check.organization}: ${status}, expected ${check.status}`;
  }
  if ("organization" in check) {
    const org = s.organizations.orgs.findByIdOrSlug(check.organization);
    if (check.exists === false) return org ? `organization ${check.organization} still exists` : null;
    if (!org) return `organization ${check.organization} does not exist`;
    if (check.name !== undefined && org.name !== check.name) return `organization name is ${org.name}`;
    for (const [email, role] of Object.entries(check.members ?? {})) {
      const uid = s.users.findByEmail(email)?.id ?? "";
      const m = s.organizations.memberships.get(org.id, uid);
      if ((m?.role ?? null) !== role)
        return `${email} in ${org.slug}: ${m?.role ?? "not a member"}, expected ${role}`;
    }
    return null;
  }
  const present = s.access
    .list(check.accessList)
    .some((e) => e.identifier === check.identifier.toLowerCase());
  return present === check.present ? null : `${check.accessList} ${check.identifier}: present=${present}`;
}

export interface TurnScore {
  failures: string[];
}

/** The failures of the turn up to its approval (the proposal phase). */
export function scoreProposalPhase(turn: Turn, result: TurnResult, lc: LocalClerkHandle): string[] {
  const failures: string[] = [];
  if (result.error) failures.push(result.error);
  const reads = result.calls.filter((c) => !isWriteTool(c.tool));
  for (const want of turn.calls ?? []) {
    const why = findCall(
      [...reads, ...result.proposals.map((p) => ({ tool: p.tool, input: p.args }))],
      want,
      lc,
    );
    if (why) failures.push(why);
  }
  if (turn.proposalsAnyOf) {
    const routes = turn.proposalsAnyOf.map((route) => checkProposals(route, result.proposals, lc));
    if (!routes.some((r) => r.length === 0)) failures.push(...(routes[0] ?? []));
  } else failures.push(...checkProposals(turn.proposals ?? [], result.proposals, lc));
  failures.push(...checkBulk(turn, result.calls, lc));
  if (result.writes > 0) failures.push(`${result.writes} Backend API write(s) before any approval`);
  if (turn.answer && !new RegExp(turn.answer, "i").test(result.text))
    failures.push(`answer does not match /${turn.answer}/: ${JSON.stringify(result.text.slice(0, 200))}`);
  if (turn.answerCount) {
    const n = usersIn(lc, turn.answerCount).length;
    if (!new RegExp(`(^|[^\\d,])${n}([^\\d,]|$)`).test(result.text))
      failures.push(`answer does not state the count ${n}: ${JSON.stringify(result.text.slice(0, 200))}`);
  }
  return failures;
}

/** After the approval: the approved writes happened (denied: none did) and the end state holds. */
export function scoreOutcome(turn: Turn, approved: boolean, after: TurnResult | null, lc: LocalClerkHandle) {
  const failures: string[] = [];
  if (after?.error) failures.push(after.error);
  if (after && approved && turn.refusedOnApproval) {
    if (after.writes > 0)
      failures.push(`${after.writes} write(s), but the pre-checks should have refused it`);
  } else if (after && approved && after.writes === 0) failures.push("approved, but nothing was written");
  if (after && !approved && after.writes > 0) failures.push(`denied, yet ${after.writes} write(s) happened`);
  for (const check of turn.state ?? []) {
    const why = checkState(check, lc);
    if (why) failures.push(`state: ${why}`);
  }
  return failures;
}
