import { verifyToken } from "@clerk/backend";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_PUBLISHABLE_KEY, LOCAL_SECRET_KEY, SEEDED_ACCOUNTS } from "../app-env";
import { type LocalClerkHandle, startLocalClerk } from "../index";
import { cookieSuffix } from "./cookies";
import { FapiTestClient } from "./test-client";

const admin = SEEDED_ACCOUNTS[0];
const viewer = SEEDED_ACCOUNTS[1];
const SUFFIX = cookieSuffix(LOCAL_PUBLISHABLE_KEY);
const Q = "?__clerk_api_version=2026-08-20&_clerk_js_version=6.40.0";

let lc: LocalClerkHandle;

async function bapi(method: string, path: string, body?: unknown) {
  const res = await fetch(`${lc.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${LOCAL_SECRET_KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

// biome-ignore lint/suspicious/noExplicitAny: assertions walk raw FAPI JSON; the shapes are what is under test
type Json = Record<string, any>;

async function signIn(c: FapiTestClient, email: string, password: string) {
  const start = await c.json<Json>("POST", `/v1/client/sign_ins${Q}`, { identifier: email, locale: "en-US" });
  expect(start.status).toBe(200);
  const sia = start.body.response.id as string;
  return c.json<Json>("POST", `/v1/client/sign_ins/${sia}/attempt_first_factor${Q}`, {
    strategy: "password",
    password,
  });
}

beforeAll(async () => {
  lc = await startLocalClerk({ port: 0, seedUsers: 30, quiet: true, tokenTtlSeconds: 60 });
});
afterAll(async () => {
  await lc?.stop();
});

describe("cookies and keys", () => {
  it("derives Clerk's cookie suffix from the publishable key", () => {
    // Value from the research note, computed by Clerk's own helper for this key.
    expect(cookieSuffix("pk_live_Y2xlcmsuZW11bGF0b3IudGVzdCQ")).toBe("nUTWOnwY");
  });
});

describe("environment and client", () => {
  it("serves a production environment with captcha and billing off", async () => {
    const c = new FapiTestClient(lc.url);
    const { status, body } = await c.json<Json>("GET", `/v1/environment${Q}`);
    expect(status).toBe(200);
    expect(body.object).toBe("environment");
    expect(body.display_config.instance_environment_type).toBe("production");
    expect(body.display_config.captcha_public_key).toBeNull();
    expect(body.display_config.sign_in_url).toBe("http://localhost:3999/sign-in");
    expect(body).not.toHaveProperty("commerce_settings");
    expect(Object.keys(body.user_settings.attributes)).toHaveLength(10);
    const patched = await c.json<Json>("POST", `/v1/environment${Q}&_method=PATCH`, {});
    expect(patched.body.object).toBe("environment");
  });

  it("answers a null client to a browser without the __client cookie", async () => {
    const c = new FapiTestClient(lc.url);
    const { status, body } = await c.json<Json>("GET", `/v1/client${Q}`);
    expect(status).toBe(200);
    expect(body).toEqual({ response: null, client: null });
    expect(c.lastSetCookies).toEqual([]);
  });
});

describe("password sign-in", () => {
  it("signs in in two steps, sets __client and __client_uat, and records the session in state", async () => {
    const c = new FapiTestClient(lc.url);
    const start = await c.json<Json>("POST", `/v1/client/sign_ins${Q}`, { identifier: admin.email });
    expect(start.body.response.status).toBe("needs_first_factor");
    expect(start.body.response.supported_first_factors[0]).toEqual({ strategy: "password" });
    expect(start.body.client.sign_in.id).toBe(start.body.response.id);
    expect(c.lastSetCookies.find((s) => s.startsWith("__client="))).toMatch(/HttpOnly/);

    const done = await c.json<Json>(
      "POST",
      `/v1/client/sign_ins/${start.body.response.id}/attempt_first_factor${Q}`,
      {
        strategy: "password",
        password: admin.password,
      },
    );
    expect(done.status).toBe(200);
    const sessionId = done.body.response.created_session_id as string;
    expect(done.body.response.status).toBe("complete");
    expect(done.body.client.sessions.map((s: Json) => s.id)).toEqual([sessionId]);
    expect(done.body.client.last_active_session_id).toBe(sessionId);
    const session = done.body.client.sessions[0];
    expect(session.user.email_addresses[0].email_address).toBe(admin.email);
    expect(session.user.email_addresses[0].linked_to).toEqual([]);
    expect(session.user).not.toHaveProperty("private_metadata");
    expect(session.last_active_token.jwt).toMatch(/^ey/);

    const uat = Number(c.jar.get("__client_uat"));
    expect(uat).toBeGreaterThan(0);
    expect(c.jar.get(`__client_uat_${SUFFIX}`)).toBe(String(uat));

    const listed = await bapi("GET", `/v1/sessions?user_id=${session.user.id}&status=active&paginated=true`);
    expect((listed.body.data as Json[]).map((s) => s.id)).toContain(sessionId);
    const user = await bapi("GET", `/v1/users/${session.user.id}`);
    expect(user.body.last_sign_in_at as number).toBeGreaterThanOrEqual(uat * 1000);
  });

  it("accepts the one-step identifier + password form (browser autofill)", async () => {
    const c = new FapiTestClient(lc.url);
    const { status, body } = await c.json<Json>("POST", `/v1/client/sign_ins${Q}`, {
      identifier: viewer.email,
      password: viewer.password,
      strategy: "password",
    });
    expect(status).toBe(200);
    expect(body.response.status).toBe("complete");
    expect(body.client.sessions).toHaveLength(1);
  });

  it("answers Clerk's field errors for an unknown email and a wrong password", async () => {
    const c = new FapiTestClient(lc.url);
    const unknown = await c.json<Json>("POST", `/v1/client/sign_ins${Q}`, {
      identifier: "nobody@example.com",
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({
      code: "form_identifier_not_found",
      meta: { param_name: "identifier" },
    });
    const wrong = await signIn(c, admin.email, "not-the-password");
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toMatchObject({
      code: "form_password_incorrect",
      meta: { param_name: "password" },
      long_message: "Password is incorrect. Try again, or use another method.",
    });
    expect(c.jar.get("__client_uat") ?? "0").toBe("0");
  });

  it("offers no first factor to a user without a password and refuses the password strategy", async () => {
    const created = await bapi("POST", "/v1/users", { email_address: ["no-password-fapi@example.com"] });
    expect(created.status).toBe(200);
    const c = new FapiTestClient(lc.url);
    const start = await c.json<Json>("POST", `/v1/client/sign_ins${Q}`, {
      identifier: "no-password-fapi@example.com",
    });
    expect(start.body.response.supported_first_factors).toEqual([]);
    const attempt = await c.json<Json>(
      "POST",
      `/v1/client/sign_ins/${start.body.response.id}/attempt_first_factor${Q}`,
      {
        strategy: "password",
        password: "anything-at-all",
      },
    );
    expect(attempt.status).toBe(400);
    expect(attempt.body.errors[0].code).toBe("strategy_for_user_invalid");
  });

  it("refuses banned and locked users with Clerk's codes", async () => {
    const created = await bapi("POST", "/v1/users", {
      email_address: ["banned-fapi@example.com"],
      password: "banned-password-123",
    });
    expect(created.status).toBe(200);
    const id = created.body.id as string;
    expect((await bapi("POST", `/v1/users/${id}/ban`)).status).toBe(200);
    const c = new FapiTestClient(lc.url);
    const banned = await c.json<Json>("POST", `/v1/client/sign_ins${Q}`, {
      identifier: "banned-fapi@example.com",
      password: "banned-password-123",
      strategy: "password",
    });
    expect(banned.status).toBe(403);
    expect(banned.body.errors[0].code).toBe("user_banned");

    await bapi("POST", `/v1/users/${id}/unban`);
    await bapi("POST", `/v1/users/${id}/lock`);
    const locked = await c.json<Json>("POST", `/v1/client/sign_ins${Q}`, {
      identifier: "banned-fapi@example.com",
    });
    expect(locked.status).toBe(403);
    expect(locked.body.errors[0]).toMatchObject({ code: "user_locked" });
  });
});

describe("session tokens", () => {
  it("mints RS256 session tokens that @clerk/backend verifies against Local Clerk's JWKS", async () => {
    const c = new FapiTestClient(lc.url);
    const done = await signIn(c, admin.email, admin.password);
    const sid = done.body.response.created_session_id as string;
    const res = await c.json<Json>("POST", `/v1/client/sessions/${sid}/tokens${Q}`, { organization_id: "" });
    expect(res.status).toBe(200);
    expect(res.body.object).toBe("token");
    const claims = await verifyToken(res.body.jwt, { secretKey: LOCAL_SECRET_KEY, apiUrl: lc.url });
    expect(claims).toMatchObject({
      sid,
      sts: "active",
      v: 2,
      iss: "https://clerk.local-clerk.test",
      azp: "http://localhost:3999",
      metadata: { role: "admin" },
      fva: [0, -1],
    });
    expect(claims.exp - claims.iat).toBe(60);
    expect(claims.iat).toBeGreaterThanOrEqual(Number(c.jar.get("__client_uat")));
  });

  it("honours a per-user TTL override set with the secret key", async () => {
    const c = new FapiTestClient(lc.url);
    const done = await signIn(c, viewer.email, viewer.password);
    const sid = done.body.response.created_session_id as string;
    const userId = done.body.client.sessions[0].user.id as string;
    const anon = await fetch(`${lc.url}/__local_clerk/fapi/token_ttl`, { method: "POST", body: "{}" });
    expect(anon.status).toBe(401);
    expect(
      (await bapi("POST", "/__local_clerk/fapi/token_ttl", { user_id: userId, seconds: 0 })).status,
    ).toBe(422);
    expect(
      (await bapi("POST", "/__local_clerk/fapi/token_ttl", { user_id: userId, seconds: 7 })).status,
    ).toBe(200);
    const res = await c.json<Json>("POST", `/v1/client/sessions/${sid}/tokens${Q}`, {});
    const claims = await verifyToken(res.body.jwt, { secretKey: LOCAL_SECRET_KEY, apiUrl: lc.url });
    expect(claims.exp - claims.iat).toBe(7);
    await bapi("POST", "/__local_clerk/fapi/token_ttl", { user_id: userId, seconds: null });
  });

  it("stops minting after a BAPI revocation (401) and resets __client_uat on the next client fetch", async () => {
    const c = new FapiTestClient(lc.url);
    const done = await signIn(c, admin.email, admin.password);
    const sid = done.body.response.created_session_id as string;
    expect((await bapi("POST", `/v1/sessions/${sid}/revoke`)).body.status).toBe("revoked");
    const res = await c.json<Json>("POST", `/v1/client/sessions/${sid}/tokens${Q}`, {});
    expect(res.status).toBe(401);
    expect(res.body.errors[0].code).toBe("signed_out");
    const client = await c.json<Json>("GET", `/v1/client${Q}`);
    expect(client.body.response.sessions).toEqual([]);
    expect(c.jar.get("__client_uat")).toBe("0");
    expect(c.jar.get(`__client_uat_${SUFFIX}`)).toBe("0");
  });

  it("refuses a session that belongs to another client", async () => {
    const owner = new FapiTestClient(lc.url);
    const done = await signIn(owner, admin.email, admin.password);
    const thief = new FapiTestClient(lc.url);
    await thief.json("POST", `/v1/client/sign_ins${Q}`, { identifier: viewer.email });
    const res = await thief.json<Json>(
      "POST",
      `/v1/client/sessions/${done.body.response.created_session_id}/tokens`,
      {},
    );
    expect(res.status).toBe(401);
  });
});

describe("sign-out", () => {
  it("ends every session of the client with POST /v1/client/sessions?_method=DELETE", async () => {
    const c = new FapiTestClient(lc.url);
    const done = await signIn(c, admin.email, admin.password);
    const sid = done.body.response.created_session_id as string;
    const out = await c.json<Json>("POST", `/v1/client/sessions${Q}&_method=DELETE`);
    expect(out.status).toBe(200);
    expect(out.body.response.sessions).toEqual([]);
    expect(c.jar.get("__client_uat")).toBe("0");
    expect((await bapi("GET", `/v1/sessions/${sid}`)).body.status).toBe("ended");
    // A signed-out client can sign in again (single-session mode only blocks a second live session).
    const again = await signIn(c, admin.email, admin.password);
    expect(again.body.response.status).toBe("complete");
    const blocked = await c.json<Json>("POST", `/v1/client/sign_ins${Q}`, { identifier: viewer.email });
    expect(blocked.body.errors[0].code).toBe("session_exists");
  });

  it("lists the user's active sessions for UserProfile", async () => {
    const c = new FapiTestClient(lc.url);
    const done = await signIn(c, viewer.email, viewer.password);
    const sid = done.body.response.created_session_id as string;
    const res = await c.json<Json[]>("GET", `/v1/me/sessions/active${Q}&_clerk_session_id=${sid}`);
    expect(res.status).toBe(200);
    expect(res.body.map((s) => s.id)).toContain(sid);
    expect(res.body[0]?.user).toBeNull();
    expect(res.body[0]?.latest_activity.object).toBe("session_activity");
  });
});

describe("handshake", () => {
  const hs = (redirect: string, suffixed = true) =>
    `/v1/client/handshake?redirect_url=${encodeURIComponent(redirect)}&__clerk_api_version=2026-05-12&suffixed_cookies=${suffixed}&__clerk_hs_reason=session-token-expired&format=nonce`;

  it("redirects back with a fresh session token and the client_uat when signed in", async () => {
    const c = new FapiTestClient(lc.url);
    await signIn(c, admin.email, admin.password);
    const uat = c.jar.get("__client_uat");
    const res = await c.request("GET", hs("http://localhost:3999/users?x=1&__clerk_hs_reason=foo"));
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("http://localhost:3999/users?x=1");
    const jwt = c.jar.get("__session") as string;
    expect(c.jar.get(`__session_${SUFFIX}`)).toBe(jwt);
    expect(c.jar.get("__client_uat")).toBe(uat);
    const claims = await verifyToken(jwt, { secretKey: LOCAL_SECRET_KEY, apiUrl: lc.url });
    expect(claims.metadata).toMatchObject({ role: "admin" });
  });

  it("clears the session cookies when the client is signed out", async () => {
    const c = new FapiTestClient(lc.url);
    c.jar.set("__session", "stale");
    c.jar.set("__client_uat", "123");
    const res = await c.request("GET", hs("http://localhost:3999/"));
    expect(res.status).toBe(307);
    expect(c.jar.has("__session")).toBe(false);
    expect(c.jar.get("__client_uat")).toBe("0");
  });

  it("never redirects to another site", async () => {
    const c = new FapiTestClient(lc.url);
    const res = await c.request("GET", hs("https://evil.example.net/steal"));
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
  });
});

describe("bundles", () => {
  it("serves ClerkJS and @clerk/ui from node_modules whatever the version segment", async () => {
    const js = await fetch(`${lc.url}/npm/@clerk/clerk-js@6/dist/clerk.browser.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toMatch(/javascript/);
    expect((await js.text()).length).toBeGreaterThan(100_000);
    const ui = await fetch(`${lc.url}/npm/@clerk/ui@1.36.0/dist/ui.browser.js`);
    expect(ui.status).toBe(200);
    expect((await fetch(`${lc.url}/npm/@clerk/backend@3/dist/index.js`)).status).toBe(404);
    expect((await fetch(`${lc.url}/npm/@clerk/ui@1/dist/..%2Fpackage.json`)).status).toBe(404);
  });
});
