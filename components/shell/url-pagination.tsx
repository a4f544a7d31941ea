"use client";
import { type parseAsInteger, useQueryStates } from "nuqs";
import { Button } from "@/components/ui/button";
import { SpriteIcon } from "@/components/ui/sprite-icon";
import { pageCount } from "@/lib/console/users-view";
import { cn } from "@/lib/utils";

const PREVIOUS_ICON = <SpriteIcon name="chevron-left" />;
const NEXT_ICON = <SpriteIcon name="chevron-right" />;

type PageParser = ReturnType<typeof parseAsInteger.withDefault>;

export type UrlPaginationProps = {
  /** The page's nuqs parsers; only `page` is written, so the rest of the view stays as it is. */
  searchParams: { page: PageParser };
  total: number;
  page: number;
  size: number;
  /** What is counted, e.g. "users": "1–20 of 45 users · page 1 of 3". */
  noun: string;
  /** Test ids are `${testIdPrefix}-range`, `-total`, `-prev` and `-next`. */
  testIdPrefix: string;
  previousLabel?: string;
  nextLabel?: string;
  className?: string;
};

/** Previous / next paging of a list whose view lives in the URL (a new history entry per page). */
export function UrlPagination({ searchParams, ...props }: UrlPaginationProps) {
  const [, setView] = useQueryStates({ page: searchParams.page }, { shallow: false, history: "push" });
  return <PaginationNav {...props} onPage={(page) => setView({ page })} />;
}

/** The pagination itself; `onPage(null)` means the first page (the URL drops the key). */
export function PaginationNav({
  total,
  page,
  size,
  noun,
  testIdPrefix,
  previousLabel = "Previous",
  nextLabel = "Next",
  className,
  onPage,
}: Omit<UrlPaginationProps, "searchParams"> & { onPage: (page: number | null) => void }) {
  const pages = pageCount(total, size);
  const from = total === 0 ? 0 : (page - 1) * size + 1;
  const to = Math.min(total, page * size);
  return (
    <nav
      aria-label="Pagination"
      className={cn("flex items-center justify-between gap-4 text-sm text-muted-foreground", className)}
    >
      <p data-testid={`${testIdPrefix}-range`} aria-live="polite">
        {from}–{to} of <span data-testid={`${testIdPrefix}-total`}>{total}</span> {noun} · page {page} of{" "}
        {pages}
      </p>
      <div className="flex gap-2">
        <Button
          variant="outline"
          size="sm"
          disabled={page <= 1}
          onClick={() => onPage(page - 1 === 1 ? null : page - 1)}
          data-testid={`${testIdPrefix}-prev`}
        >
          {PREVIOUS_ICON} {previousLabel}
        </Button>
        <Button
          variant="outline"
          size="sm"
          disabled={page >= pages}
          onClick={() => onPage(page + 1)}
          data-testid={`${testIdPrefix}-next`}
        >
          {nextLabel} {NEXT_ICON}
        </Button>
      </div>
    </nav>
  );
}
