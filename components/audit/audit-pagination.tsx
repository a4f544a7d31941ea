"use client";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { useQueryStates } from "nuqs";
import { Button } from "@/components/ui/button";
import { auditPageCount, auditSearchParams } from "@/lib/audit/view-params";

export function AuditPagination({ total, page, size }: { total: number; page: number; size: number }) {
  const [, setView] = useQueryStates(auditSearchParams, { shallow: false, history: "push" });
  const pages = auditPageCount(total, size);
  const from = total === 0 ? 0 : (page - 1) * size + 1;
  const to = Math.min(total, page * size);
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-4 text-sm text-zinc-600">
      <p data-testid="audit-range" aria-live="polite">
        {from}–{to} of <span data-testid="audit-total">{total}</span> entries · page {page} of {pages}
      </p>
      <div className="flex gap-2">
        <Button
          variant="outline"
          size="sm"
          disabled={page <= 1}
          onClick={() => setView({ page: page - 1 === 1 ? null : page - 1 })}
          data-testid="audit-prev"
        >
          <ChevronLeft aria-hidden /> Newer
        </Button>
        <Button
          variant="outline"
          size="sm"
          disabled={page >= pages}
          onClick={() => setView({ page: page + 1 })}
          data-testid="audit-next"
        >
          Older <ChevronRight aria-hidden />
        </Button>
      </div>
    </nav>
  );
}
