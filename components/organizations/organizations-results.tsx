import { ResultEmpty, ResultError } from "@/components/shell/result-states";
import { loadOrganizationsPage } from "@/lib/console/organization-reads";
import {
  ORGANIZATION_PAGE_SIZE,
  type OrganizationsView,
  organizationsViewToListParams,
} from "@/lib/console/organizations-view";
import { toPublicError } from "@/lib/errors";
import { OrganizationsPagination, OrganizationsTable } from "./organizations-table";

/** Async server component: one page of organizations (one BAPI request), or an empty/error state. */
export async function OrganizationsResults({ view }: { view: OrganizationsView }) {
  let page: Awaited<ReturnType<typeof loadOrganizationsPage>>;
  try {
    page = await loadOrganizationsPage(organizationsViewToListParams(view));
  } catch (err) {
    return (
      <ResultError
        data-testid="organizations-error"
        title="Could not load organizations."
        messages={[toPublicError(err).message]}
      />
    );
  }
  if (page.organizations.length === 0) {
    return (
      <ResultEmpty
        data-testid="organizations-empty"
        title="No organizations match this view."
        hint={page.total_count > 0 ? "This page is past the end of the results." : "Try a different search."}
      />
    );
  }
  return (
    <div className="grid gap-3">
      <OrganizationsPagination total={page.total_count} page={view.page} size={ORGANIZATION_PAGE_SIZE} />
      <OrganizationsTable organizations={page.organizations} />
    </div>
  );
}
