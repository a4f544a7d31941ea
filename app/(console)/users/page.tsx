import { LiveRefresh } from "@/components/live/live-indicator";
import { PageHeader } from "@/components/shell/page-header";
import { CreateUserDialog } from "@/components/users/create-user-dialog";
import { FilteredUsersResults } from "@/components/users/filtered-users-results";
import { MetadataFilterBar } from "@/components/users/metadata-filter-bar";
import { UsersFilterBar } from "@/components/users/users-filter-bar";
import { UsersResults } from "@/components/users/users-results";
import { UsersToolbar } from "@/components/users/users-toolbar";
import { UsersResultsFrame, UsersViewProvider } from "@/components/users/users-view-state";
import { can, requirePageAccess } from "@/lib/auth";
import { parseMetadataFilter } from "@/lib/console/metadata-filter";
import { loadUsersSearchParams, normalizeUsersView, serializeUsersView } from "@/lib/console/users-view";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// No Suspense around the results: a full page load sends the table in the first response (the BAPI
// answers in a few ms) instead of a skeleton plus the table streamed into a hidden div; in-app view
// changes keep the current table, dimmed, until the next one renders (see UsersViewProvider).
export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const me = await requirePageAccess("read");
  const raw = await loadUsersSearchParams(searchParams);
  const view = normalizeUsersView(raw);
  const metadata = parseMetadataFilter(raw.mk, raw.mv);
  return (
    <UsersViewProvider>
      <PageHeader
        title="Users"
        description="Search, sort and page through your Clerk users."
        actions={
          <>
            <LiveRefresh />
            <CreateUserDialog canWrite={can(me.role, "write")} />
          </>
        }
      />
      <div className="grid gap-4">
        <UsersToolbar />
        <UsersFilterBar />
        <MetadataFilterBar error={metadata.ok ? undefined : metadata.error} />
        {/* Keyed by the view: a new view starts with an empty row selection. */}
        <UsersResultsFrame key={serializeUsersView({ ...raw, ...view, cols: view.cols.join(",") })}>
          {metadata.ok && metadata.filter ? (
            <FilteredUsersResults view={view} filter={metadata.filter} canWrite={can(me.role, "write")} />
          ) : (
            <UsersResults view={view} />
          )}
        </UsersResultsFrame>
      </div>
    </UsersViewProvider>
  );
}
