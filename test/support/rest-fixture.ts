// Test-only: the REST surface (lib/api/rest) over a real Local Clerk and a fresh PGlite store, with the
// owner lookup that re-reads each token owner's role from Clerk on every call.

import { createRestApi, type RestApi } from "@/lib/api/rest";
import type { Actor } from "@/lib/auth/policy";
import { clerkOwnerLookup } from "@/lib/auth/token-auth";
import { createAccessToken } from "@/lib/tokens/tokens";
import { type ClerkFixture, startClerkFixture } from "./clerk-fixture";
import { createTestDatabase, type TestDatabase } from "./db";
import { bulkProposerFor } from "./jobs";

export interface RestFixture {
  fx: ClerkFixture;
  tdb: TestDatabase;
  api: RestApi;
  /** A personal access token of `who` (its role is looked up again on every call). */
  tokenFor(who: Actor, scope: "read" | "read+propose"): Promise<string>;
  /** The seeded account's actor with the role it is given here. */
  seeded(email: string, role: Actor["role"]): Actor;
  /** POST /api/v1/actions/{name} with a raw body; no Authorization header when `token` is null. */
  callAction(name: string, token: string | null, body: string): Promise<Response>;
  stop(): Promise<void>;
}

export async function startRestFixture(seedUsers: number): Promise<RestFixture> {
  const [fx, tdb] = await Promise.all([startClerkFixture({ seedUsers }), createTestDatabase("pglite")]);
  const lookupOwner = clerkOwnerLookup((uid) => fx.ctx.clerk.users.getUser(uid), { ttlMs: 0 });
  const api = createRestApi(async () => ({
    db: tdb.db,
    ctx: fx.ctx,
    lookupOwner,
    allowPrivateMetadata: false,
    proposeBulkJob: bulkProposerFor(tdb.db, fx.ctx),
  }));
  return {
    fx,
    tdb,
    api,
    tokenFor: async (who, scope) =>
      (await createAccessToken(tdb.db, who, { name: "rest fixture", scope, expiresInDays: 1 })).token,
    seeded: (email, role) => ({ userId: fx.userIdByEmail(email), email, role }),
    callAction: (name, token, body) =>
      api.callAction(
        name,
        new Request(`http://console.test/api/v1/actions/${name}`, {
          method: "POST",
          body,
          headers: {
            "Content-Type": "application/json",
            ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
          },
        }),
      ),
    stop: async () => {
      await Promise.all([fx.stop(), tdb.destroy()]);
    },
  };
}
