"use client";
import { useRouter } from "next/navigation";
import type { KeyboardEvent, MouseEvent, ReactNode } from "react";
import { type UsersColumn, useRowSelection, withSelection } from "@/components/jobs/users-selection";
import { SpriteIcon } from "@/components/ui/sprite-icon";
import { Table, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { UserRow } from "@/lib/console/user-row";
import { nextSort, parseSort, type UserSortField } from "@/lib/console/users-view";
import { formatDate, formatDateTime } from "./format";
import { UserStatusBadges } from "./user-status-badges";
import { useUsersView } from "./users-view-state";

const avatarHeader = <span className="sr-only">Avatar</span>;

const BASE_COLUMNS: UsersColumn<UserRow>[] = [
  {
    id: "avatar",
    header: avatarHeader,
    render: (r) => (
      <span
        aria-hidden
        className="flex size-8 items-center justify-center rounded-full bg-muted text-xs font-semibold text-foreground/80"
      >
        {r.initials}
      </span>
    ),
  },
  {
    id: "first_name",
    header: "Name",
    render: (r) => (
      <a href={`/users/${r.id}`} data-row-link className="font-medium text-foreground hover:underline">
        {r.name || <i className="text-muted-foreground">No name</i>}
      </a>
    ),
  },
  { id: "email_address", header: "Primary email", render: (r) => r.email ?? "—" },
  {
    id: "created_at",
    header: "Created",
    render: (r) => <time dateTime={formatDate(r.createdAt)}>{formatDate(r.createdAt)}</time>,
  },
  { id: "last_sign_in_at", header: "Last sign-in", render: (r) => formatDateTime(r.lastSignInAt) },
  {
    id: "status",
    header: "Status",
    render: (r) => <UserStatusBadges banned={r.banned} locked={r.locked} />,
  },
];

function metadataColumn(key: string): UsersColumn<UserRow> {
  return {
    id: `meta_${key}`,
    header: key,
    render: (r) => {
      const value = r.metadata[key];
      return value ? (
        <span className="block max-w-40 truncate" title={value}>
          {value}
        </span>
      ) : null;
    },
  };
}

// Built once: icons are the same elements on every render.
const SORT_ICONS = {
  none: <SpriteIcon name="arrow-up-down" className="text-muted-foreground/70" />,
  asc: <SpriteIcon name="arrow-up" className="text-foreground" />,
  desc: <SpriteIcon name="arrow-down" className="text-foreground" />,
};

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
 * Columns are plain objects rendered straight into cells: a table library's row model built a row
 * object and one cell object per column with their closures, which made up most of the server render
 * time of a 100-row page. Row links are plain anchors with one delegated click handler for the same
 * reason (a next/link per row also prefetched every user page in view).
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
  const columns = withSelection<UserRow>([...BASE_COLUMNS, ...metadataKeys.map(metadataColumn)], selection);
  const current = parseSort(sort);

  const onBodyClick = (e: MouseEvent<HTMLTableSectionElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const link = (e.target as HTMLElement).closest<HTMLAnchorElement>("a[data-row-link]");
    if (!link) return;
    e.preventDefault();
    router.push(link.getAttribute("href") ?? "/users");
  };

  const head = (id: string, label: ReactNode) => {
    if (!sortable || !SORTABLE.has(id)) return <TableHead key={id}>{label}</TableHead>;
    const active = current.field === id;
    return (
      <TableHead key={id} aria-sort={active ? (current.desc ? "descending" : "ascending") : "none"}>
        <button
          type="button"
          data-testid={`sort-${id}`}
          className="ui-sort-button"
          onClick={() => setView({ sort: nextSort(sort, id as UserSortField), page: 1 })}
        >
          {label}
          {active ? (current.desc ? SORT_ICONS.desc : SORT_ICONS.asc) : SORT_ICONS.none}
        </button>
      </TableHead>
    );
  };

  return (
    <Table data-testid="users-table" aria-label="Users">
      <TableHeader>
        <TableRow>{columns.map((c) => head(c.id, c.header))}</TableRow>
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
              <td key={c.id}>{c.render(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
