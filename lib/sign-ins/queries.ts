import { and, count, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { type SignInRow, signIns } from "@/lib/db/schema";

const DAY_MS = 86_400_000;

export interface SignInWindow {
  from?: Date;
  to?: Date;
  userId?: string;
}

function windowWhere(w: SignInWindow): SQL | undefined {
  return and(
    w.from ? gte(signIns.signedInAt, w.from) : undefined,
    w.to ? lt(signIns.signedInAt, w.to) : undefined,
    w.userId ? eq(signIns.userId, w.userId) : undefined,
  );
}

/** Newest first. */
export async function querySignIns(
  w: SignInWindow & { limit: number; offset?: number },
  db: Db,
): Promise<{ rows: SignInRow[]; total: number }> {
  const where = windowWhere(w);
  const [rows, [totalRow]] = await Promise.all([
    db
      .select()
      .from(signIns)
      .where(where)
      .orderBy(desc(signIns.signedInAt), desc(signIns.sessionId))
      .limit(w.limit)
      .offset(w.offset ?? 0),
    db.select({ n: count() }).from(signIns).where(where),
  ]);
  return { rows, total: totalRow?.n ?? 0 };
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Sign-ins per UTC day from `from` to `to`, every day listed (0 when none). */
export async function querySignInsPerDay(
  w: { from: Date; to: Date },
  db: Db,
): Promise<{ day: string; count: number }[]> {
  const day = sql<string>`to_char(${signIns.signedInAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db.select({ day, n: count() }).from(signIns).where(windowWhere(w)).groupBy(day);
  const counts = new Map(rows.map((r) => [r.day, r.n]));
  const out: { day: string; count: number }[] = [];
  const first = Date.parse(utcDay(w.from.getTime()));
  for (let t = first; t < w.to.getTime(); t += DAY_MS) {
    const d = utcDay(t);
    out.push({ day: d, count: counts.get(d) ?? 0 });
  }
  return out;
}

/**
 * Where a sign-in came from as the session tables name it (components/sessions/format placeOf):
 * "Paris, FR", else the city or the country alone; else the IP, so unplaced sign-ins still tell apart.
 */
export const locationKey = sql<string>`coalesce(${signIns.city} || ', ' || ${signIns.country}, ${signIns.city}, ${signIns.country}, ${signIns.ipAddress})`;
/** The device a sign-in used: "Macintosh · Chrome". */
export const deviceKey = sql<string>`coalesce(${signIns.deviceType}, 'Unknown') || ' · ' || coalesce(${signIns.browserName}, 'Unknown')`;

/** Users who signed in from more than `moreThan` distinct locations, or devices, in the window. */
export async function querySuspiciousUsers(
  w: { from: Date; to: Date; moreThan: number; limit: number },
  db: Db,
) {
  const locations = sql<string[]>`array_remove(array_agg(distinct ${locationKey}), null)`;
  const devices = sql<string[]>`array_agg(distinct ${deviceKey})`;
  const active = sql<
    string[]
  >`array_remove(array_agg(case when ${signIns.status} = 'active' then ${signIns.sessionId} end order by ${signIns.sessionId}), null)`;
  const rows = await db
    .select({
      userId: signIns.userId,
      signIns: count(),
      locations,
      devices,
      last: sql<string>`max(${signIns.signedInAt})`,
      active,
    })
    .from(signIns)
    .where(windowWhere(w))
    .groupBy(signIns.userId)
    .having(
      sql`count(distinct ${locationKey}) > ${w.moreThan} or count(distinct ${deviceKey}) > ${w.moreThan}`,
    )
    .orderBy(
      sql`count(distinct ${locationKey}) + count(distinct ${deviceKey}) desc`,
      sql`max(${signIns.signedInAt}) desc`,
    )
    .limit(w.limit);
  return rows.map((r) => ({
    userId: r.userId,
    signIns: r.signIns,
    locations: [...r.locations].sort(),
    devices: [...r.devices].sort(),
    lastSignInAt: new Date(r.last),
    /** Sessions of the window still active (as far as the webhooks told): what a revoke would target. */
    activeSessionIds: r.active,
  }));
}
