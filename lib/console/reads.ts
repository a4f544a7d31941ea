import "server-only";
import { getUser } from "@/lib/clerk/actions/get-user";
import { listInvitations } from "@/lib/clerk/actions/list-invitations";
import { listSessions } from "@/lib/clerk/actions/list-sessions";
import { listUsers } from "@/lib/clerk/actions/list-users";
import { getClerkClient } from "@/lib/clerk/client";
import { runAction } from "@/lib/clerk/define-action";
import type { ListUsersParams } from "./users-view";

const ctx = () => ({ clerk: getClerkClient() });

export type UsersPage = Awaited<ReturnType<typeof loadUsersPage>>;

/** One view, one SDK call: getUserList sends GET /users and GET /users/count concurrently. */
export function loadUsersPage(params: ListUsersParams) {
  return runAction(listUsers, params, ctx());
}

/** The detail page's two reads, concurrent. */
export async function loadUserWithSessions(userId: string) {
  const c = ctx();
  const [user, sessions] = await Promise.all([
    runAction(getUser, { user_id: userId }, c),
    runAction(listSessions, { user_id: userId }, c),
  ]);
  return { user, sessions: sessions.sessions };
}

export function loadInvitations(params: {
  status?: "pending" | "accepted" | "revoked" | "expired";
  query?: string;
  limit: number;
  offset: number;
}) {
  return runAction(listInvitations, params, ctx());
}
