"use client";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import type { KeyboardEvent } from "react";
import { useRowSelection, withSelection } from "@/components/jobs/users-selection";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { UserRow } from "@/lib/console/user-row";
import { nextSort, parseSort, type UserSortField, usersSearchParams } from "@/lib/console/users-view";
import { formatDate, formatDateTime } from "./format";
import { UserStatusBadges } from "./user-status-badges";

const col = createColumnHelper<UserRow>();

function buildColumns(metadataKeys: readonly string[]) {
  return [
    col.display({
      id: "avatar",
      header: () => <span className="sr-only">Avatar</span>,
      cell: ({ row }) => (
        <span
          aria-hidden
          className="flex size-8 items-center justify-center rounded-full bg-zinc-200 text-xs font-semibold text-zinc-700"
        >
          {row.original.initials}
        </span>
      ),
    }),
    col.accessor("name", {
      id: "first_name",
      header: "Name",
      cell: ({ row }) => (
        <Link
          href={`/users/${row.original.id}`}
          data-row-link
          className="font-medium text-zinc-900 underline-offset-4 hover:underline focus-visible:underline"
        >
          {row.original.name || <span className="text-zinc-500 italic">No name</span>}
        </Link>
      ),
    }),
    col.accessor("email", { id: "email_address", header: "Primary email", cell: (c) => c.getValue() ?? "—" }),
    col.accessor("createdAt", {
      id: "created_at",
      header: "Created",
      cell: (c) => <time dateTime={new Date(c.getValue()).toISOString()}>{formatDate(c.getValue())}</time>,
    }),
    col.accessor("lastSignInAt", {
      id: "last_sign_in_at",
      header: "Last sign-in",
      cell: (c) => formatDateTime(c.getValue()),
    }),
    col.display({
      id: "status",
      header: "Status",
      cell: ({ row }) => <UserStatusBadges banned={row.original.banned} locked={row.original.locked} />,
    }),
    ...metadataKeys.map((key) =>
      col.display({
        id: `meta_${key}`,
        header: key,
        cell: ({ row }) => (
          <span className="block max-w-40 truncate" title={row.original.metadata[key]}>
            {row.original.metadata[key] || ""}
          </span>
        ),
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

/** `sortable: false` when the order is not Clerk's (metadata-index results come ordered by email). */
export function UsersTable({
  rows,
  metadataKeys,
  sortable = true,
}: {
  rows: UserRow[];
  metadataKeys: readonly string[];
  sortable?: boolean;
}) {
  const [{ sort }, setView] = useQueryStates(usersSearchParams, { shallow: false, history: "push" });
  const selection = useRowSelection();
  const table = useReactTable({
    data: rows,
    columns: withSelection<UserRow, ReturnType<typeof buildColumns>[number]>(
      buildColumns(metadataKeys),
      selection,
    ),
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    getRowId: (r) => r.id,
  });
  const current = parseSort(sort);

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
                    className="inline-flex items-center gap-1 rounded font-medium hover:text-zinc-900 focus-visible:ring-2 focus-visible:ring-zinc-400 focus-visible:outline-none"
                    onClick={() => setView({ sort: nextSort(sort, id as UserSortField), page: 1 })}
                  >
                    {label}
                    <Icon aria-hidden className={active ? "text-zinc-900" : "text-zinc-400"} />
                  </button>
                </TableHead>
              );
            })}
          </TableRow>
        ))}
      </TableHeader>
      <TableBody onKeyDown={onTableKeyDown}>
        {table.getRowModel().rows.map((row) => (
          <TableRow key={row.id} data-testid="user-row" data-user-id={row.id}>
            {row.getVisibleCells().map((cell) => (
              <TableCell key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
