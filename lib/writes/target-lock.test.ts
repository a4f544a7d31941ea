// The per-target write lock, on the real store: two console instances (two database handles on one
// PostgreSQL database, each with its own pool and in-process queue) never write one target at once;
// PGlite (one session, so advisory locks would not exclude) is serialized in-process; a dead holder's
// lease blocks only until it expires; and no pooled connection is held while the lock is held.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateUserMetadata } from "@/lib/clerk/actions/update-user-metadata";
import { isStaleTarget } from "@/lib/clerk/define-action";
import { openDb } from "@/lib/db/client";
import { writeLocks } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { type ClerkFixture, startClerkFixture } from "@/test/support/clerk-fixture";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { executeWrite } from "./execute-write";
import { withTargetLock } from "./target-lock";

process.env.LOG_LEVEL = "silent";

let fx: ClerkFixture;
let pg: TestDatabase;
let second: Awaited<ReturnType<typeof openDb>>;
let lite: TestDatabase;

beforeAll(async () => {
  [fx, pg, lite] = await Promise.all([
    startClerkFixture({ seedUsers: 3 }),
    createTestDatabase("pg"),
    createTestDatabase("pglite"),
  ]);
  second = await openDb(pg.config, { migrate: false });
});

afterAll(async () => {
  await second?.close();
  await Promise.all([pg?.destroy(), lite?.destroy(), fx?.stop()]);
});

/** Runs `n` critical sections at once on the given handles; returns the most that were ever inside together. */
async function maxInside(handles: { db: TestDatabase["db"] }[], key: string, n: number): Promise<number> {
  let inside = 0;
  let max = 0;
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      withTargetLock((handles[i % handles.length] as { db: TestDatabase["db"] }).db, key, async () => {
        inside++;
        max = Math.max(max, inside);
        await new Promise((r) => setTimeout(r, 5));
        inside--;
      }),
    ),
  );
  return max;
}

describe("target write lock", () => {
  it("two instances on one PostgreSQL database: one holder at a time", async () => {
    expect(await maxInside([pg, second], "user:user_lock_pg", 12)).toBe(1);
    expect(await pg.db.select().from(writeLocks)).toEqual([]);
  });

  it("PGlite: one holder at a time (its advisory locks share one session and would not exclude)", async () => {
    const got = await lite.db.execute(sql`select pg_try_advisory_lock(7) as a, pg_try_advisory_lock(7) as b`);
    expect((got as unknown as { rows: { a: boolean; b: boolean }[] }).rows[0]).toEqual({ a: true, b: true });
    expect(await maxInside([lite], "user:user_lock_lite", 12)).toBe(1);
  });

  it("a dead holder's lease blocks until it expires, then the target is taken over", async () => {
    const key = "user:user_dead_holder";
    await pg.db
      .insert(writeLocks)
      .values({ key, owner: "dead", expiresAt: sql`now() + interval '1 second'` });
    const busy = await withTargetLock(pg.db, key, async () => "ran", { waitMs: 50 }).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(AppError);
    expect(busy).toMatchObject({ code: "conflict", retryable: true, details: { reason: "target_busy" } });
    expect(await withTargetLock(second.db, key, async () => "ran", { waitMs: 15_000 })).toBe("ran");
  });

  it("holds no pooled connection while held: 8 holders at once on a pool of 2 all get in and query", async () => {
    const saved = process.env.DATABASE_POOL_MAX;
    process.env.DATABASE_POOL_MAX = "2";
    const small = await openDb(pg.config, { migrate: false });
    process.env.DATABASE_POOL_MAX = saved;
    try {
      let inside = 0;
      let release!: () => void;
      const allIn = new Promise<void>((r) => {
        release = r;
      });
      const done = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          withTargetLock(small.db, `user:user_pool_${i}`, async () => {
            if (++inside === 8) release();
            await allIn;
            await small.db.execute(sql`select 1`);
            return i;
          }),
        ),
      );
      expect(done).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    } finally {
      await small.close();
    }
  });

  it("two instances writing one user from the same read: one write, the rest refused as stale", async () => {
    const user = await fx.ctx.clerk.users.createUser({
      emailAddress: [`lock-${Date.now()}@example.com`],
      publicMetadata: { plan: "free" },
    });
    const before = {
      public_metadata: { plan: "free" },
      private_metadata: {},
      unsafe_metadata: {},
      updated_at: user.updatedAt,
    };
    const mark = fx.mark();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        executeWrite({
          db: (i % 2 === 0 ? pg : second).db,
          ctx: fx.ctx,
          action: updateUserMetadata,
          input: { user_id: user.id, public_metadata: { plan: `p${i}` } },
          actor: { userId: `user_admin_${i}`, email: null },
          source: "console",
          before,
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r) => r.status === "rejected").map((r) => r.reason);
    expect(refused).toHaveLength(5);
    for (const e of refused) expect(isStaleTarget(e)).toBe(true);
    const patches = fx
      .requestsSince(mark)
      .filter((e) => e.method === "PATCH" && e.path === `/v1/users/${user.id}/metadata`);
    expect(patches).toHaveLength(1);
  });
});
