import "server-only";
import type { ConsoleAuth } from "@/lib/auth";
import { getClerkClient } from "@/lib/clerk/client";
import {
  type ActionOutput,
  proposeWrite,
  type WriteAction,
  type WriteProposal,
} from "@/lib/clerk/define-action";
import { getDb } from "@/lib/db/client";
import { executeWrite } from "@/lib/writes/execute-write";

type Actor = Pick<ConsoleAuth, "userId" | "email">;

/**
 * Opens the audit database before the pre-write reads, so its one-time start (PGlite + migrations, seconds
 * on a cold server) never sits between the snapshot and the write: that gap widened the window for
 * concurrent changes and let idle keep-alive sockets to Clerk go stale before the write.
 */
export async function prepareAudit(): Promise<void> {
  await getDb();
}

/** A console write: the before-state the admin saw (the proposal), then the write executor. Throws AppError. */
export async function auditedWrite<A extends WriteAction>(
  actor: Actor,
  action: A,
  input: unknown,
  opts: { proposal?: WriteProposal } = {},
): Promise<ActionOutput<A>> {
  const db = await getDb();
  const ctx = { clerk: getClerkClient() };
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
