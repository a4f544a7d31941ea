import { banUser } from "./actions/ban-user";
import { countUsers } from "./actions/count-users";
import { createInvitation } from "./actions/create-invitation";
import { getUser } from "./actions/get-user";
import { listInvitations } from "./actions/list-invitations";
import { listSessions } from "./actions/list-sessions";
import { listUsers } from "./actions/list-users";
import { lockUser } from "./actions/lock-user";
import { revokeInvitation } from "./actions/revoke-invitation";
import { revokeSession } from "./actions/revoke-session";
import { unbanUser } from "./actions/unban-user";
import { unlockUser } from "./actions/unlock-user";
import { updateUserMetadata } from "./actions/update-user-metadata";
import type { AnyAction, ReadAction, WriteAction } from "./define-action";

export const actions = {
  getUser,
  listUsers,
  countUsers,
  listInvitations,
  listSessions,
  updateUserMetadata,
  createInvitation,
  revokeInvitation,
  revokeSession,
  banUser,
  unbanUser,
  lockUser,
  unlockUser,
} as const;

export type Actions = typeof actions;
export type ActionName = keyof Actions;

export const actionList: readonly AnyAction[] = Object.values(actions);
export const readActions: readonly ReadAction[] = actionList.filter(
  (a): a is ReadAction => a.kind === "read",
);
export const writeActions: readonly WriteAction[] = actionList.filter(
  (a): a is WriteAction => a.kind === "write",
);

export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(actions, name);
}

export function getAction(name: string): AnyAction | undefined {
  return isActionName(name) ? actions[name] : undefined;
}
