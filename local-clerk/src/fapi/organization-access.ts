import { clerkError } from "../http/errors";
import type { RequestContext } from "../http/router";
import type { SessionRecord } from "../state/types";
import type { FapiRuntime } from "./runtime";
import { requireActiveSession } from "./session-routes";

export const FAPI = { auth: false } as const;

export const notFoundOrUnauthorized = () =>
  clerkError(
    404,
    "organization_not_found_or_unauthorized",
    "not found or unauthorized",
    "Given organization not found, or you don't have permission to access the organization",
  );

/** ClerkJS's `limit`/`offset` paging; `{data, total_count}` goes inside the `response` envelope. */
export function pageOf<T>(rc: RequestContext, all: T[]) {
  const n = (key: string, fallback: number) => {
    const v = Number(rc.query.get(key) ?? "");
    return Number.isInteger(v) && v >= 0 ? v : fallback;
  };
  const limit = Math.min(Math.max(n("limit", 10), 1), 500);
  const offset = n("offset", 0);
  return { data: all.slice(offset, offset + limit), total_count: all.length };
}

/** The signed-in user of `_clerk_session_id` (401 `signed_out` otherwise, like every `/me` call). */
export function me(rt: FapiRuntime, rc: RequestContext) {
  const ex = rt.exchange(rc);
  const session: SessionRecord = requireActiveSession(rt, ex, rc.query.get("_clerk_session_id") ?? undefined);
  return { ex, session, user: rt.requireUser(session.user_id) };
}

/** The caller's membership in `:id` (404 for outsiders), holding `permission` when given (403). */
export function member(rt: FapiRuntime, rc: RequestContext, permission?: string) {
  const ctx = me(rt, rc);
  const d = rt.state.organizations;
  const org = d.orgs.findByIdOrSlug(rc.params.id as string);
  const membership = org && d.memberships.get(org.id, ctx.user.id);
  if (!org || !membership) throw notFoundOrUnauthorized();
  if (permission && !d.roles.hasPermission(membership.role, permission)) {
    throw clerkError(
      403,
      "missing_organization_permission",
      "missing permission",
      "Current user is missing an organization permission.",
    );
  }
  return { ...ctx, org, membership };
}
