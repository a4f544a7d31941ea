import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDrivers } from "@/test/support/db";
import {
  closeDb,
  DatabaseConfigError,
  type Db,
  getDb,
  getDbHandle,
  migrateHandle,
  openDb,
  resolveDbConfig,
} from "./client";
import { auditLog } from "./schema";

const journal = JSON.parse(
  readFileSync(path.join(process.cwd(), "lib/db/migrations/meta/_journal.json"), "utf8"),
) as {
  entries: unknown[];
};
const EXPECTED_TABLES = [
  "access_tokens",
  "approvals",
  "audit_log",
  "automation_firings",
  "automation_grants",
  "automation_rules",
  "bulk_job_targets",
  "bulk_jobs",
  "change_events",
  "chat_messages",
  "chats",
  "console_settings",
  "metadata_index",
  "pace_budgets",
  "sign_ins",
  "webhook_events",
  "write_locks",
];

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Drizzle wraps driver errors ("Failed query: ..."); the database's own message is on `cause`. */
async function dbError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    const e = err as Error & { cause?: Error };
    return `${e.message} | ${e.cause?.message ?? ""}`;
  }
  throw new Error("expected the statement to be refused");
}

describe.each(testDrivers())("store schema on %s", (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("migrates an empty database to every table, once per journal entry", async () => {
    const tables = await rows<{ table_name: string }>(
      t.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(tables.map((r) => r.table_name)).toEqual(EXPECTED_TABLES);
    const applied = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(applied[0]?.n).toBe(journal.entries.length);
  });

  it("re-running the migrator is a no-op", async () => {
    await migrateHandle(t);
    await migrateHandle(t);
    const applied = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(applied[0]?.n).toBe(journal.entries.length);
  });

  it("has the GIN index on public_metadata", async () => {
    const idx = await rows<{ indexdef: string }>(
      t.db,
      sql`select indexdef from pg_indexes where tablename = 'metadata_index' and indexdef ilike '%gin%'`,
    );
    expect(idx).toHaveLength(1);
    expect(idx[0]?.indexdef).toContain("jsonb_path_ops");
  });

  it("the audit trigger refuses deletes and edits of recorded fields", async () => {
    const [row] = await t.db
      .insert(auditLog)
      .values({
        actorUserId: "user_a",
        source: "console",
        action: "x",
        targetType: "user",
        arguments: { a: 1 },
      })
      .returning();
    expect(await dbError(t.db.execute(sql`delete from audit_log where id = ${row!.id}`))).toMatch(
      /append-only/,
    );
    expect(
      await dbError(
        t.db.execute(sql`update audit_log set arguments = '{"a":2}'::jsonb where id = ${row!.id}`),
      ),
    ).toMatch(/only the outcome/);
    await t.db.execute(sql`update audit_log set outcome = 'ok' where id = ${row!.id}`);
    expect(
      await dbError(t.db.execute(sql`update audit_log set outcome = 'error' where id = ${row!.id}`)),
    ).toMatch(/already has outcome/);
  });

  it("check constraints refuse unknown enum values", async () => {
    expect(
      await dbError(
        t.db.execute(
          sql`insert into audit_log (actor_user_id, source, action, target_type) values ('u', 'hacker', 'x', 'user')`,
        ),
      ),
    ).toMatch(/audit_log_source_check/);
  });
});

// Each of these opens a store (PGlite: CPU-bound, slow on a busy machine) inside the test itself.
describe("driver selection and the process-wide database", { timeout: 120_000 }, () => {
  const saved = { ...process.env };
  afterEach(async () => {
    await closeDb();
    process.env = { ...saved };
  });

  it("uses PGlite in .data/db by default and PostgreSQL when DATABASE_URL is set", () => {
    expect(resolveDbConfig({})).toEqual({ driver: "pglite", dataDir: path.resolve(".data/db") });
    expect(resolveDbConfig({ DATABASE_DIR: ":memory:" })).toEqual({ driver: "pglite", dataDir: null });
    expect(resolveDbConfig({ DATABASE_URL: "postgres://h/db", VERCEL: "1" })).toEqual({
      driver: "pg",
      url: "postgres://h/db",
    });
  });

  it("refuses to start on Vercel without DATABASE_URL, with a clear message", async () => {
    expect(() => resolveDbConfig({ VERCEL: "1" })).toThrow(DatabaseConfigError);
    expect(() => resolveDbConfig({ VERCEL: "1" })).toThrow(/DATABASE_URL is not set/);
    process.env.VERCEL = "1";
    delete process.env.DATABASE_URL;
    await expect(getDb()).rejects.toThrow(/DATABASE_URL is not set/);
    // A failed start is not memoised: fixing the env makes the next call work.
    delete process.env.VERCEL;
    process.env.DATABASE_DIR = "memory://";
    expect((await getDbHandle()).driver).toBe("pglite");
  });

  it("memoises one handle per process, even under concurrent first calls", async () => {
    process.env.DATABASE_DIR = "memory://";
    delete process.env.DATABASE_URL;
    const [a, b, c] = await Promise.all([getDbHandle(), getDbHandle(), getDbHandle()]);
    expect(a).toBe(b);
    expect(b).toBe(c);
  });

  it("persists PGlite data in its folder across reopen", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "console-pglite-"));
    try {
      const first = await openDb({ driver: "pglite", dataDir: dir });
      await first.db
        .insert(auditLog)
        .values({ actorUserId: "u1", source: "console", action: "a", targetType: "user" });
      await first.close();
      const second = await openDb({ driver: "pglite", dataDir: dir });
      const found = await second.db.select().from(auditLog);
      await second.close();
      expect(found.map((r) => r.actorUserId)).toEqual(["u1"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(testDrivers().includes("pg"))("opens PostgreSQL from DATABASE_URL and migrates it", async () => {
    const t = await createTestDatabase("pg");
    try {
      if (t.config.driver !== "pg") throw new Error("expected pg");
      process.env.DATABASE_URL = t.config.url;
      const handle = await getDbHandle();
      expect(handle.driver).toBe("pg");
      expect(handle.location).not.toContain("@127.0.0.1:5432/test");
      const n = await rows<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      expect(n[0]?.n).toBe(journal.entries.length);
    } finally {
      await closeDb();
      await t.destroy();
    }
  });
});
