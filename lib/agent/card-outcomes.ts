// A chat's card can be decided outside the chat (its admin approves or denies it in the approvals
// inbox, or it fails its last gate there). The transcript must then tell the model what actually
// happened, not that the card was abandoned.
import type { UIMessage } from "ai";
import { inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { approvals, auditLog } from "@/lib/db/schema";
import { projectForModel } from "./tools";
import { type CardOutcome, pendingApprovalIds } from "./transcript";

const UNKNOWN =
  "Approved in the approvals inbox, but its outcome is not known yet; check the target before repeating it.";

/** approval id -> what became of it, for every card still open in `messages` that is no longer pending. */
export async function decidedElsewhere(
  db: Db,
  messages: readonly UIMessage[],
  allowPrivateMetadata: boolean,
): Promise<Map<string, CardOutcome>> {
  const out = new Map<string, CardOutcome>();
  const ids = messages.flatMap((m) => (m.role === "assistant" ? pendingApprovalIds(m) : []));
  if (ids.length === 0) return out;
  const rows = await db.select().from(approvals).where(inArray(approvals.id, ids));
  const auditIds = rows.flatMap((r) => (r.auditId ? [r.auditId] : []));
  const audits = new Map(
    (auditIds.length === 0 ? [] : await db.select().from(auditLog).where(inArray(auditLog.id, auditIds))).map(
      (a) => [a.id, a],
    ),
  );
  for (const row of rows) {
    if (row.status === "pending") continue;
    if (row.status === "denied" || row.status === "expired") {
      out.set(row.id, { kind: "denied", reason: row.reason ?? `${row.status} in the approvals inbox` });
      continue;
    }
    const audit = row.auditId ? audits.get(row.auditId) : undefined;
    if (row.status === "executed" && audit?.outcome === "ok") {
      out.set(row.id, { kind: "applied", output: projectForModel(audit.after, allowPrivateMetadata) });
    } else if (row.status === "executed" && audit?.outcome === "error") {
      out.set(row.id, {
        kind: "failed",
        errorText: `Approved in the approvals inbox, but the change failed: ${audit.errorMessage ?? "error"}. Nothing was written.`,
      });
    } else {
      out.set(row.id, { kind: "failed", errorText: UNKNOWN });
    }
  }
  return out;
}
