import "server-only";
import type { ConsoleAuth } from "@/lib/auth";
import { banUser } from "@/lib/clerk/actions/ban-user";
import { lockUser } from "@/lib/clerk/actions/lock-user";
import { revokeSession } from "@/lib/clerk/actions/revoke-session";
import { unbanUser } from "@/lib/clerk/actions/unban-user";
import { unlockUser } from "@/lib/clerk/actions/unlock-user";
import { checkedWrite } from "./audited-write";

type Actor = Pick<ConsoleAuth, "userId" | "email" | "role">;

export const USER_FLAG_ACTIONS = { banUser, unbanUser, lockUser, unlockUser } as const;
export type UserFlagActionName = keyof typeof USER_FLAG_ACTIONS;

export function setUserFlag(name: UserFlagActionName, input: { user_id: string }, actor: Actor) {
  return checkedWrite(actor, USER_FLAG_ACTIONS[name], input);
}

export function endSession(input: { session_id: string }, actor: Actor) {
  return checkedWrite(actor, revokeSession, input);
}
