import { Suspense } from "react";
import { LiveRefresh } from "@/components/live/live-indicator";
import { PageHeader } from "@/components/shell/page-header";
import { CreateUserDialog } from "@/components/users/create-user-dialog";
import { FilteredUsersResults } from "@/components/users/filtered-users-results";
import { MetadataFilterBar } from "@/components/users/metadata-filter-bar";
import { NuqsProvider } from "@/components/users/nuqs-provider";
import { UsersFilterBar } from "@/components/users/users-filter-bar";
import { UsersResults } from "@/components/users/users-results";
import { UsersTableSkeleton } from "@/components/users/users-table-skeleton";
import { UsersToolbar } from "@/components/users/users-toolbar";
import { can, requirePageAccess } from "@/lib/auth";
import { parseMetadataFilter } from "@/lib/console/metadata-filter";
import { loadUsersSearchParams, normalizeUsersView, serializeUsersView } from "@/lib/console/users-view";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const me = await requirePageAccess("read");
  const raw = await loadUsersSearchParams(searchParams);
  const view = normalizeUsersView(raw);
  const metadata = parseMetadataFilter(raw.mk, raw.mv);
  return (
    <NuqsProvider>
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
        {/* Keyed by the view so every navigation shows the skeleton while the BAPI answers. */}
        <Suspense
          key={serializeUsersView({ ...raw, ...view, cols: view.cols.join(",") })}
          fallback={<UsersTableSkeleton rows={Math.min(view.size, 20)} />}
        >
          {metadata.ok && metadata.filter ? (
            <FilteredUsersResults view={view} filter={metadata.filter} canWrite={can(me.role, "write")} />
          ) : (
            <UsersResults view={view} />
          )}
        </Suspense>
      </div>
    </NuqsProvider>
  );
}
