"use client";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { useQueryStates } from "nuqs";
import { Button } from "@/components/ui/button";
import { pageCount, usersSearchParams } from "@/lib/console/users-view";

export function UsersPagination({ total, page, size }: { total: number; page: number; size: number }) {
  const [, setView] = useQueryStates(usersSearchParams, { shallow: false, history: "push" });
  const pages = pageCount(total, size);
  const from = total === 0 ? 0 : (page - 1) * size + 1;
  const to = Math.min(total, page * size);
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-4 text-sm text-zinc-600">
      <p data-testid="users-range" aria-live="polite">
        {from}–{to} of <span data-testid="users-total">{total}</span> users · page {page} of {pages}
      </p>
      <div className="flex gap-2">
        <Button
          variant="outline"
          size="sm"
          disabled={page <= 1}
          onClick={() => setView({ page: page - 1 === 1 ? null : page - 1 })}
          data-testid="users-prev"
        >
          <ChevronLeft aria-hidden /> Previous
        </Button>
        <Button
          variant="outline"
          size="sm"
          disabled={page >= pages}
          onClick={() => setView({ page: page + 1 })}
          data-testid="users-next"
        >
          Next <ChevronRight aria-hidden />
        </Button>
      </div>
    </nav>
  );
}
