import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { paceBudgets } from "@/lib/db/schema";
import { clerkApiUrl } from "./instance-limit";

type Env = Record<string, string | undefined>;

/** Clerk's Backend API budget, shared by every process that paces to the same Clerk instance. */
export interface PaceBudget {
  /**
   * Reserves `count` send times `stepMs` apart, after every time reserved before (by any process) and
   * after any Retry-After; answers in how many ms from now the first one is.
   */
  reserve(count: number, stepMs: number): Promise<{ startsInMs: number }>;
  /** Clerk answered 429: no process's next block starts before `seconds` from now. */
  backOff(seconds: number): Promise<void>;
}

// One time for the whole statement (clock_timestamp() would differ between the row's columns).
const DB_NOW_MS = sql`(extract(epoch from statement_timestamp()) * 1000)::double precision`;

/**
 * The budget in the console's database (the one store every instance shares): one row per Clerk
 * instance, reserved from with one atomic upsert per block, so the database is asked once per block,
 * not once per request.
 */
export function dbPaceBudget(db: () => Promise<Db>, key: string): PaceBudget {
  return {
    async reserve(count, stepMs) {
      const span = Math.max(1, Math.floor(count)) * stepMs;
      const rows = await (await db())
        .insert(paceBudgets)
        .values({ key, nextAtMs: sql`${DB_NOW_MS} + ${span}`, reservedAtMs: DB_NOW_MS })
        .onConflictDoUpdate({
          target: paceBudgets.key,
          set: {
            nextAtMs: sql`greatest(${paceBudgets.nextAtMs}, excluded.reserved_at_ms, ${paceBudgets.blockedUntilMs}) + ${span}`,
            reservedAtMs: sql`excluded.reserved_at_ms`,
          },
        })
        .returning({ nextAtMs: paceBudgets.nextAtMs, reservedAtMs: paceBudgets.reservedAtMs });
      const row = rows[0];
      if (!row) throw new Error("the pace budget reservation returned no row");
      return { startsInMs: row.nextAtMs - span - row.reservedAtMs };
    },
    async backOff(seconds) {
      const until = sql`${DB_NOW_MS} + ${Math.max(0, seconds) * 1000}`;
      await (await db())
        .insert(paceBudgets)
        .values({ key, nextAtMs: 0, blockedUntilMs: until, reservedAtMs: DB_NOW_MS })
        .onConflictDoUpdate({
          target: paceBudgets.key,
          set: { blockedUntilMs: sql`greatest(${paceBudgets.blockedUntilMs}, excluded.blocked_until_ms)` },
        });
    },
  };
}

/**
 * Which budget a process draws from: one per Clerk instance (API URL and secret key), named by a hash so
 * the key never reaches the database.
 */
export function paceBudgetKey(env: Env = process.env): string {
  const digest = createHash("sha256")
    .update(`${clerkApiUrl(env)}\n${env.CLERK_SECRET_KEY ?? ""}`)
    .digest("hex");
  return `clerk-bapi:${digest.slice(0, 24)}`;
}
