import { authorizedRoute } from "@/lib/auth";
import { listUsers } from "@/lib/clerk/actions/list-users";
import { getClerkClient } from "@/lib/clerk/client";
import { runAction } from "@/lib/clerk/define-action";
import { CSV_EXPORT_CAP, usersCsvStream } from "@/lib/console/csv";
import { loadUsersSearchParams, normalizeUsersView, usersViewFilters } from "@/lib/console/users-view";

export const dynamic = "force-dynamic";

/** CSV of the users view in the query string (same search, email filter and sort), every page up to the cap. */
export const GET = authorizedRoute("read", async (request) => {
  const url = new URL(request.url);
  const view = normalizeUsersView(loadUsersSearchParams(url.searchParams));
  const cap = Math.min(CSV_EXPORT_CAP, Math.max(1, Number(url.searchParams.get("limit")) || CSV_EXPORT_CAP));
  const ctx = { clerk: getClerkClient() };
  const filters = usersViewFilters(view);
  const stream = usersCsvStream({
    metadataKeys: view.cols,
    cap,
    fetchPage: (offset, limit) =>
      runAction(listUsers, { ...filters, order_by: view.sort, limit, offset }, ctx).then((r) => ({
        users: r.users,
      })),
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="users-${stamp}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
