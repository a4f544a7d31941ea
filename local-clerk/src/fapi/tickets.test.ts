import { verifyToken } from "@clerk/backend";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdk } from "@/test/support/local-clerk";
import { LOCAL_SECRET_KEY } from "../app-env";
import { type LocalClerkHandle, startLocalClerk } from "../index";
import { FapiTestClient } from "./test-client";

const Q = "?__clerk_api_version=2026-08-20&_clerk_js_version=6.40.0";

// biome-ignore lint/suspicious/noExplicitAny: raw FAPI JSON is what is under test
type Json = Record<string, any>;

let lc: LocalClerkHandle;

beforeAll(async () => {
  lc = await startLocalClerk({ port: 0, seedUsers: 30, quiet: true });
});
afterAll(() => lc?.stop());

const ids = () => ({
  admin: lc.state.findUserByEmail("admin@example.com")!.id,
  member: lc.state.findUserByEmail("member@example.com")!.id,
});

async function ticketSignIn(c: FapiTestClient, ticket: string) {
  return c.json<Json>("POST", `/v1/client/sign_ins${Q}`, { strategy: "ticket", ticket });
}

describe("FAPI ticket strategy", () => {
  it("an actor token signs the browser in as the user, with `actor` on the session and `act` in its token", async () => {
    const { admin, member } = ids();
    // The spec lets the actor carry more than `sub`; all of it becomes the `act` claim.
    const actor = { sub: admin, reason: "support ticket 42" };
    const token = await sdk(lc).actorTokens.create({
      userId: member,
      actor,
      expiresInSeconds: 600,
      sessionMaxDurationInSeconds: 900,
    });
    expect(token.status).toBe("pending");
    const c = new FapiTestClient(lc.url);
    const r = await ticketSignIn(c, token.token!);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.response.status).toBe("complete");
    const sessionId = r.body.response.created_session_id as string;
    const session = r.body.client.sessions.find((s: Json) => s.id === sessionId);
    expect(session.user.id).toBe(member);
    expect(session.actor).toEqual({ sub: admin, reason: "support ticket 42" });
    expect(session.expire_at - session.created_at).toBe(900_000);

    const tok = await c.json<Json>("POST", `/v1/client/sessions/${sessionId}/tokens${Q}`);
    const claims = await verifyToken(tok.body.jwt, { secretKey: LOCAL_SECRET_KEY, apiUrl: lc.url });
    expect(claims.sub).toBe(member);
    expect(claims.act).toEqual({ sub: admin, reason: "support ticket 42" });

    const bapiSession = await sdk(lc).sessions.getSession(sessionId);
    expect(bapiSession.actor).toEqual({ sub: admin, reason: "support ticket 42" });

    // Used once: a replay, in the same or another browser, is refused.
    const replay = await ticketSignIn(new FapiTestClient(lc.url), token.token!);
    expect([replay.status, replay.body.errors[0].code]).toEqual([400, "actor_token_already_used_code"]);
    await expect(sdk(lc).actorTokens.revoke(token.id)).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ code: "actor_token_cannot_be_revoked_code" })],
    });
  });

  it("a revoked, expired or forged actor token signs nobody in", async () => {
    const { admin, member } = ids();
    const clerk = sdk(lc);
    const revoked = await clerk.actorTokens.create({ userId: member, actor: { sub: admin } });
    expect((await clerk.actorTokens.revoke(revoked.id)).status).toBe("revoked");
    const expired = await clerk.actorTokens.create({
      userId: member,
      actor: { sub: admin },
      expiresInSeconds: 1,
    });
    const before = lc.state.sessions.list({ userId: member }).length;

    const r1 = await ticketSignIn(new FapiTestClient(lc.url), revoked.token!);
    expect([r1.status, r1.body.errors[0].code]).toEqual([400, "actor_token_revoked_code"]);

    lc.state.clock.offsetMs = 2_000;
    try {
      const r2 = await ticketSignIn(new FapiTestClient(lc.url), expired.token!);
      expect([r2.status, r2.body.errors[0].code]).toEqual([400, "actor_token_cannot_be_used_code"]);
    } finally {
      lc.state.clock.offsetMs = 0;
    }

    const [h, p] = revoked.token!.split(".");
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p!, "base64url").toString()), iid: expired.id }),
    ).toString("base64url");
    const r3 = await ticketSignIn(
      new FapiTestClient(lc.url),
      `${h}.${forgedPayload}.${revoked.token!.split(".")[2]}`,
    );
    expect([r3.status, r3.body.errors[0].code]).toEqual([400, "ticket_invalid_code"]);
    const r4 = await ticketSignIn(new FapiTestClient(lc.url), "not-a-ticket");
    expect([r4.status, r4.body.errors[0].code]).toEqual([400, "ticket_invalid_code"]);

    expect(lc.state.sessions.list({ userId: member })).toHaveLength(before);
  });

  it("bad ticket requests get Clerk's errors and create nothing", async () => {
    const before = lc.state.sessions.list({}).length;
    const c = new FapiTestClient(lc.url);
    const missing = await c.json<Json>("POST", `/v1/client/sign_ins${Q}`, { strategy: "ticket" });
    expect([missing.status, missing.body.errors[0].code]).toEqual([422, "form_param_missing"]);
    const noTicket = await fetch(`${lc.url}/v1/tickets/accept`, { redirect: "manual" });
    expect(noTicket.status).toBe(422);
    const garbage = await fetch(`${lc.url}/v1/tickets/accept?ticket=garbage`, { redirect: "manual" });
    expect([garbage.status, ((await garbage.json()) as Json).errors[0].code]).toEqual([
      400,
      "ticket_invalid_code",
    ]);
    const badRedirect = await fetch(`${lc.url}/v1/tickets/accept?ticket=x&redirect_url=javascript:alert(1)`, {
      redirect: "manual",
    });
    expect(badRedirect.status).toBe(400);
    expect(lc.state.sessions.list({})).toHaveLength(before);
  });

  it("a ticket JWT is never accepted as a session token", async () => {
    const { admin, member } = ids();
    const token = await sdk(lc).actorTokens.create({ userId: member, actor: { sub: admin } });
    await expect(
      verifyToken(token.token!, { secretKey: LOCAL_SECRET_KEY, apiUrl: lc.url }),
    ).rejects.toThrow();
  });

  it("a sign-in token signs in without `act`, once; revoked tokens are refused", async () => {
    const { member } = ids();
    const clerk = sdk(lc);
    const token = await clerk.signInTokens.createSignInToken({ userId: member, expiresInSeconds: 300 });
    const c = new FapiTestClient(lc.url);
    const r = await ticketSignIn(c, token.token);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const sessionId = r.body.response.created_session_id as string;
    const tok = await c.json<Json>("POST", `/v1/client/sessions/${sessionId}/tokens${Q}`);
    const claims = await verifyToken(tok.body.jwt, { secretKey: LOCAL_SECRET_KEY, apiUrl: lc.url });
    expect(claims.sub).toBe(member);
    expect(claims.act).toBeUndefined();
    const again = await ticketSignIn(new FapiTestClient(lc.url), token.token);
    expect(again.body.errors[0].code).toBe("sign_in_token_already_used_code");

    const other = await clerk.signInTokens.createSignInToken({ userId: member, expiresInSeconds: 300 });
    await clerk.signInTokens.revokeSignInToken(other.id);
    const refused = await ticketSignIn(new FapiTestClient(lc.url), other.token);
    expect(refused.body.errors[0].code).toBe("sign_in_token_revoked_code");
  });

  it("the ticket URL sends the browser to the app's sign-in page with __clerk_ticket and the redirect", async () => {
    const { admin, member } = ids();
    const token = await sdk(lc).actorTokens.create({ userId: member, actor: { sub: admin } });
    const url = new URL(token.url!);
    expect(url.pathname).toBe("/v1/tickets/accept");
    url.searchParams.set("redirect_url", "http://localhost:3999/customer");
    const res = await fetch(url, { redirect: "manual" });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location")!);
    expect(location.origin + location.pathname).toBe("http://localhost:3999/sign-in");
    expect(location.searchParams.get("__clerk_ticket")).toBe(token.token);
    expect(location.searchParams.get("__clerk_status")).toBe("sign_in");
    expect(location.searchParams.get("redirect_url")).toBe("http://localhost:3999/customer");
    // Visiting the link does not use the ticket up; signing in does.
    expect(lc.state.tickets.get(token.id)?.status).toBe("pending");

    url.searchParams.set("redirect_url", "https://evil.example/steal");
    expect((await fetch(url, { redirect: "manual" })).status).toBe(400);
  });

  it("FAPI accepts Clerk's testing token: a valid one marks the client captcha_bypass, others change nothing", async () => {
    const { token } = await sdk(lc).testingTokens.createTestingToken();
    const c = new FapiTestClient(lc.url);
    const start = await c.json<Json>(
      "POST",
      `/v1/client/sign_ins${Q}&__clerk_testing_token=${encodeURIComponent(token)}`,
      { identifier: "viewer@example.com" },
    );
    expect(start.status).toBe(200);
    expect(start.body.client.captcha_bypass).toBe(true);
    const forged = await c.json<Json>(
      "GET",
      `/v1/client${Q}&__clerk_testing_token=${encodeURIComponent(`${token}x`)}`,
    );
    expect(forged.status).toBe(200);
    expect(forged.body.response.captcha_bypass).toBe(false);
  });
});
