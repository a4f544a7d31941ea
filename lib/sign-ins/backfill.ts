import type { Session } from "@clerk/backend";
import type { ClerkClient } from "@/lib/clerk/client";
import { type Db, getDb } from "@/lib/db/client";
import { changeEvents } from "@/lib/db/schema";
import { logger } from "@/lib/errors";
import { recordSignIns, signInFromSessionJson } from "./record";

export const SIGN_INS_BACKFILLED_KIND = "sign_ins.backfilled";
const PAGE_SIZE = 500;
const DEFAULT_MAX_SESSIONS = 5_000;

export type SessionLister = Pick<ClerkClient, "sessions">;

export interface BackfillResult {
  seen: number;
  inserted: number;
  /** False when `maxSessions` was reached before Clerk's list ended. */
  complete: boolean;
}

/** The SDK's Session back in Clerk's wire shape, so webhook and backfill rows come from one mapping. */
function sessionJson(s: Session): Record<string, unknown> {
  const a = s.latestActivity;
  return {
    id: s.id,
    user_id: s.userId,
    status: s.status,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    actor: s.actor ?? null,
    latest_activity: a
      ? {
          device_type: a.deviceType,
          is_mobile: a.isMobile,
          browser_name: a.browserName,
          browser_version: a.browserVersion,
          ip_address: a.ipAddress,
          city: a.city,
          country: a.country,
        }
      : null,
  };
}

/**
 * Records the sign-ins Clerk still lists (it cleans up old sessions, so history before the webhook only
 * goes back so far), newest first. Idempotent: a session already recorded only has its status moved on.
 * The list is instance-wide (no user or client filter), which Clerk's API still answers.
 */
export async function backfillSignIns(
  clerk: SessionLister,
  opts: { db?: Db; maxSessions?: number } = {},
): Promise<BackfillResult> {
  const db = opts.db ?? (await getDb());
  const max = opts.maxSessions ?? DEFAULT_MAX_SESSIONS;
  let seen = 0;
  let inserted = 0;
  let complete = false;
  for (let offset = 0; offset < max; offset += PAGE_SIZE) {
    const limit = Math.min(PAGE_SIZE, max - offset);
    const page = await clerk.sessions.getSessionList({ limit, offset });
    const rows = page.data.map((s) => signInFromSessionJson(sessionJson(s), "backfill"));
    inserted += await recordSignIns(
      rows.filter((r) => r !== null),
      db,
    );
    seen += page.data.length;
    if (page.data.length < limit) {
      complete = true;
      break;
    }
  }
  if (inserted > 0) await db.insert(changeEvents).values({ kind: SIGN_INS_BACKFILLED_KIND, userId: null });
  logger.info("sign_ins.backfilled", { seen, inserted, complete });
  return { seen, inserted, complete };
}

/** At server boot, in the background, paced through the jobs' shared pacer (one Clerk budget). */
export function backfillSignInsAtBoot(): void {
  void (async () => {
    const { getClerkClient } = await import("@/lib/clerk/client");
    const { pacedClerk } = await import("@/lib/jobs/paced-clerk");
    const { sharedPacer } = await import("@/lib/jobs/shared-pacer");
    await backfillSignIns(pacedClerk(getClerkClient(), sharedPacer()).clerk);
  })().catch((err: unknown) =>
    logger.warn("sign_ins.backfill_failed", { error: err instanceof Error ? err.message : String(err) }),
  );
}
