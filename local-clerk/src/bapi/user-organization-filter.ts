import type { LocalClerkContext } from "../context";
import type { UserFilter } from "../state/user-query";
import { signedIds } from "./organization-params";

/**
 * `organization_id` on `GET /v1/users` and `/users/count`: members of any `+`/plain organization
 * become an exact id set (the search's fast path), members of `-` ones are excluded. Returns
 * null when no user can match.
 */
export function withOrganizationFilter(
  ctx: LocalClerkContext,
  q: URLSearchParams,
  filter: UserFilter,
): UserFilter | null {
  const orgs = signedIds(q, "organization_id");
  if (!orgs) return filter;
  const index = ctx.state.organizations.memberships;
  const out: UserFilter = { ...filter };
  if (orgs.include) {
    const members = index.memberIds(orgs.include);
    const ids = filter.userIds ? filter.userIds.filter((id) => members.has(id)) : [...members];
    if (ids.length === 0) return null;
    out.userIds = ids.sort();
  }
  if (orgs.exclude) out.excludeUserIds = [...index.memberIds(orgs.exclude)].sort();
  return out;
}

/**
 * Count with `-org` exclusions as count(filter) − count(filter ∧ excluded ids): both sides take the
 * search's fast paths (a cached total, or an exact id set), where a per-user exclusion test over
 * 100,000 users is several times slower than any other filter.
 */
export function countUsers(ctx: LocalClerkContext, filter: UserFilter): number {
  const users = ctx.state.users;
  const { excludeUserIds, ...rest } = filter;
  if (!excludeUserIds?.length) return users.count(filter);
  const restricted = rest.userIds
    ? excludeUserIds.filter((id) => rest.userIds?.includes(id))
    : excludeUserIds;
  const excluded = restricted.length > 0 ? users.count({ ...rest, userIds: restricted }) : 0;
  return users.count(rest) - excluded;
}
