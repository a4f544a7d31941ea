// Two admins save the same metadata key of the same user at the same instant, from the same loaded
// state, through the real server action (authorization, the console write helper, the write executor),
// against a real Local Clerk and the real store on PGlite and PostgreSQL. Only Clerk's auth() is replaced
// (per call, so the two saves really are two admins). Exactly one save per round may win; the other must
// be told "conflict" with the current value, and every audit row must record the state it really changed.
import { AsyncLocalStorage } from "node:async_hooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ConsoleAuth } from "@/lib/auth";
import type { MetadataState } from "@/lib/console/metadata-input";
import type { AuditRow } from "@/lib/db/schema";

process.env.LOG_LEVEL = "silent";
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const who = vi.hoisted(() => ({ als: null as AsyncLocalStorage<ConsoleAuth> | null }));
vi.mock("@/lib/auth/console-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/console-auth")>()),
  getConsoleAuth: async () => who.als?.getStore() ?? null,
}));
who.als = new AsyncLocalStorage<ConsoleAuth>();

const { startClerkFixture } = await import("@/test/support/clerk-fixture");
const { testDrivers, useProcessTestStore } = await import("@/test/support/db");
const { listAudit } = await import("@/lib/audit/audit");
const { saveUserMetadataAction } = await import("./users");

const ROUNDS = 10;
type Fixture = Awaited<ReturnType<typeof startClerkFixture>>;
let fx: Fixture;
const savedEnv = { ...process.env };

const adminNamed = (name: string): ConsoleAuth => ({
  userId: `user_admin_${name}`,
  sessionId: `sess_${name}`,
  email: `${name}@example.com`,
  role: "admin",
  roleSource: "claims",
});
const ADMINS = [adminNamed("alice"), adminNamed("bob")] as const;

beforeAll(async () => {
  fx = await startClerkFixture({ seedUsers: 3 });
  process.env.CLERK_SECRET_KEY = "sk_live_local_clerk_0123456789abcdef0123456789abcdef";
  process.env.CLERK_API_URL = fx.lc.url;
});

afterAll(async () => {
  process.env = { ...savedEnv };
  await fx?.stop();
});

const metadataPatches = (userId: string, since: number) =>
  fx.lc.requestLog
    .list({ sinceSeq: since })
    .filter((e) => e.method === "PATCH" && e.path === `/v1/users/${userId}/metadata` && e.status === 200);

describe.each(testDrivers())("two admins saving one metadata key at once (%s)", (driver) => {
  let store: Awaited<ReturnType<typeof useProcessTestStore>>;
  beforeAll(async () => {
    store = await useProcessTestStore(driver);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  it(`${ROUNDS} rounds of 2 simultaneous saves: one saved and one conflict per round, every audit before true`, async () => {
    const user = await fx.ctx.clerk.users.createUser({
      emailAddress: [`concurrent-${driver}-${Date.now()}@example.com`],
      publicMetadata: { plan: "initial" },
    });
    const since = fx.lc.requestLog.list().at(-1)?.seq ?? 0;
    const tally = { saved: 0, conflict: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      // Both editors loaded the same state and save the same key with different values at once.
      const loaded = await fx.ctx.clerk.users.getUser(user.id);
      const results = await Promise.all(
        ADMINS.map((admin) =>
          (who.als as AsyncLocalStorage<ConsoleAuth>).run(admin, () =>
            saveUserMetadataAction({
              user_id: user.id,
              kind: "public",
              patch: JSON.stringify({ plan: `${admin.email}-${round}` }),
              expected_updated_at: loaded.updatedAt,
            }),
          ),
        ),
      );
      const won = results.filter((r) => r.ok);
      const lost = results.filter((r) => !r.ok);
      expect(won, `round ${round}`).toHaveLength(1);
      expect(lost, `round ${round}`).toHaveLength(1);
      const winner = won[0] as { ok: true; data: MetadataState };
      const loser = lost[0] as { ok: false; error: { code: string }; fresh?: MetadataState };
      expect(loser.error.code).toBe("conflict");
      // The refused admin is shown the current value: the one the other admin just saved.
      expect(loser.fresh?.public).toEqual(winner.data.public);
      expect(loser.fresh?.updatedAt).toBe(winner.data.updatedAt);
      const now = await fx.ctx.clerk.users.getUser(user.id);
      expect(now.publicMetadata).toEqual(winner.data.public);
      tally.saved += won.length;
      tally.conflict += lost.length;
    }
    expect(tally).toEqual({ saved: ROUNDS, conflict: ROUNDS });
    // Clerk got exactly one metadata write per round.
    expect(metadataPatches(user.id, since)).toHaveLength(ROUNDS);

    // The audit log: one ok row per round, nothing else, and each row's before is what the previous
    // ok write left (the first one's is the initial state).
    const { rows } = await listAudit({ target: user.id, order: "asc", limit: 100 }, store.db);
    const writes = rows.filter((r) => r.action === "updateUserMetadata");
    expect(writes.map((r) => r.outcome)).toEqual(Array(ROUNDS).fill("ok"));
    type Snap = { public_metadata: unknown; updated_at: number };
    let expected: Snap = { public_metadata: { plan: "initial" }, updated_at: user.updatedAt };
    for (const row of writes as AuditRow[]) {
      const before = row.before as Snap;
      expect({ public_metadata: before.public_metadata, updated_at: before.updated_at }).toEqual(expected);
      const after = row.after as Snap;
      expected = { public_metadata: after.public_metadata, updated_at: after.updated_at };
    }
    const final = await fx.ctx.clerk.users.getUser(user.id);
    expect(final.publicMetadata).toEqual(expected.public_metadata);
    console.log(
      `[concurrent saves ${driver}] ${ROUNDS} rounds x 2 admins: ${tally.saved} saved, ${tally.conflict} conflict, ` +
        `${writes.length} audit rows all ok with true before, ${metadataPatches(user.id, since).length} Clerk writes`,
    );
  }, 120_000);
});
