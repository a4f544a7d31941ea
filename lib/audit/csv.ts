import { csvLine, csvStream } from "@/lib/console/csv";
import type { AuditRow } from "@/lib/db/schema";

/** The export's fields in column order; each column is named after its field in snake_case. */
const FIELDS = [
  "id",
  "createdAt",
  "completedAt",
  "actorUserId",
  "actorEmail",
  "source",
  "action",
  "targetType",
  "targetId",
  "targetLabel",
  "arguments",
  "before",
  "after",
  "outcome",
  "errorCode",
  "errorMessage",
  "clerkTraceId",
  "approvalId",
  "approverUserId",
  "chatId",
  "prompt",
  "undoOf",
  "ruleId",
  "eventId",
] as const satisfies readonly (keyof AuditRow)[];
const JSON_FIELDS: ReadonlySet<string> = new Set(["arguments", "before", "after"]);

function cell(r: AuditRow, field: (typeof FIELDS)[number]): string | null {
  const v = r[field];
  if (JSON_FIELDS.has(field)) return v === null || v === undefined ? "" : JSON.stringify(v);
  return v instanceof Date ? v.toISOString() : (v as string | null);
}

export const auditCsvHeader = (): string =>
  csvLine(FIELDS.map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)));

export const auditCsvLine = (r: AuditRow): string => csvLine(FIELDS.map((f) => cell(r, f)));

/** A CSV byte stream (header first) of rows read lazily, e.g. from iterateAudit(), 200 rows a chunk. */
export function auditToCsv(rows: Iterable<AuditRow> | AsyncIterable<AuditRow>): ReadableStream<Uint8Array> {
  async function* chunks() {
    let chunk = "";
    let count = 0;
    for await (const row of rows) {
      chunk += auditCsvLine(row);
      count += 1;
      if (count === 200) {
        yield chunk;
        chunk = "";
        count = 0;
      }
    }
    if (chunk) yield chunk;
  }
  return csvStream(auditCsvHeader(), chunks());
}
