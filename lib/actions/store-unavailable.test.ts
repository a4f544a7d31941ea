// A save while the console's own database is unreachable: the admin is told nothing was changed and to
// retry (store_unavailable), never "Something went wrong on our side", and Clerk gets no write. Real
// PostgreSQL behind a TCP relay this test cuts, a real Local Clerk; only Clerk's auth() is replaced.
import { connect, createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ConsoleAuth } from "@/lib/auth";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";

process.env.LOG_LEVEL = "silent";
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const admin: ConsoleAuth = {
  userId: "user_actor",
  sessionId: "sess_actor",
  email: "admin@example.com",
  role: "admin",
  roleSource: "claims",
};
vi.mock("@/lib/auth/console-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/console-auth")>()),
  getConsoleAuth: async () => admin,
}));

const { startClerkFixture } = await import("@/test/support/clerk-fixture");
const { closeDb, getDb } = await import("@/lib/db/client");
const { saveUserMetadataAction } = await import("./users");

type Fixture = Awaited<ReturnType<typeof startClerkFixture>>;
let fx: Fixture;
let pg: TestDatabase;
const saved = { ...process.env };

/** A TCP relay to PostgreSQL that can be cut (every connection dropped, new ones refused). */
async function relayTo(target: URL): Promise<{ url: string; cut(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const up = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, up]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    client.pipe(up).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(target);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as { port: number }).port);
  return {
    url: url.toString(),
    cut: async () => {
      const closed = new Promise((r) => server.close(r));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

async function newUser() {
  const email = `store-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.com`;
  const user = await fx.ctx.clerk.users.createUser({ emailAddress: [email] });
  return { id: user.id, updatedAt: user.updatedAt };
}

const clerkWrites = (since: number) =>
  fx.lc.requestLog.list({ sinceSeq: since }).filter((e) => e.method !== "GET");
const lastSeq = () => fx.lc.requestLog.list().at(-1)?.seq ?? 0;

async function saveAndExpectNothingChanged() {
  const user = await newUser();
  const since = lastSeq();
  const result = await saveUserMetadataAction({
    user_id: user.id,
    kind: "public",
    patch: '{"plan":"pro"}',
    expected_updated_at: user.updatedAt,
  });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe("store_unavailable");
  expect(result.error.message).toMatch(/nothing was changed/i);
  expect(result.error.message).toMatch(/try again/i);
  expect(result.error.message).not.toMatch(/Something went wrong/);
  expect(result.error.retryable).toBe(true);
  expect(clerkWrites(since)).toEqual([]);
  expect((await fx.ctx.clerk.users.getUser(user.id)).publicMetadata).toEqual({});
}

beforeAll(async () => {
  fx = await startClerkFixture({ seedUsers: 3 });
  pg = await createTestDatabase("pg");
  process.env.CLERK_SECRET_KEY = "sk_live_local_clerk_0123456789abcdef0123456789abcdef";
  process.env.CLERK_API_URL = fx.lc.url;
});

afterAll(async () => {
  await closeDb();
  process.env = { ...saved };
  await pg?.destroy();
  await fx?.stop();
});

describe("a save while the database is unreachable", () => {
  it("database down from the start: store_unavailable, nothing written to Clerk", async () => {
    await closeDb();
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/console";
    await saveAndExpectNothingChanged();
  });

  it("database lost while the console runs: store_unavailable, nothing written to Clerk", async () => {
    await closeDb();
    if (pg.config.driver !== "pg") throw new Error("needs PostgreSQL");
    const relay = await relayTo(new URL(pg.config.url));
    process.env.DATABASE_URL = relay.url;
    await getDb(); // opened and migrated through the relay
    await relay.cut();
    await saveAndExpectNothingChanged();
  });
});
