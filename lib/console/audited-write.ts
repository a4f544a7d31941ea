import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth";
import { grantOf, permissionFor, refusalMessage } from "@/lib/auth/policy";
import { actionContext } from "@/lib/clerk/action-context";
import {
  type ActionOutput,
  proposeWrite,
  type WriteAction,
  type WriteProposal,
} from "@/lib/clerk/define-action";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { executeWrite } from "@/lib/writes/execute-write";

/**
 * The before-state, diff and pre-checks of a console write. The audit database is opened first, so its
 * one-time start (PGlite + migrations, seconds on a cold server) never sits between the snapshot and the
 * write: that gap widened the window for concurrent changes and let idle keep-alive sockets to Clerk go
 * stale before the write.
 */
export async function proposeConsoleWrite<S extends z.ZodType, O, Snap, After>(
  action: WriteAction<S, O, Snap, After>,
  input: unknown,
): Promise<WriteProposal<Snap, After>> {
  await getDb();
  return proposeWrite(action, input, actionContext());
}

/** A console write: the before-state the admin saw (the proposal), then the write executor. Throws AppError. */
export async function auditedWrite<A extends WriteAction>(
  actor: Actor,
  action: A,
  input: unknown,
  opts: { proposal?: WriteProposal } = {},
): Promise<ActionOutput<A>> {
  assertMayRun(actor, action);
  const db = await getDb();
  const ctx = actionContext({ db });
  const proposal = opts.proposal ?? (await proposeWrite(action, input, ctx));
  const { result } = await executeWrite({
    db,
    ctx,
    action,
    input: proposal.input,
    actor: { userId: actor.userId, email: actor.email },
    source: "console",
    before: proposal.before,
  });
  return result;
}

/**
 * The console's click is the approval, so it runs only for a role the policy lets act on its own say-so;
 * an `approval` grant (support's impersonation) goes through the approvals inbox instead.
 */
export function assertMayRun(actor: Pick<Actor, "role">, action: WriteAction): void {
  const permission = permissionFor(action);
  if (grantOf(actor.role, permission) !== "yes")
    throw new AppError("forbidden", refusalMessage(actor.role, permission));
}

/** A write whose pre-check fails (already banned, session already revoked) is refused, not re-sent. */
export async function checkedWrite<A extends WriteAction>(actor: Actor, action: A, input: unknown) {
  assertMayRun(actor, action);
  const proposal = await proposeConsoleWrite(action, input);
  const failed = proposal.checks.find((c) => !c.ok);
  if (failed) throw AppError.conflict(failed.message);
  return auditedWrite(actor, action, input, { proposal });
}
