import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createAccessToken } from "@/lib/tokens/tokens";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { CONSOLE_ROLES, type ConsoleRole, mayAsk, PERMISSIONS } from "./policy";
import {
  authenticateToken,
  bearerToken,
  decideTokenAccess,
  type OwnerLookup,
  type TokenPrincipal,
  tokenAuthorizedRoute,
} from "./token-auth";

let tdb: TestDatabase;
const roles = new Map<string, ConsoleRole>([
  ["user_admin", "admin"],
  ["user_viewer", "viewer"],
]);
const lookupOwner: OwnerLookup = async (userId) => {
  const role = roles.get(userId);
  if (!role) throw new AppError("not_found", "gone");
  return { role, email: `${userId}@example.com` };
};
const req = (token?: string) =>
  new Request("http://x/api/mcp", {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });

beforeAll(async () => {
  tdb = await createTestDatabase("pglite");
});
afterAll(async () => {
  await tdb?.destroy();
});

describe("decideTokenAccess (scope AND the owner's current role)", () => {
  const cases: [TokenPrincipal["scope"], ConsoleRole, "read" | "propose", boolean][] = [
    ["read", "admin", "read", true],
    ["read", "admin", "propose", false],
    ["read+propose", "admin", "read", true],
    ["read+propose", "admin", "propose", true],
    ["read", "viewer", "read", true],
    ["read+propose", "viewer", "propose", false],
    ["read+propose", "viewer", "read", true],
    ["read", "none", "read", false],
    ["read+propose", "none", "propose", false],
  ];
  it.each(cases)("scope %s, role %s, %s -> %s", (scope, role, need, allowed) => {
    const p: TokenPrincipal = { tokenId: "t", tokenName: "n", scope, userId: "u", email: null, role };
    expect(decideTokenAccess(p, need).allowed).toBe(allowed);
  });

  it("a proposal that names its permission follows the policy table for the owner's role", () => {
    for (const role of CONSOLE_ROLES) {
      for (const permission of PERMISSIONS.filter((x) => x !== "read")) {
        const p: TokenPrincipal = {
          tokenId: "t",
          tokenName: "n",
          scope: "read+propose",
          userId: "u",
          email: null,
          role,
        };
        expect(decideTokenAccess(p, "propose", permission).allowed, `${role} ${permission}`).toBe(
          mayAsk(role, permission),
        );
        expect(decideTokenAccess({ ...p, scope: "read" }, "propose", permission).allowed).toBe(false);
      }
    }
    const support: TokenPrincipal = {
      tokenId: "t",
      tokenName: "n",
      scope: "read+propose",
      userId: "u",
      email: null,
      role: "support",
    };
    expect(decideTokenAccess(support, "propose").allowed).toBe(true);
    expect(decideTokenAccess(support, "propose", "write").allowed).toBe(false);
    expect(decideTokenAccess(support, "propose", "revoke_access").allowed).toBe(true);
  });
});

describe("bearer authentication", () => {
  it("parses the header", () => {
    expect(bearerToken(req())).toBeNull();
    expect(bearerToken(req("cac_abc"))).toBe("cac_abc");
    expect(bearerToken(new Request("http://x", { headers: { authorization: "Basic abc" } }))).toBe("");
  });

  it("resolves the owner's current role; a deleted owner has none", async () => {
    const admin = await createAccessToken(
      tdb.db,
      { userId: "user_admin", email: null, role: "admin" },
      { name: "a", scope: "read+propose", expiresInDays: 1 },
    );
    expect(await authenticateToken(tdb.db, req(admin.token), lookupOwner)).toMatchObject({
      userId: "user_admin",
      role: "admin",
      scope: "read+propose",
    });
    const ghost = await createAccessToken(
      tdb.db,
      { userId: "user_ghost", email: null, role: "admin" },
      { name: "g", scope: "read", expiresInDays: 1 },
    );
    expect((await authenticateToken(tdb.db, req(ghost.token), lookupOwner)).role).toBe("none");
  });

  it("tokenAuthorizedRoute answers 401 / 403 with RFC 6750 challenges and runs the handler otherwise", async () => {
    const read = await createAccessToken(
      tdb.db,
      { userId: "user_viewer", email: null, role: "viewer" },
      { name: "r", scope: "read", expiresInDays: 1 },
    );
    let ran = 0;
    const route = (need: "read" | "propose") =>
      tokenAuthorizedRoute(
        need,
        async () => ({ db: tdb.db, lookupOwner }),
        async (_r, p) => {
          ran += 1;
          return Response.json({ user: p.userId });
        },
      );
    const missing = await route("read")(req());
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="clerk-admin-console"');
    const bad = await route("read")(req("cac_nope"));
    expect(bad.status).toBe(401);
    expect(bad.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const forbidden = await route("propose")(req(read.token));
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
    expect(ran).toBe(0);
    const ok = await route("read")(req(read.token));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ user: "user_viewer" });
    expect(ran).toBe(1);
  });
});
