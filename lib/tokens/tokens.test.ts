import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessTokens, auditLog } from "@/lib/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import {
  createAccessToken,
  generateToken,
  hashToken,
  listAccessTokens,
  looksLikeToken,
  revokeAccessToken,
  type TokenCreator,
  verifyAccessToken,
} from "./tokens";

let tdb: TestDatabase;
const admin: TokenCreator = { userId: "user_admin", email: "admin@example.com", role: "admin" };
const viewer: TokenCreator = { userId: "user_viewer", email: "viewer@example.com", role: "viewer" };
const other: TokenCreator = { userId: "user_other", email: "other@example.com", role: "viewer" };

beforeAll(async () => {
  tdb = await createTestDatabase("pglite");
});
afterAll(async () => {
  await tdb?.destroy();
});

describe("token format", () => {
  it("is cac_ + 32 random bytes base64url, hashed with sha256", () => {
    const a = generateToken();
    const b = generateToken();
    expect(a.token).toMatch(/^cac_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.token.slice(4), "base64url")).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.token.startsWith(a.prefix)).toBe(true);
    expect(looksLikeToken(a.token)).toBe(true);
    expect(looksLikeToken(`${a.token}x`)).toBe(false);
  });
});

describe("create, verify, revoke", () => {
  it("stores only the hash, audits without the secret, and verifies", async () => {
    const { token, view } = await createAccessToken(tdb.db, admin, {
      name: "ci bot",
      scope: "read+propose",
      expiresInDays: 30,
    });
    const [row] = await tdb.db.select().from(accessTokens).where(eq(accessTokens.id, view.id));
    expect(row?.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const audits = await tdb.db.select().from(auditLog).where(eq(auditLog.targetId, view.id));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: "createAccessToken",
      outcome: "ok",
      actorUserId: admin.userId,
    });
    expect(JSON.stringify(audits)).not.toContain(token.slice(4));

    expect(row?.lastUsedAt).toBeNull();
    const ok = await verifyAccessToken(tdb.db, token);
    expect(ok).toMatchObject({ ok: true });
    const [used] = await tdb.db.select().from(accessTokens).where(eq(accessTokens.id, view.id));
    expect(used?.lastUsedAt).not.toBeNull();

    await revokeAccessToken(tdb.db, admin, view.id);
    expect(await verifyAccessToken(tdb.db, token)).toEqual({ ok: false, reason: "revoked" });
    const revokeAudit = await tdb.db.select().from(auditLog).where(eq(auditLog.action, "revokeAccessToken"));
    expect(revokeAudit.map((a) => a.targetId)).toContain(view.id);
  });

  it.each([
    [null, "missing"],
    ["", "missing"],
    ["Bearer", "malformed"],
    [`cac_${"x".repeat(43)}`, "unknown"],
  ] as const)("refuses %j as %s", async (presented, reason) => {
    expect(await verifyAccessToken(tdb.db, presented)).toEqual({ ok: false, reason });
  });

  it("expires", async () => {
    const past = new Date(Date.now() - 3 * 86_400_000);
    const { token } = await createAccessToken(
      tdb.db,
      admin,
      { name: "old", scope: "read", expiresInDays: 1 },
      past,
    );
    expect(await verifyAccessToken(tdb.db, token)).toEqual({ ok: false, reason: "expired" });
  });

  it.each([
    [{ name: "", scope: "read", expiresInDays: 1 }, "name"],
    [{ name: "x", scope: "write", expiresInDays: 1 }, "scope"],
    [{ name: "x", scope: "read", expiresInDays: 0 }, "expiresInDays"],
    [{ name: "x", scope: "read", expiresInDays: 366 }, "expiresInDays"],
    [{ name: "x", scope: "read", expiresInDays: 1.5 }, "expiresInDays"],
  ])("rejects bad input %j on %s", async (input, field) => {
    const err = await createAccessToken(tdb.db, admin, input as never).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "validation_failed" });
    expect(Object.keys((err as { fieldErrors: object }).fieldErrors)).toContain(field);
  });

  it("viewers create read tokens only, see and revoke only their own; no role creates nothing", async () => {
    await expect(
      createAccessToken(tdb.db, viewer, { name: "v", scope: "read+propose", expiresInDays: 1 }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      createAccessToken(tdb.db, { ...viewer, role: "none" }, { name: "n", scope: "read", expiresInDays: 1 }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const mine = await createAccessToken(tdb.db, viewer, {
      name: "viewer read",
      scope: "read",
      expiresInDays: 1,
    });
    const listed = await listAccessTokens(tdb.db, viewer);
    expect(listed.map((t) => t.id)).toEqual([mine.view.id]);
    expect((await listAccessTokens(tdb.db, admin)).length).toBeGreaterThan(1);
    await expect(revokeAccessToken(tdb.db, other, mine.view.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await revokeAccessToken(tdb.db, viewer, mine.view.id)).status).toBe("revoked");
  });
});
