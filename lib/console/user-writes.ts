import "server-only";
import type { ConsoleAuth } from "@/lib/auth";
import { banUser } from "@/lib/clerk/actions/ban-user";
import { lockUser } from "@/lib/clerk/actions/lock-user";
import { revokeSession } from "@/lib/clerk/actions/revoke-session";
import { unbanUser } from "@/lib/clerk/actions/unban-user";
import { unlockUser } from "@/lib/clerk/actions/unlock-user";
import { getClerkClient } from "@/lib/clerk/client";
import { proposeWrite, type WriteAction } from "@/lib/clerk/define-action";
import { AppError } from "@/lib/errors";
import { auditedWrite, prepareAudit } from "./audited-write";

type Actor = Pick<ConsoleAuth, "userId" | "email">;

export const USER_FLAG_ACTIONS = { banUser, unbanUser, lockUser, unlockUser } as const;
export type UserFlagActionName = keyof typeof USER_FLAG_ACTIONS;

/** A write whose pre-check fails (already banned, session already revoked) is refused, not re-sent. */
async function checkedWrite<A extends WriteAction>(actor: Actor, action: A, input: unknown) {
  await prepareAudit();
  const proposal = await proposeWrite(action, input, { clerk: getClerkClient() });
  const failed = proposal.checks.find((c) => !c.ok);
  if (failed) throw AppError.conflict(failed.message);
  return auditedWrite(actor, action, input, { proposal });
}

export function setUserFlag(name: UserFlagActionName, input: { user_id: string }, actor: Actor) {
  return checkedWrite(actor, USER_FLAG_ACTIONS[name], input);
}

export function endSession(input: { session_id: string }, actor: Actor) {
  return checkedWrite(actor, revokeSession, input);
}
