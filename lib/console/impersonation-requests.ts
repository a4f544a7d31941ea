import "server-only";
import { and, desc, eq, gt, inArray } from "drizzle-orm";
import { proposeConsoleRequest } from "@/lib/approvals/inbox";
import type { Actor } from "@/lib/auth";
import { grantOf } from "@/lib/auth/policy";
import { actionContext } from "@/lib/clerk/action-context";
import { impersonateUser } from "@/lib/clerk/actions/impersonate-user";
import { isPlainObject } from "@/lib/clerk/metadata";
import { getDb } from "@/lib/db/client";
import { approvals } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { executeWrite, WriteRefusedError } from "@/lib/writes/execute-write";

// Support's impersonation (lib/auth/policy grant `approval`): the request waits in the approvals inbox,
// any admin approves it there, and only then may its proposer create the link, once, from the console.

export type ImpersonationRequest = ReturnType<typeof toRequest>;

function assertRequester(actor: Actor): void {
  if (grantOf(actor.role, "impersonate") !== "approval")
    throw new AppError(
      "forbidden",
      actor.role === "admin"
        ? "Admins create the link directly; requests are for roles an admin has to approve."
        : "Your role may not request an impersonation.",
    );
}

/** Queues the request for an admin; nothing is created in Clerk. */
export async function requestImpersonation(actor: Actor, input: unknown): Promise<ImpersonationRequest> {
  assertRequester(actor);
  const db = await getDb();
  const { row } = await proposeConsoleRequest({ db, ctx: actionContext({ db }) }, impersonateUser, input, {
    userId: actor.userId,
  });
  return toRequest(row);
}

function toRequest(row: typeof approvals.$inferSelect) {
  const args = isPlainObject(row.args) ? row.args : {};
  return {
    approval_id: row.id,
    user_id: row.targetId ?? "",
    reason: typeof args.reason === "string" ? args.reason : "",
    status: row.status === "approved" ? ("approved" as const) : ("pending" as const),
    requested_at: row.createdAt.getTime(),
    expires_at: row.expiresAt.getTime(),
  };
}

/** This requester's open requests for one user: pending, or approved and not yet used. */
export async function openImpersonationRequests(
  requesterId: string,
  userId: string,
  now: Date = new Date(),
): Promise<ImpersonationRequest[]> {
  const rows = await (await getDb())
    .select()
    .from(approvals)
    .where(
      and(
        eq(approvals.adminUserId, requesterId),
        eq(approvals.toolName, impersonateUser.name),
        eq(approvals.targetId, userId),
        eq(approvals.source, "console"),
        inArray(approvals.status, ["pending", "approved"]),
        gt(approvals.expiresAt, now),
      ),
    )
    .orderBy(desc(approvals.createdAt))
    .limit(20);
  return rows.map(toRequest);
}

/**
 * Runs an approved request through the write executor under the approvals gate (the requester's role
 * re-checked, another admin's approval required, arguments re-hashed, target re-read, single use). The
 * requester is the actor (act.sub); the link goes back to them once and is never stored.
 */
export async function createApprovedImpersonationLink(actor: Actor, approvalId: string) {
  assertRequester(actor);
  const db = await getDb();
  const [row] = await db.select().from(approvals).where(eq(approvals.id, approvalId)).limit(1);
  if (!row || row.adminUserId !== actor.userId || row.toolName !== impersonateUser.name || !row.chatId)
    throw AppError.notFound("Impersonation request", approvalId);
  try {
    const { result } = await executeWrite({
      db,
      ctx: actionContext({ db }),
      action: impersonateUser,
      input: row.args,
      actor: { userId: actor.userId, email: actor.email },
      source: "console",
      approval: { chatId: row.chatId, toolCallId: row.toolCallId ?? row.id, role: actor.role },
    });
    return { id: result.id, url: result.url, expires_at: result.expires_at, user_id: result.user_id };
  } catch (err) {
    if (err instanceof WriteRefusedError) throw new AppError("forbidden", err.reason);
    throw err;
  }
}
