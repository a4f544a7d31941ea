import { authorizedRoute } from "@/lib/auth";
import { actionContext } from "@/lib/clerk/action-context";
import { listOrganizations } from "@/lib/clerk/actions/list-organizations";
import { runAction } from "@/lib/clerk/define-action";
import {
  csvDownload,
  exportCap,
  ORGANIZATIONS_CSV_HEADER,
  organizationCsvLine,
  pagedCsvStream,
} from "@/lib/console/csv";
import { loadOrganizationsSearchParams, normalizeOrganizationsView } from "@/lib/console/organizations-view";

export const dynamic = "force-dynamic";

/** CSV of the organizations view in the query string (same search and sort), every page up to the cap. */
export const GET = authorizedRoute("read", async (request) => {
  const url = new URL(request.url);
  const view = normalizeOrganizationsView(loadOrganizationsSearchParams(url.searchParams));
  const ctx = actionContext();
  const stream = pagedCsvStream({
    header: ORGANIZATIONS_CSV_HEADER,
    line: organizationCsvLine,
    cap: exportCap(url.searchParams),
    fetchPage: (offset, limit) =>
      runAction(
        listOrganizations,
        { ...(view.q ? { query: view.q } : {}), order_by: view.sort, limit, offset },
        ctx,
      ).then((r) => r.organizations),
  });
  return csvDownload(stream, "organizations");
});
