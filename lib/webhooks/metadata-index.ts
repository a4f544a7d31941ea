import { and, asc, count, eq, isNull, max, type SQL, sql } from "drizzle-orm";
import { isPlainObject } from "@/lib/clerk/metadata";
import { eachPage } from "@/lib/clerk/pages";
import { type Db, getDb } from "@/lib/db/client";
import { changeEvents, metadataIndex, webhookEvents } from "@/lib/db/schema";

export const INDEX_RESYNCED_KIND = "index.resynced";
const PAGE_SIZE = 500;

/** What the index keeps of a user, from a webhook payload (snake_case) or a BAPI User (camelCase). */
export interface IndexedUser {
  userId: string;
  email: string | null;
  publicMetadata: Record<string, unknown>;
  updatedAt: number;
}

type WebhookUser = {
  id?: unknown;
  email_addresses?: { id?: string; email_address?: string }[];
  primary_email_address_id?: string | null;
  public_metadata?: unknown;
  updated_at?: unknown;
};

const asRecord = (v: unknown): Record<string, unknown> => (isPlainObject(v) ? v : {});

export function indexedUserFromWebhook(data: unknown): IndexedUser | null {
  const u = data as WebhookUser;
  if (!u || typeof u.id !== "string") return null;
  const emails = Array.isArray(u.email_addresses) ? u.email_addresses : [];
  const primary = emails.find((e) => e.id === u.primary_email_address_id) ?? emails[0];
  return {
    userId: u.id,
    email: primary?.email_address ?? null,
    publicMetadata: asRecord(u.public_metadata),
    updatedAt: typeof u.updated_at === "number" ? u.updated_at : 0,
  };
}

/**
 * Upserts, unless the stored row is newer or a tombstone at least as new (webhooks may arrive out of
 * order, a retried update after the delete, or race a resync).
 */
export async function upsertIndexedUsers(users: IndexedUser[], db: Db): Promise<void> {
  if (users.length === 0) return;
  await db
    .insert(metadataIndex)
    .values(users.map((u) => ({ ...u, syncedAt: sql`now()` })))
    .onConflictDoUpdate({
      target: metadataIndex.userId,
      set: {
        email: sql`excluded.email`,
        publicMetadata: sql`excluded.public_metadata`,
        updatedAt: sql`excluded.updated_at`,
        syncedAt: sql`now()`,
        deletedAt: sql`null`,
      },
      setWhere: sql`excluded.updated_at >= ${metadataIndex.updatedAt} and (${metadataIndex.deletedAt} is null or excluded.updated_at > ${metadataIndex.deletedAt})`,
    });
}

/** Leaves a tombstone (no data, the deletion's event time) so no older event can bring the row back. */
export async function removeIndexedUser(
  userId: string,
  db: Db,
  deletedAt: number = Date.now(),
): Promise<void> {
  await db
    .insert(metadataIndex)
    .values({ userId, email: null, publicMetadata: {}, updatedAt: 0, deletedAt, syncedAt: sql`now()` })
    .onConflictDoUpdate({
      target: metadataIndex.userId,
      set: {
        email: sql`null`,
        publicMetadata: sql`'{}'::jsonb`,
        deletedAt: sql`greatest(coalesce(${metadataIndex.deletedAt}, 0), excluded.deleted_at)`,
        syncedAt: sql`now()`,
      },
    });
}

/** Tombstones older than this are dropped by a resync: no webhook retry arrives that late. */
const TOMBSTONE_TTL_MS = 7 * 24 * 3600_000;

/** The slice of ClerkClient the resync needs (`createClerkClient(...)` satisfies it). */
export interface UserLister {
  users: {
    getUserList(params: { limit: number; offset: number; orderBy?: "+created_at" | "-updated_at" }): Promise<{
      data: {
        id: string;
        publicMetadata: unknown;
        updatedAt: number;
        primaryEmailAddressId: string | null;
        emailAddresses: { id: string; emailAddress: string }[];
      }[];
      totalCount: number;
    }>;
  };
}

/** The database clock as exact text, so comparisons against it keep microsecond precision. */
async function dbNowText(db: Db): Promise<string> {
  const [row] = await db.select({ now: sql<string>`now()::text` }).from(sql`(select 1) as one`);
  return row!.now;
}

/**
 * The first database time after the current one. PGlite's clock can be as coarse as a millisecond, so a row
 * synced just before the resync may carry the very time it starts at; waiting one tick puts every earlier
 * row strictly before the mark.
 */
