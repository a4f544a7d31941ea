// Test-only: what the inbox attack suites stand on — Local Clerk, a store, the seeded admin with an MCP
// token (proposals come in as an outside client's), the inbox's deps and Local Clerk's write count.
import type { Actor, ConsoleRole } from "@/lib/auth/policy";
import { actionContext } from "@/lib/clerk/action-context";
import { type ClerkFixture, startClerkFixture } from "./clerk-fixture";
import { createTestDatabase, type TestDatabase } from "./db";

export interface InboxAdversary {
  fx: ClerkFixture;
  tdb: TestDatabase;
  admin: Actor;
  /** The admin's read+propose token the proposals name. */
  tokenId: string;
  /** The inbox's dependencies; `now` moves the clock (expiry); the proposer's role when the write runs. */
  deps(now?: Date): {
    db: TestDatabase["db"];
    ctx: ReturnType<typeof actionContext>;
    lookupOwner: () => Promise<{ role: ConsoleRole; email: string | null }>;
    allowPrivateMetadata: false;
    now?: () => Date;
  };
  /** Clerk writes (non-GET requests) Local Clerk has seen since `seq`. */
  writes(since: number): number;
  stop(): Promise<unknown>;
}

/** Call in beforeAll. `proposerRole` is read each time a write runs (a test may demote the proposer). */
export async function startInboxAdversary(
  proposerRole: () => ConsoleRole = () => "admin",
): Promise<InboxAdversary> {
  const { createAccessToken } = await import("@/lib/tokens/tokens");
  const [fx, tdb] = await Promise.all([startClerkFixture({ seedUsers: 5 }), createTestDatabase("pglite")]);
  const admin: Actor = {
    userId: fx.userIdByEmail("admin@example.com"),
    email: "admin@example.com",
    role: "admin",
  };
  const token = await createAccessToken(tdb.db, admin, {
    name: "adv",
    scope: "read+propose",
    expiresInDays: 30,
  });
  return {
    fx,
    tdb,
    admin,
    tokenId: token.view.id,
    deps: (now) => ({
      db: tdb.db,
      ctx: actionContext({ clerk: fx.ctx.clerk, db: tdb.db }),
      lookupOwner: async () => ({ role: proposerRole(), email: admin.email }),
      allowPrivateMetadata: false,
      ...(now ? { now: () => now } : {}),
    }),
    writes: (since) => fx.requestsSince(since).filter((e) => e.method !== "GET").length,
    stop: () => Promise.all([fx.stop(), tdb.destroy()]),
  };
}
