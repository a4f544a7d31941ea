import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { signIns } from "@/lib/db/schema";

export type NewSignIn = typeof signIns.$inferInsert;

/** Session statuses a webhook announces, by event type. */
// The session's status comes from the event's data; these events only say a row is due.
const SESSION_EVENTS = new Set(["session.created", "session.revoked", "session.ended", "session.removed"]);

const MAX_TEXT = 200;

function text(v: unknown): string | null {
  return typeof v === "string" && v.length > 0 ? v.slice(0, MAX_TEXT) : null;
}

function millis(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : null;
}

/**
 * A sign-in row from a session as Clerk serializes it (webhook `data`, snake_case); null when it is not a
 * session Clerk would send (no id, user or creation time), so a malformed event records nothing.
 */
export function signInFromSessionJson(
  data: Record<string, unknown>,
  source: NewSignIn["source"],
): NewSignIn | null {
  const sessionId = text(data.id);
  const userId = text(data.user_id);
  const createdAt = millis(data.created_at);
  if (!sessionId?.startsWith("sess_") || !userId || createdAt === null) return null;
  const a = (
    data.latest_activity && typeof data.latest_activity === "object" ? data.latest_activity : {}
  ) as Record<string, unknown>;
  const actor = (data.actor && typeof data.actor === "object" ? data.actor : {}) as Record<string, unknown>;
  return {
    sessionId,
    userId,
    signedInAt: new Date(createdAt),
    status: text(data.status) ?? "active",
    statusAt: millis(data.updated_at) ?? createdAt,
    deviceType: text(a.device_type),
    isMobile: typeof a.is_mobile === "boolean" ? a.is_mobile : null,
    browserName: text(a.browser_name),
    browserVersion: text(a.browser_version),
    ipAddress: text(a.ip_address),
    city: text(a.city),
    country: text(a.country),
    actorId: text(actor.sub),
    source,
  };
}

/**
 * Records sign-ins once per session id. A repeat (redelivery, backfill after the webhook) only moves the
 * status forward, by Clerk's updated_at, and fills what the earlier record lacked.
 */
export async function recordSignIns(rows: NewSignIn[], db: Db): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(signIns)
    .values(rows)
    .onConflictDoUpdate({
      target: signIns.sessionId,
      set: {
        status: sql`case when excluded.status_at > ${signIns.statusAt} then excluded.status else ${signIns.status} end`,
        statusAt: sql`greatest(excluded.status_at, ${signIns.statusAt})`,
        deviceType: sql`coalesce(${signIns.deviceType}, excluded.device_type)`,
        isMobile: sql`coalesce(${signIns.isMobile}, excluded.is_mobile)`,
        browserName: sql`coalesce(${signIns.browserName}, excluded.browser_name)`,
        browserVersion: sql`coalesce(${signIns.browserVersion}, excluded.browser_version)`,
        ipAddress: sql`coalesce(${signIns.ipAddress}, excluded.ip_address)`,
        city: sql`coalesce(${signIns.city}, excluded.city)`,
        country: sql`coalesce(${signIns.country}, excluded.country)`,
      },
    })
    .returning({ fresh: sql<boolean>`xmax = 0` });
  return inserted.filter((r) => r.fresh).length;
}

/**
 * A session.revoked/ended/removed event: the sign-in's status moves forward. An event for a session never
 * recorded (its session.created predates the console) records it from the event's session.
 */
export async function recordSessionEvent(type: string, data: Record<string, unknown>, db: Db): Promise<void> {
  if (SESSION_EVENTS.has(type)) {
    const row = signInFromSessionJson(data, "webhook");
    if (row) await recordSignIns([row], db);
  }
}