async function dbNextTick(db: Db): Promise<string> {
  const first = await dbNowText(db);
  for (;;) {
    const now = await dbNowText(db);
    if (now !== first) return now;
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** Full resync from BAPI (500 users per page); drops rows for users that no longer exist. */
export async function resyncMetadataIndex(
  clerk: UserLister,
  opts: { db?: Db; onPage?: (seen: number, total: number) => void } = {},
): Promise<{ users: number; removed: number }> {
  const db = opts.db ?? (await getDb());
  const startedAt = await dbNextTick(db);
  let seen = 0;
  await eachPage(
    (page) => clerk.users.getUserList({ ...page, orderBy: "+created_at" }),
    async (page) => {
      await upsertIndexedUsers(page.data.map(indexedUserFromApi), db);
      seen += page.data.length;
      opts.onPage?.(seen, page.totalCount);
    },
    { pageSize: PAGE_SIZE },
  );
  // Users Clerk no longer lists were deleted before the resync started: tombstones, not gaps.
  const removed = await db
    .update(metadataIndex)
    .set({
      email: null,
      publicMetadata: {},
      deletedAt: sql`(extract(epoch from ${startedAt}::timestamptz) * 1000)::bigint`,
    })
    .where(and(sql`${metadataIndex.syncedAt} < ${startedAt}::timestamptz`, isNull(metadataIndex.deletedAt)))
    .returning({ userId: metadataIndex.userId });
  await db
    .delete(metadataIndex)
    .where(
      sql`${metadataIndex.deletedAt} < (extract(epoch from now()) * 1000)::bigint - ${TOMBSTONE_TTL_MS}`,
    );
  await db.insert(changeEvents).values({ kind: INDEX_RESYNCED_KIND, userId: null });
  return { users: seen, removed: removed.length };
}

type ApiUser = Awaited<ReturnType<UserLister["users"]["getUserList"]>>["data"][number];

export function indexedUserFromApi(u: ApiUser): IndexedUser {
  const primary = u.emailAddresses.find((e) => e.id === u.primaryEmailAddressId) ?? u.emailAddresses[0];
  return {
    userId: u.id,
    email: primary?.emailAddress ?? null,
    publicMetadata: asRecord(u.publicMetadata),
    updatedAt: u.updatedAt,
  };
}

export interface MetadataQuery {
  /** Top-level public-metadata key; with `value` it must equal it (JSON), without it the key must exist. */
  key?: string;
  value?: unknown;
  /** Additional containment match, e.g. { plan: "pro", seats: 5 }. */
  match?: Record<string, unknown>;
  email?: string;
  limit?: number;
  offset?: number;
}

export async function queryMetadataIndex(q: MetadataQuery, db?: Db) {
  const d = db ?? (await getDb());
  const conds: SQL[] = [sql`${metadataIndex.deletedAt} is null`];
  const contains: Record<string, unknown> = { ...(q.match ?? {}) };
  if (q.key !== undefined) {
    if (q.key.length === 0) throw new Error("Metadata key must not be empty");
    if (q.value === undefined) conds.push(sql`jsonb_exists(${metadataIndex.publicMetadata}, ${q.key})`);
    else contains[q.key] = q.value;
  }
  if (Object.keys(contains).length > 0) {
    conds.push(sql`${metadataIndex.publicMetadata} @> ${JSON.stringify(contains)}::jsonb`);
  }
  if (q.email) conds.push(sql`${metadataIndex.email} ilike ${`%${q.email.replace(/[\\%_]/g, "\\$&")}%`}`);
  const limit = Math.min(Math.max(1, Math.trunc(q.limit ?? 50)), 500);
  return indexPage(d, and(...conds), { limit, offset: Math.max(0, Math.trunc(q.offset ?? 0)) });
}

/** One page of the index rows matching `where`, in the index's order (email, then id), and their count. */
export async function indexPage(db: Db, where: SQL | undefined, page: { limit: number; offset: number }) {
  const [rows, total] = await Promise.all([
    db
      .select()
      .from(metadataIndex)
      .where(where)
      .orderBy(asc(metadataIndex.email), asc(metadataIndex.userId))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(metadataIndex).where(where),
  ]);
  return { rows, total: Number(total[0]?.n ?? 0) };
}

export async function metadataIndexFreshness(db?: Db) {
  const d = db ?? (await getDb());
  const [[users], [resync], [event]] = await Promise.all([
    d.select({ n: count() }).from(metadataIndex).where(isNull(metadataIndex.deletedAt)),
    d
      .select({ at: max(changeEvents.createdAt) })
      .from(changeEvents)
      .where(eq(changeEvents.kind, INDEX_RESYNCED_KIND)),
    d.select({ at: max(webhookEvents.receivedAt) }).from(webhookEvents),
  ]);
  return {
    users: Number(users?.n ?? 0),
    /** Last completed full resync, or null if never. */
    lastResyncAt: toDate(resync?.at),
    /** Last webhook event received (any type). */
    lastEventAt: toDate(event?.at),
  };
}

function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(String(v));
}

const ENSURE_KEY = Symbol.for("clerk-admin-console.metadata-index-ensure");
const ensureHolder = globalThis as unknown as { [ENSURE_KEY]?: WeakMap<Db, Promise<void>> };

/**
 * Runs one full resync per process and database if the index was never built (fresh demo database), so
 * filtering by metadata works without a manual `npm run index:resync`. Webhooks keep it current afterwards.
 */
export async function ensureMetadataIndex(clerk: UserLister, db?: Db): Promise<void> {
  const d = db ?? (await getDb());
  ensureHolder[ENSURE_KEY] ??= new WeakMap();
  const started = ensureHolder[ENSURE_KEY];
  let run = started.get(d);
  if (!run) {
    run = (async () => {
      if ((await metadataIndexFreshness(d)).lastResyncAt) return;
      await resyncMetadataIndex(clerk, { db: d });
    })();
    started.set(d, run);
    run.catch(() => started.delete(d));
  }
  return run;
}
