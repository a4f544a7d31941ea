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

type Actor = Pick<ConsoleAuth, "userId" | "email">;

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
