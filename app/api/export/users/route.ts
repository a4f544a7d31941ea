import { authorizedRoute } from "@/lib/auth";
import { actionContext } from "@/lib/clerk/action-context";
import { listUsers } from "@/lib/clerk/actions/list-users";
import { runAction } from "@/lib/clerk/define-action";
import { csvDownload, exportCap, usersCsvStream } from "@/lib/console/csv";
import { scanningPageSource, statusCheck } from "@/lib/console/users-scan";
import { loadUsersSearchParams, normalizeUsersView, usersViewFilters } from "@/lib/console/users-view";

export const dynamic = "force-dynamic";

/** CSV of the users view in the query string (same search, filters and sort), every page up to the cap. */
export const GET = authorizedRoute("read", async (request) => {
  const url = new URL(request.url);
  const view = normalizeUsersView(loadUsersSearchParams(url.searchParams));
  const ctx = actionContext();
  const filters = { ...usersViewFilters(view), order_by: view.sort };
  const clerkPage = (offset: number, limit: number) =>
    runAction(listUsers, { ...filters, limit, offset }, ctx);
  const keep = statusCheck(view.filters.status);
  const stream = usersCsvStream({
    metadataKeys: view.cols,
    cap: exportCap(url.searchParams),
    fetchPage: keep ? scanningPageSource(clerkPage, keep) : clerkPage,
  });
  return csvDownload(stream, "users");
});
