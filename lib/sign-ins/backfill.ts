import type { Session } from "@clerk/backend";
import { max } from "drizzle-orm";
import type { ClerkClient } from "@/lib/clerk/client";
import { eachPage } from "@/lib/clerk/pages";
import { type Db, getDb } from "@/lib/db/client";
import { changeEvents, signIns } from "@/lib/db/schema";
import { logger } from "@/lib/errors";
import { recordSignIns, signInFromSessionJson } from "./record";

export const SIGN_INS_BACKFILLED_KIND = "sign_ins.backfilled";
const PAGE_SIZE = 500;
const DEFAULT_MAX_SESSIONS = 5_000;
/** Clock skew and webhooks in flight at shutdown: look a little further back than the newest row. */
const MARGIN_MS = 60_000;

export type SessionLister = Pick<ClerkClient, "sessions">;

export interface BackfillResult {
  seen: number;
  inserted: number;
  /** False when `maxSessions` was reached before Clerk's list (or `since`) ended. */
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
 * With `since` (ms epoch) it stops at the first session created before it. The list is instance-wide
 * (no user or client filter), which Clerk's API still answers.
 */
export async function backfillSignIns(
  clerk: SessionLister,
  opts: { db?: Db; maxSessions?: number; since?: number } = {},
): Promise<BackfillResult> {
  const db = opts.db ?? (await getDb());
  const since = opts.since ?? Number.NEGATIVE_INFINITY;
  let seen = 0;
  let inserted = 0;
  const { complete } = await eachPage(
    (page) => clerk.sessions.getSessionList(page),
    async ({ data: sessions }) => {
      const fresh = sessions.filter((s) => s.createdAt >= since);
      const rows = fresh.map((s) => signInFromSessionJson(sessionJson(s), "backfill"));
      inserted += await recordSignIns(
        rows.filter((r) => r !== null),
        db,
      );
      seen += fresh.length;
      return fresh.length === sessions.length;
    },
    { pageSize: PAGE_SIZE, max: opts.maxSessions ?? DEFAULT_MAX_SESSIONS },
  );
  if (inserted > 0) await db.insert(changeEvents).values({ kind: SIGN_INS_BACKFILLED_KIND, userId: null });
  logger.info("sign_ins.backfilled", { seen, inserted, complete });
  return { seen, inserted, complete };
}

/** The newest sign-in stored (less a margin for clock skew and webhooks in flight), else null. */
async function lastRecorded(db: Db): Promise<number | null> {
  const [row] = await db.select({ at: max(signIns.signedInAt) }).from(signIns);
  return row?.at ? new Date(row.at).getTime() - MARGIN_MS : null;
}

/** At server boot, in the background, paced through the jobs' shared pacer (one Clerk budget). */
export function backfillSignInsAtBoot(): void {
  void (async () => {
    const { getClerkClient } = await import("@/lib/clerk/client");
    const { pacedClerk } = await import("@/lib/jobs/paced-clerk");
    const { sharedPacer } = await import("@/lib/jobs/shared-pacer");
    const db = await getDb();
    const since = await lastRecorded(db);
    await backfillSignIns(pacedClerk(getClerkClient(), sharedPacer()).clerk, {
      db,
      ...(since === null ? {} : { since }),
    });
  })().catch((err: unknown) =>
    logger.warn("sign_ins.backfill_failed", { error: err instanceof Error ? err.message : String(err) }),
  );
}
