import type { OrganizationSummary } from "@/lib/clerk/organization-projections";
import { displayName, metadataCell, primaryEmail, type UserLike } from "./user-row";

export const CSV_EXPORT_CAP = 10_000;

/** The rows an export may stream: the request's `limit` when it asks for fewer than the cap. */
export function exportCap(params: URLSearchParams): number {
  return Math.min(CSV_EXPORT_CAP, Math.max(1, Number(params.get("limit")) || CSV_EXPORT_CAP));
}
export const CSV_PAGE_SIZE = 500; // BAPI's maximum `limit`

// Spreadsheet apps execute cells starting with these; OWASP's CSV-injection guidance is to prefix a quote.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(fields: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : "");

export function usersCsvHeader(metadataKeys: readonly string[]): string {
  return csvLine([
    "id",
    "name",
    "primary_email",
    "created_at",
    "last_sign_in_at",
    "banned",
    "locked",
    ...metadataKeys.map((k) => `public_metadata.${k}`),
  ]);
}

export function userCsvLine(user: UserLike, metadataKeys: readonly string[]): string {
  return csvLine([
    user.id,
    displayName(user),
    primaryEmail(user),
    iso(user.created_at),
    iso(user.last_sign_in_at),
    user.banned,
    user.locked,
    ...metadataKeys.map((k) => metadataCell(user.public_metadata?.[k])),
  ]);
}

export type FetchUsersPage = (offset: number, limit: number) => Promise<{ users: UserLike[] }>;

/**
 * A CSV byte stream pulled chunk by chunk: the header, then each chunk the source yields, so memory stays
 * flat and the first bytes leave before the source is read to the end. Cancelling ends the source.
 */
export function csvStream(header: string, chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(header));
        return;
      }
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** Streams a CSV page by page; stops at `cap` rows or at the first short page. */
export function pagedCsvStream<T>(opts: {
  header: string;
  line: (row: T) => string;
  fetchPage: (offset: number, limit: number) => Promise<T[]>;
  cap?: number;
  pageSize?: number;
}): ReadableStream<Uint8Array> {
  const cap = opts.cap ?? CSV_EXPORT_CAP;
  const pageSize = opts.pageSize ?? CSV_PAGE_SIZE;
  async function* pages() {
    let offset = 0;
    for (let limit = Math.min(pageSize, cap); limit > 0; limit = Math.min(pageSize, cap - offset)) {
      const rows = await opts.fetchPage(offset, limit);
      offset += rows.length;
      if (rows.length > 0) yield rows.map(opts.line).join("");
      if (rows.length < limit) return;
    }
  }
  // UTF-8 BOM so Excel reads non-ASCII names correctly.
  return csvStream(`\uFEFF${opts.header}`, pages());
}

export function usersCsvStream(opts: {
  fetchPage: FetchUsersPage;
  metadataKeys: readonly string[];
  cap?: number;
  pageSize?: number;
}): ReadableStream<Uint8Array> {
  return pagedCsvStream<UserLike>({
    header: usersCsvHeader(opts.metadataKeys),
    line: (u) => userCsvLine(u, opts.metadataKeys),
    fetchPage: (offset, limit) => opts.fetchPage(offset, limit).then((p) => p.users),
    cap: opts.cap,
    pageSize: opts.pageSize,
  });
}

const ORGANIZATION_CSV_FIELDS = [
  "id",
  "name",
  "slug",
  "members_count",
  "pending_invitations_count",
  "max_allowed_memberships",
  "missing_admin",
  "created_at",
] as const satisfies readonly (keyof OrganizationSummary)[];
export type OrganizationCsvRow = Pick<OrganizationSummary, (typeof ORGANIZATION_CSV_FIELDS)[number]>;

export const ORGANIZATIONS_CSV_HEADER = csvLine(ORGANIZATION_CSV_FIELDS);

export function organizationCsvLine(o: OrganizationCsvRow): string {
  return csvLine(ORGANIZATION_CSV_FIELDS.map((f) => (f === "created_at" ? iso(o.created_at) : o[f])));
}

/** A CSV download: `<name>-<UTC timestamp>.csv`, never cached or content-sniffed. */
export function csvDownload(stream: ReadableStream<Uint8Array>, name: string): Response {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}-${stamp}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
