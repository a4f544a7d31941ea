import "server-only";
import { withAudit } from "@/lib/audit/audit";
import type { ConsoleAuth } from "@/lib/auth";
import { getClerkClient } from "@/lib/clerk/client";
import {
  type ActionOutput,
  proposeWrite,
  runAction,
  type WriteAction,
  type WriteProposal,
} from "@/lib/clerk/define-action";
import { getDb } from "@/lib/db/client";

type Actor = Pick<ConsoleAuth, "userId" | "email">;

/**
 * Opens the audit database before the pre-write reads, so its one-time start (PGlite + migrations, seconds
 * on a cold server) never sits between the snapshot and the write: that gap widened the window for
 * concurrent changes and let idle keep-alive sockets to Clerk go stale before the write.
 */
export async function prepareAudit(): Promise<void> {
  await getDb();
}

/**
 * Console adapter for a lib/clerk write: reads the before-state (snapshot) and the preview, records the
 * attempt, runs the write exactly once and records the outcome. Throws AppError.
 */
export async function auditedWrite<A extends WriteAction>(
  actor: Actor,
  action: A,
  input: unknown,
  opts: { proposal?: WriteProposal } = {},
): Promise<ActionOutput<A>> {
  await prepareAudit();
  const ctx = { clerk: getClerkClient() };
  const proposal = opts.proposal ?? (await proposeWrite(action, input, ctx));
  const target = proposal.target;
  return withAudit(
    {
      actorUserId: actor.userId,
      actorEmail: actor.email,
      source: "console",
      action: action.name,
      arguments: proposal.input,
      targetType: target.type,
      targetId: target.id ?? null,
      targetLabel: target.email ?? null,
      before: proposal.before,
      after: () => proposal.after,
    },
    () => runAction(action, proposal.input, ctx),
  );
}
