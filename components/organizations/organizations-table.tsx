"use client";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { UrlPagination } from "@/components/shell/url-pagination";
import { Badge } from "@/components/ui/badge";
import { SpriteIcon } from "@/components/ui/sprite-icon";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDate } from "@/components/users/format";
import type { OrganizationSummary } from "@/lib/clerk/organization-projections";
import {
  nextOrganizationSort,
  type OrganizationSortField,
  organizationsSearchParams,
  parseOrganizationSort,
} from "@/lib/console/organizations-view";

const COLUMNS: { id: string; label: string; sort?: OrganizationSortField }[] = [
  { id: "name", label: "Name", sort: "name" },
  { id: "slug", label: "Slug" },
  { id: "members", label: "Members", sort: "members_count" },
  { id: "pending", label: "Pending invitations" },
  { id: "limit", label: "Limit" },
  { id: "created", label: "Created", sort: "created_at" },
];

export function OrganizationsPagination(props: { total: number; page: number; size: number }) {
  return (
    <UrlPagination
      searchParams={organizationsSearchParams}
      noun="organizations"
      testIdPrefix="organizations"
      {...props}
    />
  );
}

export function OrganizationsTable({ organizations }: { organizations: OrganizationSummary[] }) {
  const [{ sort }, setView] = useQueryStates(organizationsSearchParams, { shallow: false, history: "push" });
  const current = parseOrganizationSort(sort);
  return (
    <Table data-testid="organizations-table" aria-label="Organizations">
      <TableHeader>
        <TableRow>
          {COLUMNS.map((c) => {
            if (!c.sort) return <TableHead key={c.id}>{c.label}</TableHead>;
            const field = c.sort;
            const active = current.field === field;
            const icon = active ? (current.desc ? "arrow-down" : "arrow-up") : "arrow-up-down";
            return (
              <TableHead key={c.id} aria-sort={active ? (current.desc ? "descending" : "ascending") : "none"}>
                <button
                  type="button"
                  data-testid={`organizations-sort-${field}`}
                  className="inline-flex items-center gap-1 rounded font-medium hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
                  onClick={() => setView({ sort: nextOrganizationSort(sort, field), page: null })}
                >
                  {c.label}
                  <SpriteIcon
                    name={icon}
                    className={active ? "text-foreground" : "text-muted-foreground/70"}
                  />
                </button>
              </TableHead>
            );
          })}
        </TableRow>
      </TableHeader>
      <TableBody>
        {organizations.map((o) => (
          <TableRow key={o.id} data-testid="organization-row" data-organization-id={o.id} data-slug={o.slug}>
            <TableCell>
              <Link href={`/organizations/${o.id}`} className="font-medium text-foreground hover:underline">
                {o.name}
              </Link>
              {o.missing_admin && (
                <Badge variant="warning" className="ml-2" data-testid="organization-no-admin">
                  No admin
                </Badge>
              )}
            </TableCell>
            <TableCell className="font-mono text-xs">{o.slug}</TableCell>
            <TableCell className="tabular-nums" data-testid="organization-members-count">
              {o.members_count ?? "—"}
            </TableCell>
            <TableCell className="tabular-nums">{o.pending_invitations_count ?? "—"}</TableCell>
            <TableCell className="tabular-nums">{o.max_allowed_memberships || "Unlimited"}</TableCell>
            <TableCell>
              <time dateTime={formatDate(o.created_at)}>{formatDate(o.created_at)}</time>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
