"use client";
import {
  type ColumnDef,
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  useReactTable,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { useRouter } from "next/navigation";
import type { KeyboardEvent, MouseEvent, ReactNode } from "react";
import { useRowSelection, withSelection } from "@/components/jobs/users-selection";
import { Table, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { UserRow } from "@/lib/console/user-row";
import { nextSort, parseSort, type UserSortField } from "@/lib/console/users-view";
import { formatDate, formatDateTime } from "./format";
import { UserStatusBadges } from "./user-status-badges";
import { useUsersView } from "./users-view-state";

declare module "@tanstack/react-table" {
  interface ColumnMeta<TData, TValue> {
    /** Renders this column's body cell from the row's data (see UsersTable for why not `cell`). */
    render?: (row: TData) => ReactNode;
  }
}

const col = createColumnHelper<UserRow>();

function buildColumns(metadataKeys: readonly string[]) {
  return [
    col.display({
      id: "avatar",
      header: () => <span className="sr-only">Avatar</span>,
      meta: {
        render: (r) => (
          <span
            aria-hidden
            className="flex size-8 items-center justify-center rounded-full bg-muted text-xs font-semibold text-foreground/80"
          >
            {r.initials}
          </span>
        ),
      },
    }),
    col.display({
      id: "first_name",
      header: "Name",
      meta: {
        render: (r) => (
          <a href={`/users/${r.id}`} data-row-link className="font-medium text-foreground hover:underline">
            {r.name || <i className="text-muted-foreground">No name</i>}
          </a>
        ),
      },
    }),
    col.display({ id: "email_address", header: "Primary email", meta: { render: (r) => r.email ?? "—" } }),
    col.display({
      id: "created_at",
      header: "Created",
      meta: { render: (r) => <time dateTime={formatDate(r.createdAt)}>{formatDate(r.createdAt)}</time> },
    }),
    col.display({
      id: "last_sign_in_at",
      header: "Last sign-in",
      meta: { render: (r) => formatDateTime(r.lastSignInAt) },
    }),
    col.display({
      id: "status",
      header: "Status",
      meta: { render: (r) => <UserStatusBadges banned={r.banned} locked={r.locked} /> },
    }),
    ...metadataKeys.map((key) =>
      col.display({
        id: `meta_${key}`,
        header: key,
        meta: {
          render: (r) => {
            const value = r.metadata[key];
            return value ? (
              <span className="block max-w-40 truncate" title={value}>
                {value}
              </span>
            ) : null;
          },
        },
      }),
    ),
  ];
}

const SORTABLE = new Set<string>(["first_name", "email_address", "created_at", "last_sign_in_at"]);

// Arrow keys move between the row links, so the table is usable without a mouse.
function onTableKeyDown(e: KeyboardEvent<HTMLTableSectionElement>) {
  if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
  const links = Array.from(e.currentTarget.querySelectorAll<HTMLAnchorElement>("a[data-row-link]"));
  const i = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (i < 0) return;
  const next = links[e.key === "ArrowDown" ? i + 1 : i - 1];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

/**
 * `sortable: false` when the order is not Clerk's (metadata-index results come ordered by email).
 *
 * TanStack holds the column model (headers, order, the selection column); body cells render straight
 * from each column's `meta.render`. TanStack's row model builds a row object and one cell object per
 * column with their closures, which made up most of the server render time of a 100-row page; row
 * links are plain anchors with one delegated click handler for the same reason (a next/link per row
 * also prefetched every user page in view).
 */
export function UsersTable({
  rows,
  metadataKeys,
  sortable = true,
}: {
  rows: UserRow[];
  metadataKeys: readonly string[];
  sortable?: boolean;
}) {
  const {
    view: { sort },
    setView,
  } = useUsersView();
  const router = useRouter();
  const selection = useRowSelection();
  const table = useReactTable({
    data: rows,
    columns: withSelection<UserRow, ColumnDef<UserRow>>(
      buildColumns(metadataKeys) as ColumnDef<UserRow>[],
      selection,
    ),
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    getRowId: (r) => r.id,
  });
  const current = parseSort(sort);
  const columns = table.getVisibleLeafColumns();

  const onBodyClick = (e: MouseEvent<HTMLTableSectionElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const link = (e.target as HTMLElement).closest<HTMLAnchorElement>("a[data-row-link]");
    if (!link) return;
    e.preventDefault();
    router.push(link.getAttribute("href") ?? "/users");
  };

  return (
    <Table data-testid="users-table" aria-label="Users">
      <TableHeader>
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id}>
            {group.headers.map((header) => {
              const id = header.column.id;
              const active = current.field === id;
              const label = flexRender(header.column.columnDef.header, header.getContext());
              if (!sortable || !SORTABLE.has(id)) return <TableHead key={header.id}>{label}</TableHead>;
              const Icon = active ? (current.desc ? ArrowDown : ArrowUp) : ArrowUpDown;
              return (
                <TableHead
                  key={header.id}
                  aria-sort={active ? (current.desc ? "descending" : "ascending") : "none"}
                >
                  <button
                    type="button"
                    data-testid={`sort-${id}`}
                    className="inline-flex items-center gap-1 rounded font-medium hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
                    onClick={() => setView({ sort: nextSort(sort, id as UserSortField), page: 1 })}
                  >
                    {label}
                    <Icon aria-hidden className={active ? "text-foreground" : "text-muted-foreground/70"} />
                  </button>
                </TableHead>
              );
            })}
          </TableRow>
        ))}
      </TableHeader>
      {/* Cell and row styles live here once instead of on each of up to 100 x 10 cells. */}
      <tbody
        data-slot="table-body"
        className="[&_a[data-row-link]]:underline-offset-4 [&_a[data-row-link]]:focus-visible:underline [&>tr]:border-b [&>tr]:border-border [&>tr:last-child]:border-0 [&>tr]:hover:bg-muted/50 [&_td]:whitespace-nowrap [&_td]:p-2 [&_td]:align-middle"
        onKeyDown={onTableKeyDown}
        onClick={onBodyClick}
      >
        {rows.map((row) => (
          <tr key={row.id} data-testid="user-row" data-user-id={row.id}>
            {columns.map((c) => (
              <td key={c.id}>{c.columnDef.meta?.render?.(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
