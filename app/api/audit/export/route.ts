import { iterateAudit } from "@/lib/audit/audit";
import { auditToCsv } from "@/lib/audit/csv";
import { auditViewToFilters, loadAuditSearchParams, normalizeAuditView } from "@/lib/audit/view-params";
import { authorizedRoute } from "@/lib/auth";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Streams the audit entries of the filters in the query string (same as the audit page) as CSV, oldest first. */
export const GET = authorizedRoute("read", async (request) => {
  const url = new URL(request.url);
  const view = normalizeAuditView(loadAuditSearchParams(url.searchParams));
  const { filters, errors } = auditViewToFilters(view);
  if (errors.length > 0) throw new AppError("bad_request", errors.join(" "));
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(auditToCsv(iterateAudit(filters)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${stamp}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
