// After downtime the metadata index misses the changes Clerk made meanwhile until Svix retries their
// webhooks (minutes later, or never for a delivery that gave up). At boot, the index catches up: the
// users Clerk updated since the last event the console saw, newest first, bounded and paced.
import { desc, sql } from "drizzle-orm";
import { eachPage } from "@/lib/clerk/pages";
import { type Db, getDb } from "@/lib/db/client";
import { changeEvents, webhookEvents } from "@/lib/db/schema";
import { logger } from "@/lib/errors";
import {
  indexedUserFromApi,
  metadataIndexFreshness,
  type UserLister,
  upsertIndexedUsers,
} from "./metadata-index";

export const INDEX_CAUGHT_UP_KIND = "index.caught_up";
const PAGE_SIZE = 100;
/** Clock skew and deliveries in flight at shutdown: look a little further back than the last event. */
const DEFAULT_MARGIN_MS = 60_000;
const DEFAULT_MAX_USERS = 2_000;

export interface CatchUpResult {
  /** Users updated at or after this (ms epoch) were re-read; null when there was nothing to go from. */
  since: number | null;
  users: number;
  /** False when the bound was reached first: a full `npm run index:resync` is needed. */
  complete: boolean;
}

/** The Clerk time of the newest event stored, else the time of the last full resync. */
async function lastSeen(db: Db): Promise<number | null> {
  const [event] = await db
    .select({
      at: sql<string | null>`${webhookEvents.payload}->>'timestamp'`,
      receivedAt: webhookEvents.receivedAt,
    })
    .from(webhookEvents)
    .orderBy(desc(webhookEvents.id))
    .limit(1);
  const fromEvent = Number(event?.at);
  if (Number.isFinite(fromEvent) && fromEvent > 0) return fromEvent;
  if (event) return new Date(event.receivedAt).getTime();
  return (await metadataIndexFreshness(db)).lastResyncAt?.getTime() ?? null;
}

/**
 * Re-reads the users updated since the last event seen (minus a margin), newest first, until one is
 * older or `maxUsers` were read. Does nothing for an index never built (the first full resync does it).
 * Pass a paced client: these reads share Clerk's rate limit with everything else.
 */
export async function catchUpMetadataIndex(
  clerk: UserLister,
  opts: { db?: Db; marginMs?: number; maxUsers?: number } = {},
): Promise<CatchUpResult> {
  const db = opts.db ?? (await getDb());
  if (!(await metadataIndexFreshness(db)).lastResyncAt) return { since: null, users: 0, complete: true };
  const last = await lastSeen(db);
  if (last === null) return { since: null, users: 0, complete: true };
  const since = last - (opts.marginMs ?? DEFAULT_MARGIN_MS);
  let users = 0;
  const { complete } = await eachPage(
    (page) => clerk.users.getUserList({ ...page, orderBy: "-updated_at" }),
    async ({ data }) => {
      const changed = data.filter((u) => u.updatedAt >= since);
      await upsertIndexedUsers(changed.map(indexedUserFromApi), db);
      users += changed.length;
      return changed.length === data.length;
    },
    { pageSize: PAGE_SIZE, max: opts.maxUsers ?? DEFAULT_MAX_USERS },
  );
  if (users > 0) await db.insert(changeEvents).values({ kind: INDEX_CAUGHT_UP_KIND, userId: null });
  const log = { since: new Date(since).toISOString(), users, complete };
  if (complete) logger.info("index.caught_up", log);
  else logger.warn("index.catch_up_incomplete", { ...log, hint: "run `npm run index:resync`" });
  return { since, users, complete };
}

/** At server boot, in the background: paced through the jobs' shared pacer (one Clerk budget). */
export function catchUpMetadataIndexAtBoot(): void {
  void (async () => {
    const { getClerkClient } = await import("@/lib/clerk/client");
    const { pacedClerk } = await import("@/lib/jobs/paced-clerk");
    const { sharedPacer } = await import("@/lib/jobs/shared-pacer");
    await catchUpMetadataIndex(pacedClerk(getClerkClient(), sharedPacer()).clerk);
  })().catch((err: unknown) =>
    logger.warn("index.catch_up_failed", { error: err instanceof Error ? err.message : String(err) }),
  );
}
