import "server-only";
import type { z } from "zod";
import { actionContext } from "@/lib/clerk/action-context";
import { getUser } from "@/lib/clerk/actions/get-user";
import { listInvitations, type listInvitationsInput } from "@/lib/clerk/actions/list-invitations";
import { listSessions } from "@/lib/clerk/actions/list-sessions";
import { listUsers } from "@/lib/clerk/actions/list-users";
import { runAction } from "@/lib/clerk/define-action";
import { scanUsers, statusCheck } from "./users-scan";
import { type ListUsersParams, type UsersView, usersViewFilters, usersViewToListParams } from "./users-view";

const ctx = () => actionContext();

/** One view, one SDK call: getUserList sends GET /users and GET /users/count concurrently. */
export function loadUsersPage(params: ListUsersParams) {
  return runAction(listUsers, params, ctx());
}

/** The table's page: one SDK call, or for the locked/active statuses a scan of Clerk's result (./users-scan). */
export async function loadUsersViewPage(view: UsersView) {
  const keep = statusCheck(view.filters.status);
  if (!keep) return { ...(await loadUsersPage(usersViewToListParams(view))), scan: undefined };
  const c = ctx();
  const filters = { ...usersViewFilters(view), order_by: view.sort };
  const result = await scanUsers(
    (offset, limit) => runAction(listUsers, { ...filters, offset, limit }, c),
    keep,
  );
  const offset = (view.page - 1) * view.size;
  return {
    users: result.users.slice(offset, offset + view.size),
    total_count: result.users.length,
    scan:
      result.scanned < result.clerkTotal
        ? { scanned: result.scanned, clerkTotal: result.clerkTotal }
        : undefined,
  };
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

export function loadInvitations(params: z.input<typeof listInvitationsInput>) {
  return runAction(listInvitations, params, ctx());
}
