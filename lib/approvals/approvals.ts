import { and, eq, gt } from "drizzle-orm";
import { type Actor, grantOf, type Permission, permissionFor } from "@/lib/auth/policy";
import { confirmsDelete, deleteConfirmationText } from "@/lib/clerk/delete-confirmation";
import { isPlainObject } from "@/lib/clerk/metadata";
import { getAction } from "@/lib/clerk/registry";
import { stableHash } from "@/lib/clerk/stable-hash";
import type { Db } from "@/lib/db/client";
import { type ApprovalRow, type ApprovalStatus, type AuditSource, approvals } from "@/lib/db/schema";
import { positiveNumber } from "@/lib/env";
import { logger } from "@/lib/errors";
import type { CardTarget } from "./proposal";

export const DEFAULT_APPROVAL_TTL_SECONDS = 600;
export const EXPIRED_UNANSWERED = "expired before it was answered";

export function approvalTtlSeconds(env: Record<string, string | undefined> = process.env): number {
  return Math.floor(positiveNumber(env.APPROVAL_TTL_SECONDS) ?? DEFAULT_APPROVAL_TTL_SECONDS);
}

/** Moves one approval out of `from` only if it is still there (a racing decision wins). */
export async function closeApproval(
  db: Db,
  id: string,
  from: ApprovalStatus,
  set: Partial<Pick<ApprovalRow, "status" | "decidedAt" | "decidedBy" | "reason">>,
): Promise<void> {
  await db
    .update(approvals)
    .set(set)
    .where(and(eq(approvals.id, id), eq(approvals.status, from)));
}

/** An approval refused for good at decision time (its proposer or token lost its standing). */
export async function closeRefused(
  db: Db,
  id: string,
  by: string,
  message: string,
  now: Date,
): Promise<void> {
  const reason = `refused: ${message}`.slice(0, 500);
  await closeApproval(db, id, "pending", { status: "expired", decidedAt: now, decidedBy: by, reason });
}

/** The policy permission of a tool; an unknown one (a bulk plan) needs `write`. */
export function toolPermission(toolName: string): Permission {
  const action = getAction(toolName);
  return action ? permissionFor(action) : "write";
}

export function argsHash(args: unknown): string {
  return stableHash(args ?? null);
}

export function targetState(snapshot: unknown) {
  return { hash: stableHash(snapshot ?? null), updatedAt: updatedAtOf(snapshot) };
}

function updatedAtOf(snapshot: unknown): number | null {
  if (!snapshot || typeof snapshot !== "object") return null;
  const record = snapshot as Record<string, unknown>;
  for (const key of ["updated_at", "updatedAt"]) {
    const value = record[key];
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (value instanceof Date) return value.getTime();
  }
  for (const nested of ["user", "target"]) {
    const inner = record[nested];
    if (inner && typeof inner === "object") {
      const found = updatedAtOf(inner);
      if (found !== null) return found;
    }
  }
  return null;
}

export type RefusalCode =
  | "not_found"
  | "forbidden"
  | "wrong_chat"
  | "already_decided"
  | "already_used"
  | "expired"
  | "not_approved"
  | "denied"
  | "tool_mismatch"
  | "args_mismatch"
  | "invalid_input"
  | "confirmation_required"
  | "stale_target";

export interface Refusal {
  ok: false;
  code: RefusalCode;
  message: string;
}

export type ApprovalOutcome = { ok: true; row: ApprovalRow } | Refusal;

function refuse(code: RefusalCode, message: string, fields: Record<string, unknown>): Refusal {
  logger.warn("agent.approval_refused", { code, ...fields });
  return { ok: false, code, message };
}

export interface ProposalInput {
  approvalId: string;
  auth: Pick<Actor, "userId">;
  chatId: string;
  toolCallId: string;
  toolName: string;
  args: unknown;
  target: CardTarget | null;
  snapshot: unknown;
  preview: unknown;
  now?: Date;
  ttlSeconds?: number;
  /** Who proposed it: a chat (default) or a token's MCP/REST client. */
  source?: AuditSource;
}

/** Stores the server-side half of an approval before the client is ever shown the card. */
export async function recordProposal(db: Db, p: ProposalInput): Promise<ApprovalRow> {
  const now = p.now ?? new Date();
  const ttl = p.ttlSeconds ?? approvalTtlSeconds();
  const state = targetState(p.snapshot);
  const [row] = await db
    .insert(approvals)
    .values({
      id: p.approvalId,
      adminUserId: p.auth.userId,
      chatId: p.chatId,
      toolCallId: p.toolCallId,
      toolName: p.toolName,
      argsHash: argsHash(p.args),
      args: (p.args ?? null) as object,
      targetType: p.target?.type ?? null,
      targetId: p.target?.id ?? null,
      targetLabel: p.target?.label ?? null,
      targetStateHash: state.hash,
      targetUpdatedAt: state.updatedAt,
      preview: (p.preview ?? null) as object,
      status: "pending",
      source: p.source ?? "agent",
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttl * 1000),
    })
    .returning();
  if (!row) throw new Error("approval insert returned no row");
  return row;
}

