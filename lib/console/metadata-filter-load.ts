import "server-only";
import { actionContext } from "@/lib/clerk/action-context";
import { listUsers } from "@/lib/clerk/actions/list-users";
import { getClerkClient } from "@/lib/clerk/client";
import { runAction } from "@/lib/clerk/define-action";
import type { UserSummary } from "@/lib/clerk/projections";
import {
  ensureMetadataIndex,
  metadataIndexFreshness,
  queryMetadataIndex,
} from "@/lib/webhooks/metadata-index";
import { type FreshnessView, type MetadataFilter, reconcileIndexPage } from "./metadata-filter";

export type FilteredUsersPage = {
  users: UserSummary[];
  /** Matches in the index (the page may show fewer when Clerk disagrees with a stale row). */
  total: number;
  dropped: number;
};

/**
 * The index picks the page (ordered by email); one listUsers call with `user_id` fetches those users
 * as Clerk has them now, and rows Clerk no longer agrees with are dropped.
 */
export async function loadMetadataFilteredPage(
  filter: MetadataFilter,
  paging: { email?: string; limit: number; offset: number },
): Promise<FilteredUsersPage> {
  const clerk = getClerkClient();
  await ensureMetadataIndex(clerk);
  const { rows, total } = await queryMetadataIndex({
    key: filter.key,
    ...("value" in filter ? { value: filter.value } : {}),
    ...(paging.email ? { email: paging.email } : {}),
    limit: paging.limit,
    offset: paging.offset,
  });
  if (rows.length === 0) return { users: [], total, dropped: 0 };
  const ids = rows.map((r) => r.userId);
  const page = await runAction(listUsers, { user_id: ids, limit: ids.length }, actionContext({ clerk }));
  const { users, dropped } = reconcileIndexPage(ids, page.users, filter);
  return { users, total, dropped };
}

export async function loadIndexFreshness(): Promise<FreshnessView> {
  const f = await metadataIndexFreshness();
  return {
    users: f.users,
    lastResyncAt: f.lastResyncAt?.getTime() ?? null,
    lastEventAt: f.lastEventAt?.getTime() ?? null,
  };
}
