// The evaluation set's shape: a case is a conversation of admin turns, each with what a correct agent
// does (the tools it reads with, the writes it proposes, what it must not do) and, where a write is
// approved, the state Local Clerk must end in. Values in `args` are matchers (./match.ts).

export type Category =
  | "lookups"
  | "filters"
  | "metadata-search"
  | "metadata-writes"
  | "bulk"
  | "invitations"
  | "sessions"
  | "sign-ins"
  | "moderation"
  | "lifecycle"
  | "profile"
  | "organizations"
  | "access-lists"
  | "history"
  | "refusals";

/** A matcher for a value: a literal (deep partial match for objects), or one of the `$` forms. */
export type Matcher =
  | string
  | number
  | boolean
  | null
  | Matcher[]
  | { [key: string]: Matcher | undefined }
  /** The Clerk id of the user with this email, resolved from Local Clerk at check time. */
  | { $userId: string }
  /** The id of the organization with this slug. */
  | { $orgId: string }
  /** The id of the latest invitation to this email. */
  | { $invitationId: string }
  /** The id of an organization invitation to this email. */
  | { $orgInvitationId: string }
  /** The id of one of this user's impersonation (actor) tokens. */
  | { $actorTokenOf: string }
  /** The id of one of this user's sessions. */
  | { $sessionOf: string }
  /** An ISO date (or epoch ms) on this day (YYYY-MM-DD, UTC), give or take a day. */
  | { $date: string }
  /** Any value but undefined. */
  | { $present: true }
  /** An ISO date (or epoch ms) within a day of `now - days`. */
  | { $daysAgo: number }
  /** A string containing this text (case-insensitive). */
  | { $contains: string }
  /** An array whose elements (in any order) match these exactly, no more. */
  | { $set: Matcher[] }
  | { $absent: true };

export interface ToolExpectation {
  tool: string;
  /** Partial: only the keys given are checked. */
  args?: Record<string, Matcher>;
}

/** Which users a count in the answer is about, computed from Local Clerk's state at check time. */
export interface UserSet {
  banned?: boolean;
  locked?: boolean;
  domain?: string;
  publicMetadata?: Record<string, string | number | boolean>;
  /** Users whose public metadata does NOT already hold all of these (the ones a change would touch). */
  notPublicMetadata?: Record<string, string | number | boolean>;
  createdWithinDays?: number;
}

/** Emails a bulk plan invites to an organization (slug): it plans those neither member nor invited yet. */
export interface InvitationSet {
  organization: string;
  emails: string[];
}

export type PlanTargets = UserSet | InvitationSet;

export type StateCheck =
  | {
      user: string;
      exists?: boolean;
      banned?: boolean;
      locked?: boolean;
      publicMetadata?: Record<string, Matcher>;
      privateMetadata?: Record<string, Matcher>;
      unsafeMetadata?: Record<string, Matcher>;
      firstName?: string | null;
      lastName?: string | null;
      username?: string | null;
      externalId?: string | null;
      /** Every email the user holds, in any order. */
      emails?: string[];
      primaryEmail?: string;
      verifiedEmails?: string[];
      phones?: string[];
      activeSessions?: number;
    }
  | { invitation: string; status: "pending" | "accepted" | "revoked" | "expired" | "none" }
  /** The latest invitation of this email to the organization with this slug. */
  | { orgInvitation: string; organization: string; status: "pending" | "accepted" | "revoked" | "none" }
  | { organization: string; exists?: boolean; name?: string; members?: Record<string, string | null> }
  | { accessList: "allowlist" | "blocklist"; identifier: string; present: boolean }
  /** How many of this user's impersonation tokens are still unused and unrevoked in Local Clerk. */
  | { impersonationsOf: string; pending: number };

export interface Turn {
  /** The admin's message; {id:<email>}, {org:<slug>}, {inv:<email>}, {sess:<email>}, {act:<email>} become Local Clerk ids. */
  say: string;
  /** Who asks; default admin. */
  as?: "admin" | "viewer";
  /** Tools that must be called (reads, and writes proposed), in any order; others may be called too. */
  calls?: ToolExpectation[];
  /** The write proposals (approval cards) this turn must make: exactly these, none other. */
  proposals?: ToolExpectation[];
  /** As `proposals`, where a correct agent may take one of several routes (e.g. revoke each session or all). */
  proposalsAnyOf?: ToolExpectation[][];
  /**
   * A single bulk plan (proposeBulkJob) over exactly the users (or invitations) of this set. `approve`:
   * answer it on its card (true: approved, then run: each planned target written once and holding the
   * change; false: denied, nothing written); unset, the plan is left awaiting approval.
   */
  bulkPlan?: { action: string; targets: PlanTargets; approve?: boolean };
  /** The answer must match (case-insensitive regular expression source). */
  answer?: string;
  /** The answer must state how many users are in this set (the number computed from Local Clerk). */
  answerCount?: UserSet;
  /** Approve every proposal of this turn through the chat's approval path (default: true when proposals). */
  approve?: boolean;
  /** The approved write must be refused by its pre-checks: nothing reaches Clerk. */
  refusedOnApproval?: boolean;
  /** Local Clerk's state after the turn (after the approval when approved). */
  state?: StateCheck[];
}

export interface EvalCase {
  id: string;
  category: Category;
  /** Why this case exists, when the turns alone do not say it. */
  note?: string;
  /** Registry actions the case is about beyond the tools it expects (e.g. a refused console-only write). */
  covers?: string[];
  turns: Turn[];
}
