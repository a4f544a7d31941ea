import { Suspense } from "react";
import { CreateOrganizationForm } from "@/components/organizations/create-organization-form";
import { OrganizationsResults } from "@/components/organizations/organizations-results";
import { OrganizationsToolbar } from "@/components/organizations/organizations-toolbar";
import { TableSkeleton } from "@/components/shell/loading-skeletons";
import { PageHeader } from "@/components/shell/page-header";
import { TitledCard } from "@/components/ui/card";
import { NuqsProvider } from "@/components/users/nuqs-provider";
import { can, requirePageAccess } from "@/lib/auth";
import { loadOrganizationsSearchParams, normalizeOrganizationsView } from "@/lib/console/organizations-view";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OrganizationsPage({ searchParams }: { searchParams: SearchParams }) {
  const me = await requirePageAccess("read");
  const view = normalizeOrganizationsView(await loadOrganizationsSearchParams(searchParams));
  return (
    <NuqsProvider>
      <PageHeader
        title="Organizations"
        description="Search, sort and page through organizations; open one to manage its members."
      />
      <div className="grid gap-4">
        <TitledCard title="Create an organization">
          <CreateOrganizationForm canWrite={can(me.role, "write")} />
        </TitledCard>
        <OrganizationsToolbar />
        <Suspense
          key={`${view.q}|${view.sort}|${view.page}`}
          fallback={<TableSkeleton label="Loading organizations" />}
        >
          <OrganizationsResults view={view} />
        </Suspense>
      </div>
    </NuqsProvider>
  );
}
