import { csvLine } from "@/lib/console/csv";
import type { AuditRow } from "@/lib/db/schema";

const COLUMNS = [
  "id",
  "created_at",
  "completed_at",
  "actor_user_id",
  "actor_email",
  "source",
  "action",
  "target_type",
  "target_id",
  "target_label",
  "arguments",
  "before",
  "after",
  "outcome",
  "error_code",
  "error_message",
  "clerk_trace_id",
  "approval_id",
  "approver_user_id",
  "chat_id",
  "prompt",
  "undo_of",
  "rule_id",
  "event_id",
] as const;

const json = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v));
const iso = (d: Date | null) => (d ? d.toISOString() : "");

export const auditCsvHeader = (): string => csvLine([...COLUMNS]);

export function auditCsvLine(r: AuditRow): string {
  return csvLine([
    r.id,
    iso(r.createdAt),
    iso(r.completedAt),
    r.actorUserId,
    r.actorEmail,
    r.source,
    r.action,
    r.targetType,
    r.targetId,
    r.targetLabel,
    json(r.arguments),
    json(r.before),
    json(r.after),
    r.outcome,
    r.errorCode,
    r.errorMessage,
    r.clerkTraceId,
    r.approvalId,
    r.approverUserId,
    r.chatId,
    r.prompt,
    r.undoOf,
    r.ruleId,
    r.eventId,
  ]);
}

/** A CSV byte stream (header first) of rows read lazily, e.g. from iterateAudit(). */
export function auditToCsv(rows: Iterable<AuditRow> | AsyncIterable<AuditRow>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator =
    Symbol.asyncIterator in rows
      ? rows[Symbol.asyncIterator]()
      : (rows as Iterable<AuditRow>)[Symbol.iterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(auditCsvHeader()));
        return;
      }
      let chunk = "";
      for (let i = 0; i < 200; i++) {
        const next = await iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += auditCsvLine(next.value);
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
