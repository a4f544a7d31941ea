// Test-only: what the console's server-action tests run on — an in-process Local Clerk the process's Clerk
// client points at, and the process store in memory — and the identity a test signs in as.
import type { ConsoleAuth } from "@/lib/auth";
import { closeDb, getDb } from "@/lib/db/client";
import { type ClerkFixture, startClerkFixture } from "./clerk-fixture";

export interface ConsoleActionFixture extends ClerkFixture {
  /** The seeded admin's user id. */
  adminId: string;
}

/** Call in beforeAll; `stop()` closes the store and Local Clerk. */
export async function startConsoleActionFixture(): Promise<ConsoleActionFixture> {
  const fx = await startClerkFixture({ seedUsers: 5 });
  process.env.CLERK_SECRET_KEY = "sk_live_local_clerk_0123456789abcdef0123456789abcdef";
  process.env.CLERK_API_URL = fx.lc.url;
  process.env.DATABASE_DIR = ":memory:";
  await closeDb();
  // Opened (and migrated) here, so no test's write window includes the store's cold start.
  await getDb();
  return {
    ...fx,
    adminId: fx.userIdByEmail("admin@example.com"),
    stop: async () => {
      await closeDb();
      await fx.stop();
    },
  };
}

/** The console identity of a request by `userId` with this role (the email names the role). */
export function authAs(role: ConsoleAuth["role"], userId: string): ConsoleAuth {
  return { userId, sessionId: "sess_actor", email: `${role}@example.com`, role, roleSource: "claims" };
}
