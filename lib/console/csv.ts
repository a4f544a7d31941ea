import { displayName, metadataCell, primaryEmail, type UserLike } from "./user-row";

export const CSV_EXPORT_CAP = 10_000;
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
 * Streams the CSV page by page, so memory stays flat and the first bytes leave before the last page is read.
 * Stops at `cap` rows or at the first short page.
 */
export function usersCsvStream(opts: {
  fetchPage: FetchUsersPage;
  metadataKeys: readonly string[];
  cap?: number;
  pageSize?: number;
}): ReadableStream<Uint8Array> {
  const cap = opts.cap ?? CSV_EXPORT_CAP;
  const pageSize = opts.pageSize ?? CSV_PAGE_SIZE;
  const encoder = new TextEncoder();
  let offset = 0;
  let headerSent = false;
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // UTF-8 BOM so Excel reads non-ASCII names correctly.
        controller.enqueue(encoder.encode(`\uFEFF${usersCsvHeader(opts.metadataKeys)}`));
        return;
      }
      const limit = Math.min(pageSize, cap - offset);
      if (limit <= 0 || cancelled) {
        controller.close();
        return;
      }
      const { users } = await opts.fetchPage(offset, limit);
      offset += users.length;
      const chunk = users.map((u) => userCsvLine(u, opts.metadataKeys)).join("");
      if (chunk) controller.enqueue(encoder.encode(chunk));
      if (users.length < limit) controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
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
