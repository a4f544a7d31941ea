import { UsersBulkSelection } from "@/components/jobs/users-selection";
import { ResultEmpty, ResultError } from "@/components/shell/result-states";
import { loadUsersViewPage } from "@/lib/console/reads";
import { toUserRow } from "@/lib/console/user-row";
import type { UsersView } from "@/lib/console/users-view";
import { toPublicError } from "@/lib/errors";
import { UsersPagination } from "./users-pagination";
import { UsersTable } from "./users-table";

/** Async server component: fetches one page of users and renders the table, or an empty/error state. */
export async function UsersResults({ view }: { view: UsersView }) {
  let page: Awaited<ReturnType<typeof loadUsersViewPage>>;
  try {
    page = await loadUsersViewPage(view);
  } catch (err) {
    return <UsersError message={toPublicError(err).message} />;
  }
  const rows = page.users.map((u) => toUserRow(u, view.cols));
  if (rows.length === 0) return <UsersEmpty pastEnd={page.total_count > 0} />;
  return (
    <>
      {page.scan && (
        <p className="text-sm text-muted-foreground" data-testid="users-scan-note">
          Clerk has no locked filter: the first {page.scan.scanned.toLocaleString("en-US")} of{" "}
          {page.scan.clerkTotal.toLocaleString("en-US")} users were checked. Narrow the other filters to see
          the rest.
        </p>
      )}
      <UsersPagination total={page.total_count} page={view.page} size={view.size} />
      <UsersBulkSelection pageIds={rows.map((r) => r.id)}>
        <UsersTable rows={rows} metadataKeys={view.cols} />
      </UsersBulkSelection>
    </>
  );
}

export function UsersError({ message }: { message: string }) {
  return <ResultError data-testid="users-error" title="Could not load users." messages={[message]} />;
}

export function UsersEmpty({ pastEnd, hint }: { pastEnd: boolean; hint?: string }) {
  return (
    <ResultEmpty
      data-testid="users-empty"
      title="No users match this view."
      hint={
        pastEnd
          ? "This page is past the end of the results."
          : (hint ?? "Try a different search or clear the email filter.")
      }
    />
  );
}
