// Test support: a fresh, migrated database per suite on either driver. Not imported by app code.
import { randomBytes } from "node:crypto";
import pg from "pg";
import {
  closeDb,
  type Db,
  type DbConfig,
  type DbDriver,
  type DbHandle,
  getDb,
  openDb,
} from "../../lib/db/client";

export const TEST_PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestDatabase extends DbHandle {
  /** The config that opens this same database (e.g. to point getDb() at it via env). */
  config: DbConfig;
  /** Closes the handle and drops the database (PostgreSQL) or discards it (PGlite). */
  destroy(): Promise<void>;
}

/** Drivers the store suites run on. PostgreSQL is mandatory unless explicitly skipped outside CI. */
export function testDrivers(): DbDriver[] {
  const skipPg = process.env.STORE_TESTS_SKIP_PG === "1" && process.env.CI !== "true";
  return skipPg ? ["pglite"] : ["pglite", "pg"];
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDatabase(driver: DbDriver): Promise<TestDatabase> {
  if (driver === "pglite") {
    const config: DbConfig = { driver: "pglite", dataDir: null };
    const handle = await openDb(config);
    return { ...handle, config, destroy: () => handle.close() };
  }
  const name = `console_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_PG_ADMIN_URL} (${(err as Error).message}). Start it with ` +
        "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, or set STORE_TESTS_SKIP_PG=1 " +
        "to run the store suites on PGlite only (ignored when CI=true).",
    );
  }
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const config: DbConfig = { driver: "pg", url: withDatabase(TEST_PG_ADMIN_URL, name) };
  const handle = await openDb(config);
  return {
    ...handle,
    config,
    destroy: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/**
 * Points the process-wide store (getDb) at a fresh database on `driver`, for code under test that opens
 * the store itself (route handlers). Sets DATABASE_URL or DATABASE_DIR; the caller restores the env.
 */
export async function useProcessTestStore(driver: DbDriver): Promise<{ db: Db; close(): Promise<void> }> {
  await closeDb();
  let pgDb: TestDatabase | undefined;
  if (driver === "pg") {
    pgDb = await createTestDatabase("pg");
    if (pgDb.config.driver === "pg") process.env.DATABASE_URL = pgDb.config.url;
  } else {
    delete process.env.DATABASE_URL;
    process.env.DATABASE_DIR = "memory://";
  }
  return {
    db: await getDb(),
    close: async () => {
      await closeDb();
      await pgDb?.destroy();
    },
  };
}
