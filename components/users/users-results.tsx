import { AlertTriangle, SearchX } from "lucide-react";
import { UsersBulkSelection } from "@/components/jobs/users-selection";
import { loadUsersPage } from "@/lib/console/reads";
import { toUserRow } from "@/lib/console/user-row";
import { type UsersView, usersViewToListParams } from "@/lib/console/users-view";
import { toPublicError } from "@/lib/errors";
import { UsersPagination } from "./users-pagination";
import { UsersTable } from "./users-table";

/** Async server component: fetches one page of users and renders the table, or an empty/error state. */
export async function UsersResults({ view }: { view: UsersView }) {
  let page: Awaited<ReturnType<typeof loadUsersPage>>;
  try {
    page = await loadUsersPage(usersViewToListParams(view));
  } catch (err) {
    return <UsersError message={toPublicError(err).message} />;
  }
  const rows = page.users.map((u) => toUserRow(u, view.cols));
  if (rows.length === 0) return <UsersEmpty pastEnd={page.total_count > 0} />;
  return (
    <div className="grid gap-3">
      <UsersPagination total={page.total_count} page={view.page} size={view.size} />
      <UsersBulkSelection pageIds={rows.map((r) => r.id)}>
        <UsersTable rows={rows} metadataKeys={view.cols} />
      </UsersBulkSelection>
    </div>
  );
}

export function UsersError({ message }: { message: string }) {
  return (
    <div
      role="alert"
      data-testid="users-error"
      className="flex items-start gap-3 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900"
    >
      <AlertTriangle aria-hidden className="mt-0.5 size-4" />
      <div>
        <p className="font-medium">Could not load users.</p>
        <p>{message}</p>
      </div>
    </div>
  );
}

export function UsersEmpty({ pastEnd, hint }: { pastEnd: boolean; hint?: string }) {
  return (
    <div
      data-testid="users-empty"
      className="grid justify-items-center gap-2 rounded-md border border-dashed p-10 text-sm text-zinc-600"
    >
      <SearchX aria-hidden className="size-6" />
      <p className="font-medium text-zinc-900">No users match this view.</p>
      <p>
        {pastEnd
          ? "This page is past the end of the results."
          : (hint ?? "Try a different search or clear the email filter.")}
      </p>
    </div>
  );
}