export interface DecisionInput {
  approvalId: string;
  auth: Actor;
  chatId: string;
  approved: boolean;
  reason?: string | undefined;
  /** Approving a deleteUser: the user's email (or id) as the admin typed it. */
  confirm?: string | undefined;
  now?: Date;
}

/**
 * A delete runs only when the admin typed the email the card showed (the user's primary email as read
 * when it was proposed, or the id without one): the user page's check, made on the server for the
 * chat's card and the inbox alike.
 */
export function typedDeleteConfirmation(row: ApprovalRow, typed: string | undefined): boolean {
  if (row.toolName !== "deleteUser") return true;
  const summary = isPlainObject(row.preview) ? row.preview.targetSummary : null;
  const email = isPlainObject(summary) && typeof summary.email === "string" ? summary.email : null;
  return confirmsDelete(typed, deleteConfirmationText(email, row.targetId ?? ""));
}

export const DELETE_NOT_CONFIRMED =
  "Type the user's email address to approve deleting them; nothing was deleted.";

/** Checks an answer without changing anything, so a request with one bad answer changes nothing at all. */
export async function checkDecision(db: Db, d: DecisionInput): Promise<ApprovalOutcome> {
  const now = d.now ?? new Date();
  const log = { approvalId: d.approvalId, chatId: d.chatId, adminUserId: d.auth.userId, phase: "decide" };
  const [row] = await db.select().from(approvals).where(eq(approvals.id, d.approvalId)).limit(1);
  if (!row) return refuse("not_found", "This approval does not exist.", log);
  if (row.adminUserId !== d.auth.userId)
    return refuse("forbidden", "This approval belongs to another admin.", log);
  if (row.chatId !== d.chatId) return refuse("wrong_chat", "This approval belongs to another chat.", log);
  if (row.status !== "pending")
    return refuse(
      "already_decided",
      `This approval was already ${row.status}; it cannot be answered again.`,
      log,
    );
  if (row.expiresAt.getTime() <= now.getTime()) {
    await closeApproval(db, row.id, "pending", {
      status: "expired",
      decidedAt: now,
      reason: EXPIRED_UNANSWERED,
    });
    return refuse("expired", "This approval expired; ask again to get a fresh one.", log);
  }
  // A chat card is approved by its own proposer: only for what the role may do on its own say-so.
  if (d.approved && grantOf(d.auth.role, toolPermission(row.toolName)) !== "yes")
    return refuse("forbidden", "Only admins can approve this change.", { ...log, role: d.auth.role });
  if (d.approved && !typedDeleteConfirmation(row, d.confirm))
    return refuse("confirmation_required", DELETE_NOT_CONFIRMED, log);
  return { ok: true, row };
}

export interface PendingClaim {
  id: string;
  now: Date;
  status: Extract<ApprovalStatus, "approved" | "denied" | "executed">;
  decidedBy: string;
  reason?: string | undefined;
  /** Set only when given (a bulk plan is executed by its approval). */
  executedAt?: Date | null;
  /** The card the decider reviewed: an inbox item or a bulk plan is bound to its arguments hash. */
  argsHash?: string;
  /** A chat's card is bound to its admin and chat. */
  adminUserId?: string;
  chatId?: string;
}

/**
 * pending -> decided exactly once: the WHERE clause is the lock (still pending, not expired, and
 * still bound as the caller checked it). Returns the decided row, or null if someone else won.
 */
export async function claimPending(db: Db, c: PendingClaim): Promise<ApprovalRow | null> {
  const [row] = await db
    .update(approvals)
    .set({
      status: c.status,
      decidedAt: c.now,
      decidedBy: c.decidedBy,
      reason: c.reason?.slice(0, 500) ?? null,
      ...(c.executedAt !== undefined ? { executedAt: c.executedAt } : {}),
    })
    .where(
      and(
        eq(approvals.id, c.id),
        c.adminUserId !== undefined ? eq(approvals.adminUserId, c.adminUserId) : undefined,
        c.chatId !== undefined ? eq(approvals.chatId, c.chatId) : undefined,
        eq(approvals.status, "pending"),
        c.argsHash !== undefined ? eq(approvals.argsHash, c.argsHash) : undefined,
        gt(approvals.expiresAt, c.now),
      ),
    )
    .returning();
  return row ?? null;
}

/** pending -> approved/denied exactly once. */
export async function decideApproval(db: Db, d: DecisionInput): Promise<ApprovalOutcome> {
  const checked = await checkDecision(db, d);
  if (!checked.ok) return checked;
  const row = await claimPending(db, {
    id: d.approvalId,
    now: d.now ?? new Date(),
    status: d.approved ? "approved" : "denied",
    decidedBy: d.auth.userId,
    reason: d.reason,
    adminUserId: d.auth.userId,
    chatId: d.chatId,
  });
  if (!row)
    return refuse(
      "already_decided",
      "This approval was answered concurrently; it cannot be answered again.",
      {
        approvalId: d.approvalId,
        chatId: d.chatId,
        adminUserId: d.auth.userId,
        phase: "decide",
      },
    );
  return { ok: true, row };
}

