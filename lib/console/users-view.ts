import {
  createLoader,
  createSerializer,
  parseAsInteger,
  parseAsString,
  parseAsStringLiteral,
} from "nuqs/server";
import { USER_ORDER_BY, type USER_ORDER_FIELDS } from "@/lib/clerk/user-order";
import {
  type ClerkFilterParams,
  normalizeUsersFilters,
  type RawUsersFilters,
  type UsersFilters,
  usersFilterParams,
  usersFiltersToParams,
} from "./users-filters";

export type UserSortField = (typeof USER_ORDER_FIELDS)[number];
export const USER_SORTS = USER_ORDER_BY;
export type UserSort = (typeof USER_SORTS)[number];
export const DEFAULT_USER_SORT: UserSort = "-created_at";

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

/** Public-metadata keys shown as columns (and offered for CSV export). */
export const METADATA_COLUMNS = ["plan", "role", "company"] as const;

/** Shared by the server page (loader) and the client controls (useQueryStates). */
export const usersSearchParams = {
  q: parseAsString.withDefault(""),
  email: parseAsString.withDefault(""),
  sort: parseAsStringLiteral(USER_SORTS).withDefault(DEFAULT_USER_SORT),
  page: parseAsInteger.withDefault(1),
  size: parseAsInteger.withDefault(20),
  cols: parseAsString.withDefault(METADATA_COLUMNS.join(",")),
  /** Public-metadata filter (served from the metadata index, see ./metadata-filter). */
  mk: parseAsString.withDefault(""),
  mv: parseAsString.withDefault(""),
  ...usersFilterParams,
};

export const loadUsersSearchParams = createLoader(usersSearchParams);
export const serializeUsersView = createSerializer(usersSearchParams);

export type UsersView = {
  q: string;
  email: string;
  sort: UserSort;
  page: number;
  size: PageSize;
  /** Public-metadata keys shown as columns and exported. */
  cols: string[];
  /** Status, date ranges and organization (./users-filters). */
  filters: UsersFilters;
};

type RawView = Omit<UsersView, "size" | "cols" | "filters"> & {
  size: number;
  cols: string;
} & RawUsersFilters;

/** Metadata column names: letters, digits, `_` and `-` only, unique, at most 10. */
export function parseMetadataColumns(
  raw: string | null | undefined,
  fallback: readonly string[] = METADATA_COLUMNS,
) {
  if (raw === null || raw === undefined) return [...fallback];
  const keys = raw
    .split(",")
    .map((k) => k.trim())
    .filter((k) => /^[\w-]{1,64}$/.test(k));
  return [...new Set(keys)].slice(0, 10);
}

/** Clamps what the URL says into a view the BAPI accepts (bad numbers fall back, never throw). */
export function normalizeUsersView(raw: RawView): UsersView {
  const size = (PAGE_SIZES as readonly number[]).includes(raw.size) ? (raw.size as PageSize) : 20;
  const page = Number.isSafeInteger(raw.page) && raw.page >= 1 ? raw.page : 1;
  return {
    q: raw.q.trim().slice(0, 200),
    email: raw.email.trim().slice(0, 320),
    sort: raw.sort,
    page,
    size,
    cols: parseMetadataColumns(raw.cols),
    filters: normalizeUsersFilters(raw),
  };
}

export type ListUsersParams = ClerkFilterParams & {
  query?: string;
  email_address?: string;
  order_by: UserSort;
  limit: number;
  offset: number;
};

/** The filters of a view, without paging: shared by the table, the count and the CSV export. */
export function usersViewFilters(view: UsersView): Omit<ListUsersParams, "order_by" | "limit" | "offset"> {
  return {
    ...(view.q ? { query: view.q } : {}),
    ...(view.email ? { email_address: view.email } : {}),
    ...usersFiltersToParams(view.filters),
  };
}

export function usersViewToListParams(view: UsersView): ListUsersParams {
  return {
    ...usersViewFilters(view),
    order_by: view.sort,
    limit: view.size,
    offset: (view.page - 1) * view.size,
  };
}

export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** A sort key as the URL and Clerk spell it: `-field` descending, `+field` ascending. */
type SortKey<F extends string> = `${"+" | "-"}${F}`;

export function parseSort<F extends string>(sort: SortKey<F>): { field: F; desc: boolean } {
  return { field: sort.slice(1) as F, desc: sort.startsWith("-") };
}

/** Clicking a column header: a new column starts in `first` direction (descending), the same one flips. */
export function nextSort<F extends string>(
  current: SortKey<F>,
  field: F,
  first: "+" | "-" = "-",
): SortKey<F> {
  const { field: f, desc } = parseSort(current);
  if (f !== field) return `${first}${field}`;
  return desc ? `+${field}` : `-${field}`;
}
