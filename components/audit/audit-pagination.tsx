"use client";
import { UrlPagination } from "@/components/shell/url-pagination";
import { auditSearchParams } from "@/lib/audit/view-params";

// A client wrapper because the server component that renders it cannot hand nuqs parsers across.
export function AuditPagination(props: { total: number; page: number; size: number }) {
  return (
    <UrlPagination
      searchParams={auditSearchParams}
      noun="entries"
      testIdPrefix="audit"
      previousLabel="Newer"
      nextLabel="Older"
      {...props}
    />
  );
}