export interface ClaimInput {
  auth: Actor;
  chatId: string;
  toolCallId: string;
  toolName: string;
  /** The exact input the SDK is about to execute. */
  input: unknown;
  /** Re-reads the target now; compared with the state recorded at proposal. */
  readTarget: () => Promise<unknown>;
  /** Re-validates the input against the action's schema. */
  validate: (input: unknown) => boolean;
  now?: Date;
}

/**
 * The last gate before a write reaches Clerk: role, binding, arguments, expiry and freshness are
 * checked, then approved -> executed in one conditional UPDATE so an approval runs at most once.
 */
export async function claimApprovedCall(db: Db, c: ClaimInput): Promise<ApprovalOutcome> {
  const now = c.now ?? new Date();
  const log = {
    chatId: c.chatId,
    toolCallId: c.toolCallId,
    toolName: c.toolName,
    adminUserId: c.auth.userId,
  };
  const grant = grantOf(c.auth.role, toolPermission(c.toolName));
  if (grant === "no")
    return refuse("forbidden", "Only admins can make changes.", { ...log, role: c.auth.role });
  const [row] = await db
    .select()
    .from(approvals)
    .where(and(eq(approvals.chatId, c.chatId), eq(approvals.toolCallId, c.toolCallId)))
    .limit(1);
  if (!row) return refuse("not_found", "No approval was recorded for this change; nothing was written.", log);
  const withId = { ...log, approvalId: row.id };
  if (row.adminUserId !== c.auth.userId)
    return refuse("forbidden", "This approval belongs to another admin.", withId);
  if (row.toolName !== c.toolName)
    return refuse("tool_mismatch", "The approval is for a different action.", withId);
  if (row.status === "denied")
    return refuse("denied", "The admin denied this change; it was not made.", withId);
  if (row.status === "executed") return refuse("already_used", "This approval was already used.", withId);
  if (row.status !== "approved")
    return refuse("not_approved", `This change is ${row.status}, not approved.`, withId);
  // The proposer's role may only propose it: an admin other than the proposer must have approved it.
  if (grant === "approval" && (!row.decidedBy || row.decidedBy === row.adminUserId))
    return refuse("forbidden", "This change needs an admin's approval; nothing was written.", withId);
  if (row.expiresAt.getTime() <= now.getTime()) {
    await closeApproval(db, row.id, "approved", { status: "expired", reason: "expired before execution" });
    return refuse("expired", "The approval expired before the change ran; nothing was written.", withId);
  }
  if (!c.validate(c.input)) return refuse("invalid_input", "The arguments are no longer valid.", withId);
  if (argsHash(c.input) !== row.argsHash)
    return refuse(
      "args_mismatch",
      "The arguments differ from the ones you approved; nothing was written.",
      withId,
    );
  const current = targetState(await c.readTarget());
  if (current.hash !== row.targetStateHash || current.updatedAt !== row.targetUpdatedAt) {
    await closeApproval(db, row.id, "approved", {
      status: "expired",
      reason: "target changed since approval",
    });
    const who = row.targetLabel ?? row.targetId ?? "The target";
    return refuse(
      "stale_target",
      `${who} changed since you approved; nothing was written. Ask again to review a fresh diff.`,
      withId,
    );
  }
  const [claimed] = await db
    .update(approvals)
    .set({ status: "executed", executedAt: now })
    .where(and(eq(approvals.id, row.id), eq(approvals.status, "approved"), gt(approvals.expiresAt, now)))
    .returning();
  if (!claimed) return refuse("already_used", "This approval was already used.", withId);
  return { ok: true, row: claimed };
}

export async function attachAudit(db: Db, approvalId: string, auditId: string): Promise<void> {
  await db.update(approvals).set({ auditId }).where(eq(approvals.id, approvalId));
}

/** A new user message abandons the cards of the previous turn. */
export async function supersedePending(db: Db, chatId: string, now: Date = new Date()): Promise<number> {
  const rows = await db
    .update(approvals)
    .set({ status: "expired", decidedAt: now, reason: "superseded by a new message" })
    .where(and(eq(approvals.chatId, chatId), eq(approvals.status, "pending")))
    .returning({ id: approvals.id });
  return rows.length;
}

export async function approvalStatusFor(
  db: Db,
  chatId: string,
  toolCallId: string,
): Promise<ApprovalRow["status"] | null> {
  const [row] = await db
    .select({ status: approvals.status })
    .from(approvals)
    .where(and(eq(approvals.chatId, chatId), eq(approvals.toolCallId, toolCallId)))
    .limit(1);
  return row?.status ?? null;
}
