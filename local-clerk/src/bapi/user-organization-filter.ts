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
