import { iterateAudit } from "@/lib/audit/audit";
import { auditToCsv } from "@/lib/audit/csv";
import { auditViewToFilters, loadAuditSearchParams, normalizeAuditView } from "@/lib/audit/view-params";
import { authorizedRoute } from "@/lib/auth";
import { csvDownload } from "@/lib/console/csv";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Streams the audit entries of the filters in the query string (same as the audit page) as CSV, oldest first. */
export const GET = authorizedRoute("read", async (request) => {
  const url = new URL(request.url);
  const view = normalizeAuditView(loadAuditSearchParams(url.searchParams));
  const { filters, errors } = auditViewToFilters(view);
  if (errors.length > 0) throw new AppError("bad_request", errors.join(" "));
  return csvDownload(auditToCsv(iterateAudit(filters)), "audit");
});
