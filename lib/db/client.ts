import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type pg from "pg";
import { schema } from "./schema";

/** The one database type every store module uses; both drivers produce it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbDriver = "pglite" | "pg";

export interface DbHandle {
  db: Db;
  driver: DbDriver;
  /** Human-readable location, never containing credentials. */
  location: string;
  close(): Promise<void>;
}

export type DbConfig = { driver: "pg"; url: string } | { driver: "pglite"; dataDir: string | null };

export class DatabaseConfigError extends Error {
  override name = "DatabaseConfigError";
}

const DEFAULT_DATA_DIR = ".data/db";
const MEMORY_DIRS = new Set([":memory:", "memory://", "memory"]);
/** Arbitrary constant; serialises concurrent migrators (several instances booting at once). */
const MIGRATION_LOCK_KEY = 482_193_771;

export function resolveDbConfig(env: Record<string, string | undefined> = process.env): DbConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) return { driver: "pg", url };
  if (env.VERCEL) {
    throw new DatabaseConfigError(
      "DATABASE_URL is not set. On Vercel the embedded database (PGlite) would write to an ephemeral disk and lose " +
        "the audit log, chats and approvals. Set DATABASE_URL to a PostgreSQL database (e.g. Neon) and run `npm run db:migrate`.",
    );
  }
  const dir = env.DATABASE_DIR?.trim() || DEFAULT_DATA_DIR;
  return {
    driver: "pglite",
    dataDir: MEMORY_DIRS.has(dir) ? null : path.resolve(/* turbopackIgnore: true */ dir),
  };
}

export function migrationsFolder(env: Record<string, string | undefined> = process.env): string {
  return env.DATABASE_MIGRATIONS_DIR ?? path.join(process.cwd(), "lib", "db", "migrations");
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgresql://(unparseable DATABASE_URL)";
  }
}

/** Opens a database and (by default) brings its schema up to date. Callers own the handle. */
export async function openDb(config: DbConfig, opts: { migrate?: boolean } = {}): Promise<DbHandle> {
  const handle = config.driver === "pg" ? await openPg(config.url) : await openPglite(config.dataDir);
  if (opts.migrate !== false) {
    try {
      await migrateHandle(handle);
    } catch (err) {
      await handle.close().catch(() => {});
      throw err;
    }
  }
  return handle;
}

// Drivers load lazily: a PostgreSQL deployment never loads PGlite's WASM, and the reverse.
async function openPg(url: string): Promise<DbHandle> {
  const [{ default: pgModule }, { drizzle: drizzlePg }] = await Promise.all([
    import("pg"),
    import("drizzle-orm/node-postgres"),
  ]);
  const pool = new pgModule.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", (err) => console.error("[db] idle PostgreSQL client error:", err.message));
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  const handle: DbHandle & { pool: pg.Pool } = {
    db,
    driver: "pg",
    location: redactUrl(url),
    pool,
    close: () => pool.end(),
  };
  return handle;
}

async function openPglite(dataDir: string | null): Promise<DbHandle> {
  const [{ PGlite }, { drizzle: drizzlePglite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
  ]);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    location: dataDir ?? "memory",
    client,
    close: () => client.close(),
  } as DbHandle;
}

/** Applies pending migrations with the driver's own drizzle migrator. */
export async function migrateHandle(handle: DbHandle, folder: string = migrationsFolder()): Promise<void> {
  if (!existsSync(path.join(folder, "meta", "_journal.json"))) {
    throw new DatabaseConfigError(
      `Database migrations not found at ${folder}. Run \`npm run db:migrate\` from the project root, ` +
        "or set DATABASE_MIGRATIONS_DIR.",
    );
  }
  if (handle.driver === "pglite") {
    const { migrate: migratePglite } = await import("drizzle-orm/pglite/migrator");
    // biome-ignore lint/suspicious/noExplicitAny: the pglite driver's own database type is what its migrator expects
    await migratePglite(handle.db as any, { migrationsFolder: folder });
    return;
  }
  const [{ drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
    import("drizzle-orm/node-postgres"),
    import("drizzle-orm/node-postgres/migrator"),
  ]);
  const pool = (handle as DbHandle & { pool: pg.Pool }).pool;
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg({ client, schema }), { migrationsFolder: folder });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

type Memo = { promise: Promise<DbHandle> };
const MEMO_KEY = Symbol.for("clerk-admin-console.db");
const holder = globalThis as unknown as { [MEMO_KEY]?: Memo };

/**
 * The process-wide database, opened and migrated on first use. Kept on globalThis so Next dev's module
 * reloading (and several bundles of this module) share one PGlite instance: two would corrupt the data folder.
 */
export function getDbHandle(): Promise<DbHandle> {
  const existing = holder[MEMO_KEY];
  if (existing) return existing.promise;
  const memo: Memo = { promise: (async () => openDb(resolveDbConfig()))() };
  memo.promise.catch(() => {
    if (holder[MEMO_KEY] === memo) delete holder[MEMO_KEY];
  });
  holder[MEMO_KEY] = memo;
  return memo.promise;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Closes the process-wide database so the next getDb() reopens it from the current env (tests, scripts). */
export async function closeDb(): Promise<void> {
  const memo = holder[MEMO_KEY];
  if (!memo) return;
  delete holder[MEMO_KEY];
  const handle = await memo.promise.catch(() => undefined);
  await handle?.close();
}
