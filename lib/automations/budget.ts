// A standing approval's write budget (N per hour, M per day), taken under a lock on the approval so two
// firings at once cannot both take the last write.
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { type AutomationGrantRow, automationFirings, automationGrants } from "@/lib/db/schema";
import type { Bounds } from "./bounds";

const HOUR = 3_600_000;

async function reservedSince(db: Db, grantId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${automationFirings.reservedWrites}), 0)::int` })
    .from(automationFirings)
    .where(and(eq(automationFirings.grantId, grantId), gt(automationFirings.reservedAt, since)));
  return Number(row?.n ?? 0);
}

/** Takes `n` writes of the grant's budget for this firing, or says which bound it would exceed. */
export async function reserveWrites(
  db: Db,
  grant: AutomationGrantRow & { parsed: Bounds },
  firingId: string,
  n: number,
  now: Date,
): Promise<string | null> {
  return db.transaction(async (tx) => {
    await tx
      .select({ id: automationGrants.id })
      .from(automationGrants)
      .where(eq(automationGrants.id, grant.id))
      .for("update");
    const t = tx as unknown as Db;
    const hour = await reservedSince(t, grant.id, new Date(now.getTime() - HOUR));
    if (hour + n > grant.parsed.maxPerHour)
      return `Over the standing approval's bound of ${grant.parsed.maxPerHour} writes per hour; waiting for approval.`;
    const day = await reservedSince(t, grant.id, new Date(now.getTime() - 24 * HOUR));
    if (day + n > grant.parsed.maxPerDay)
      return `Over the standing approval's bound of ${grant.parsed.maxPerDay} writes per day; waiting for approval.`;
    await tx
      .update(automationFirings)
      .set({ grantId: grant.id, reservedWrites: n, reservedAt: now })
      .where(eq(automationFirings.id, firingId));
    return null;
  });
}
