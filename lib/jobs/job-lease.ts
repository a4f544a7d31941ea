// The job lease: which worker holds a job, taken over when a worker dies, released when it ends.
import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { type BulkJobRow, bulkJobs } from "@/lib/db/schema";

/** Takes the oldest runnable job whose lease is free or expired (a dead worker's job is taken over). */
export async function acquireJob(
  db: Db,
  owner: string,
  leaseMs: number,
  now = new Date(),
): Promise<BulkJobRow | null> {
  const runnable = and(
    inArray(bulkJobs.status, ["queued", "running"]),
    or(isNull(bulkJobs.leaseExpiresAt), lt(bulkJobs.leaseExpiresAt, now), eq(bulkJobs.leaseOwner, owner)),
  );
  const candidates = await db
    .select({ id: bulkJobs.id })
    .from(bulkJobs)
    .where(runnable)
    .orderBy(asc(bulkJobs.createdAt))
    .limit(5);
  for (const c of candidates) {
    const [row] = await db
      .update(bulkJobs)
      .set({
        status: "running",
        leaseOwner: owner,
        leaseExpiresAt: new Date(now.getTime() + leaseMs),
        startedAt: sql`coalesce(${bulkJobs.startedAt}, ${now.toISOString()}::timestamptz)`,
        updatedAt: now,
      })
      .where(and(eq(bulkJobs.id, c.id), runnable))
      .returning();
    if (row) return row;
  }
  return null;
}

export async function releaseLease(db: Db, jobId: string, owner: string): Promise<void> {
  await db
    .update(bulkJobs)
    .set({ leaseOwner: null, leaseExpiresAt: null, updatedAt: new Date() })
    .where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.leaseOwner, owner)));
}

export async function finishJob(
  db: Db,
  jobId: string,
  owner: string,
  status: "completed" | "completed_with_errors" | "failed",
  error: string | null,
) {
  const now = new Date();
  await db
    .update(bulkJobs)
    .set({ status, error, finishedAt: now, leaseOwner: null, leaseExpiresAt: null, updatedAt: now })
    .where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.leaseOwner, owner), eq(bulkJobs.status, "running")));
}
