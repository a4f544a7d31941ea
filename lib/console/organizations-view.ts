import { createLoader, parseAsInteger, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { ORGANIZATION_ORDER, type OrganizationOrder } from "@/lib/clerk/organization-projections";
import { nextSort, parseSort } from "./users-view";

export const ORGANIZATION_PAGE_SIZE = 20;
export const ORGANIZATION_SORT_FIELDS = ["name", "created_at", "members_count"] as const;
export type OrganizationSortField = (typeof ORGANIZATION_SORT_FIELDS)[number];

export const organizationsSearchParams = {
  q: parseAsString.withDefault(""),
  sort: parseAsStringLiteral(ORGANIZATION_ORDER).withDefault("+name"),
  page: parseAsInteger.withDefault(1),
};

export const loadOrganizationsSearchParams = createLoader(organizationsSearchParams);

export type OrganizationsView = { q: string; sort: OrganizationOrder; page: number };

export function normalizeOrganizationsView(raw: OrganizationsView): OrganizationsView {
  return {
    q: raw.q.trim().slice(0, 200),
    sort: raw.sort,
    page: Number.isSafeInteger(raw.page) && raw.page >= 1 && raw.page <= 50_000 ? raw.page : 1,
  };
}

export function organizationsViewToListParams(view: OrganizationsView, size = ORGANIZATION_PAGE_SIZE) {
  return {
    ...(view.q ? { query: view.q } : {}),
    order_by: view.sort,
    limit: size,
    offset: (view.page - 1) * size,
  };
}

/** Clicking a column: the same column flips direction; a new one starts A→Z for names, largest/newest first otherwise. */
export const nextOrganizationSort = (current: OrganizationOrder, field: OrganizationSortField) =>
  nextSort(current, field, field === "name" ? "+" : "-");

export const parseOrganizationSort = parseSort<OrganizationSortField>;

export function organizationsExportHref(view: { q: string; sort: string }): string {
  const p = new URLSearchParams();
  if (view.q) p.set("q", view.q);
  p.set("sort", view.sort);
  return `/api/export/organizations?${p.toString()}`;
}
