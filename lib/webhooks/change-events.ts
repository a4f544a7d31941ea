import { and, asc, desc, gt, lt, ne, sql } from "drizzle-orm";
import { type Db, getDb } from "@/lib/db/client";
import { type ChangeEventRow, changeEvents } from "@/lib/db/schema";
import { INDEX_RESYNCED_KIND } from "./metadata-index";

export type ChangeEvent = ChangeEventRow;

export async function latestChangeEventId(db?: Db): Promise<number> {
  const d = db ?? (await getDb());
  const [row] = await d
    .select({ id: changeEvents.id })
    .from(changeEvents)
    .orderBy(desc(changeEvents.id))
    .limit(1);
  return row?.id ?? 0;
}

export async function changeEventsAfter(cursor: number, limit = 200, db?: Db): Promise<ChangeEvent[]> {
  const d = db ?? (await getDb());
  return d
    .select()
    .from(changeEvents)
    .where(gt(changeEvents.id, cursor))
    .orderBy(asc(changeEvents.id))
    .limit(limit);
}

/** Change events are only a fan-out signal; keep a bounded history (resync markers date the index). */
export async function pruneChangeEvents(olderThanMs = 24 * 3600_000, db?: Db): Promise<number> {
  const d = db ?? (await getDb());
  const deleted = await d
    .delete(changeEvents)
    .where(
      and(
        lt(changeEvents.createdAt, sql`now() - (${olderThanMs} * interval '1 millisecond')`),
        ne(changeEvents.kind, INDEX_RESYNCED_KIND),
      ),
    )
    .returning({ id: changeEvents.id });
  return deleted.length;
}
