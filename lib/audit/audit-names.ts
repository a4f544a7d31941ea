import { emailsOf } from "@/lib/clerk/actions/sign-in-shared";
import type { ClerkClient } from "@/lib/clerk/client";
import type { AuditRow } from "@/lib/db/schema";
import { logger } from "@/lib/errors";

/**
 * Emails for the user ids on a page of audit entries. Actors carry theirs; an approver carries only an
 * id (a bulk job's approver is rarely an actor on the same page), so the others are read from Clerk,
 * best effort: an id Clerk cannot name stays an id.
 */
export async function auditNames(
  rows: readonly Pick<AuditRow, "actorUserId" | "actorEmail" | "approverUserId">[],
  clerk: ClerkClient,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const r of rows) if (r.actorEmail) names.set(r.actorUserId, r.actorEmail);
  const unnamed = rows.flatMap((r) =>
    r.approverUserId && !names.has(r.approverUserId) ? [r.approverUserId] : [],
  );
  if (unnamed.length === 0) return names;
  try {
    for (const [id, email] of await emailsOf(clerk, unnamed)) if (email) names.set(id, email);
  } catch (err) {
    logger.warn("audit.approver_lookup_failed", { error: err instanceof Error ? err.message : String(err) });
  }
  return names;
}
