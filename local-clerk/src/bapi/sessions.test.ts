import { createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertConforms, clerkErrorOf, raw, sdk, startTestClerk } from "@/test/support/local-clerk";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;
let clerk: ReturnType<typeof sdk>;

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 20 });
  clerk = sdk(h);
});
afterAll(() => h.stop());

describe("sessions via the real @clerk/backend client", () => {
  it("lists a user's sessions paginated, filters by status, and revokes", async () => {
    const viewer = h.state.findUserByEmail("viewer@example.com")!;
    const created = await raw(h, "POST", "/v1/sessions", { user_id: viewer.id });
    expect(created.status).toBe(200);
    assertConforms(created.json, "POST", "/sessions", 200);
    expect(h.state.users.get(viewer.id)!.last_sign_in_at).toBeGreaterThan(0);

    const list = await clerk.sessions.getSessionList({ userId: viewer.id });
    expect(list.totalCount).toBe(2); // one seeded + one created
    expect(list.data.every((s) => s.userId === viewer.id && s.status === "active")).toBe(true);
    expect(list.data[0]?.id).toBe(created.json.id); // newest first

    const got = await clerk.sessions.getSession(created.json.id);
    expect(got.clientId).toBe(created.json.client_id);
    expect(h.state.isSessionActive(got.id)).toBe(true);

    const revoked = await clerk.sessions.revokeSession(got.id);
    expect(revoked.status).toBe("revoked");
    expect(h.state.isSessionActive(got.id)).toBe(false);
    expect(h.state.sessions.getClient(got.clientId)!.session_ids).not.toContain(got.id);

    const onlyRevoked = await clerk.sessions.getSessionList({ userId: viewer.id, status: "revoked" });
    expect(onlyRevoked.data.map((s) => s.id)).toEqual([got.id]);
    const again = await clerkErrorOf(clerk.sessions.revokeSession(got.id));
    expect(again.status).toBe(400);
    expect((await clerkErrorOf(clerk.sessions.getSession("sess_missing"))).status).toBe(404);

    const rawList = await raw(h, "GET", `/v1/sessions?user_id=${viewer.id}`);
    assertConforms(rawList.json, "GET", "/sessions", 200);
    const rawRevoke = await raw(h, "GET", `/v1/sessions/${got.id}`);
    assertConforms(rawRevoke.json, "GET", "/sessions/{session_id}", 200);
  });

  it("expires sessions past expire_at", async () => {
    const member = h.state.findUserByEmail("member@example.com")!;
    const s = (await raw(h, "POST", "/v1/sessions", { user_id: member.id })).json;
    h.state.clock.offsetMs = 8 * 24 * 3600 * 1000;
    try {
      expect((await clerk.sessions.getSession(s.id)).status).toBe("expired");
      expect(h.state.isSessionActive(s.id)).toBe(false);
    } finally {
      h.state.clock.offsetMs = 0;
    }
  });
});

describe("GET /v1/jwks", () => {
  it("publishes the RS256 key whose kid signs ctx.signJwt tokens", async () => {
    const r = await raw(h, "GET", "/v1/jwks");
    assertConforms(r.json, "GET", "/jwks", 200);
    const [jwk] = r.json.keys;
    expect(jwk).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", e: "AQAB" });
    expect(jwk.kid).toMatch(/^ins_[0-9a-f]{24}$/);

    const token = h.context.signJwt({ sub: "user_x", exp: Math.floor(Date.now() / 1000) + 60 });
    const [header, payload, sig] = token.split(".") as [string, string, string];
    expect(JSON.parse(Buffer.from(header, "base64url").toString())).toEqual({
      alg: "RS256",
      typ: "JWT",
      kid: jwk.kid,
    });
    const key = createPublicKey({ key: jwk, format: "jwk" });
    expect(
      verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), key, Buffer.from(sig, "base64url")),
    ).toBe(true);

    // The official verifier accepts it against this JWKS.
    const { verifyToken } = await import("@clerk/backend");
    const claims = await verifyToken(token, { apiUrl: h.url, secretKey: h.context.secretKey });
    expect(claims.sub).toBe("user_x");
  });

  it("requires the secret key", async () => {
    const res = await fetch(`${h.url}/v1/jwks`);
    expect(res.status).toBe(401);
    const wrong = await clerkErrorOf(sdk(h, "sk_live_wrong").users.getUserList());
    expect(wrong.status).toBe(401);
    expect(wrong.errors[0]?.code).toBe("authentication_invalid");
  });
});
