import { UsersBulkSelection } from "@/components/jobs/users-selection";
import { describeFilter, type FreshnessView, type MetadataFilter } from "@/lib/console/metadata-filter";
import {
  type FilteredUsersPage,
  loadIndexFreshness,
  loadMetadataFilteredPage,
} from "@/lib/console/metadata-filter-load";
import { toUserRow } from "@/lib/console/user-row";
import type { UsersView } from "@/lib/console/users-view";
import { toPublicError } from "@/lib/errors";
import { IndexFreshness } from "./index-freshness";
import { UsersPagination } from "./users-pagination";
import { UsersEmpty, UsersError } from "./users-results";
import { UsersTable } from "./users-table";

/** Async server component: users whose public metadata matches, from the metadata index. */
export async function FilteredUsersResults({
  view,
  filter,
  canWrite,
}: {
  view: UsersView;
  filter: MetadataFilter;
  canWrite: boolean;
}) {
  const email = view.email || view.q;
  let page: FilteredUsersPage;
  let freshness: FreshnessView;
  try {
    page = await loadMetadataFilteredPage(filter, {
      ...(email ? { email } : {}),
      limit: view.size,
      offset: (view.page - 1) * view.size,
    });
    freshness = await loadIndexFreshness();
  } catch (err) {
    return <UsersError message={toPublicError(err).message} />;
  }
  const rows = page.users.map((u) => toUserRow(u, view.cols));
  return (
    <div className="grid gap-3">
      <div className="grid gap-1 rounded-md border border-border bg-muted/50 p-3">
        <p className="text-sm text-foreground" data-testid="metadata-filter-note">
          Public metadata <strong>{describeFilter(filter)}</strong>
          {email ? <> and email contains “{email}”</> : null}, sorted by email.
          {(view.filters.status || view.filters.org || Object.keys(view.filters.ranges).length > 0) && (
            <> The status, date and organization filters do not apply to a metadata search.</>
          )}
          {page.dropped > 0 && (
            <>
              {" "}
              {page.dropped} indexed {page.dropped === 1 ? "user no longer matches" : "users no longer match"}{" "}
              in Clerk and {page.dropped === 1 ? "is" : "are"} hidden until the next webhook or resync.
            </>
          )}
        </p>
        <IndexFreshness freshness={freshness} serverNow={Date.now()} canWrite={canWrite} />
      </div>
      {rows.length === 0 ? (
        <UsersEmpty
          pastEnd={page.total > 0}
          hint="No user in the index has this public metadata. Check the key and value (case matters)."
        />
      ) : (
        <>
          <UsersPagination total={page.total} page={view.page} size={view.size} />
          <UsersBulkSelection pageIds={rows.map((r) => r.id)}>
            <UsersTable rows={rows} metadataKeys={view.cols} sortable={false} />
          </UsersBulkSelection>
        </>
      )}
    </div>
  );
}
