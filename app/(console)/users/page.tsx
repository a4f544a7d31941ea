import { Suspense } from "react";
import { PageHeader } from "@/components/shell/page-header";
import { NuqsProvider } from "@/components/users/nuqs-provider";
import { UsersResults } from "@/components/users/users-results";
import { UsersTableSkeleton } from "@/components/users/users-table-skeleton";
import { UsersToolbar } from "@/components/users/users-toolbar";
import { requirePageAccess } from "@/lib/auth";
import { loadUsersSearchParams, normalizeUsersView, serializeUsersView } from "@/lib/console/users-view";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageAccess("read");
  const view = normalizeUsersView(await loadUsersSearchParams(searchParams));
  return (
    <NuqsProvider>
      <PageHeader title="Users" description="Search, sort and page through your Clerk users." />
      <div className="grid gap-4">
        <UsersToolbar />
        {/* Keyed by the view so every navigation shows the skeleton while the BAPI answers. */}
        <Suspense
          key={serializeUsersView({ ...view, cols: view.cols.join(",") })}
          fallback={<UsersTableSkeleton rows={Math.min(view.size, 20)} />}
        >
          <UsersResults view={view} />
        </Suspense>
      </div>
    </NuqsProvider>
  );
}
