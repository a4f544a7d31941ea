// The inbox's shared shapes: what a caller provides (deps, proposer) and what a decision returns.

import type { ConsoleRole } from "@/lib/auth/policy";
import type { ActionContext } from "@/lib/clerk/define-action";
import type { Db } from "@/lib/db/client";
import type { AuditSource } from "@/lib/db/schema";
import type { JobDecisionInput } from "@/lib/jobs/decide";
import type { StandingCode } from "@/lib/jobs/standing";
import type { RefusalCode } from "./approvals";

export interface InboxDeps {
  db: Db;
  ctx: ActionContext;
  /** The proposer's role and email now: a demoted proposer's items can no longer run. */
  lookupOwner: (userId: string) => Promise<{ role: ConsoleRole; email: string | null }>;
  allowPrivateMetadata: boolean;
  now?: () => Date;
  /**
   * Bulk jobs are approved as one plan by lib/jobs (bound to the plan hash, stored as the row's
   * args hash); without this hook the inbox refuses to decide them rather than run them as one write.
   */
  decideBulkJob?: (
    input: JobDecisionInput,
  ) => Promise<{ ok: true } | { ok: false; code: string; message: string }>;
}

export interface Proposer {
  userId: string;
  email: string | null;
  tokenId: string;
  source: Extract<AuditSource, "mcp" | "rest">;
}

export interface InboxDecision {
  approvalId: string;
  approved: boolean;
  /** The args hash of the card the human looked at: approving binds to exactly those arguments. */
  argsHash: string;
  reason?: string | undefined;
  /** Approving a deleteUser: the user's email (or id) as the admin typed it. */
  confirm?: string | undefined;
}

export type DecisionResult =
  | { approvalId: string; ok: true; status: "denied" | "queued" }
  /** Approved; its proposer runs it from the console (a write that returns a secret shown once). */
  | { approvalId: string; ok: true; status: "approved" }
  | { approvalId: string; ok: true; status: "executed"; result: unknown }
  | {
      approvalId: string;
      ok: false;
      code: RefusalCode | "failed";
      message: string;
      /**
       * Why a `forbidden` refusal is about the proposal rather than the approver (its token was
       * revoked or expired, its proposer is no longer an admin); `code` stays `forbidden` for callers
       * that only know the stable codes.
       */
      reason?: StandingCode;
    };
