import { verifyToken } from "@clerk/backend";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clerkErrorOf, startTestClerk } from "@/test/support/local-clerk";
import { conformanceCaller, specOperations } from "@/test/support/org-conformance";
import { conformingSdk } from "@/test/support/sdk-conformance";
import { LOCAL_SECRET_KEY } from "../app-env";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;
let s: ReturnType<typeof conformingSdk>;

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 40 });
  s = conformingSdk(h);
});
afterAll(async () => {
  s.restore();
  await h.stop();
});

describe("sessions (7), JWT templates (5) and clients (3) through @clerk/backend, bodies per the spec", () => {
  it("mints verifiable session and template tokens, refreshes, and lists clients", async () => {
    const { clerk } = s;
    const raw = conformanceCaller(h);
    const verify = (jwt: string) => verifyToken(jwt, { secretKey: LOCAL_SECRET_KEY, apiUrl: h.url });
    const admin = h.state.findUserByEmail("admin@example.com")!;
    await clerk.users.updateUserMetadata(admin.id, { publicMetadata: { plan: "enterprise", seats: 5 } });

    const session = await clerk.sessions.createSession({ userId: admin.id });
    await clerk.sessions.getSession(session.id);
    expect(
      (await clerk.sessions.getSessionList({ userId: admin.id })).data.some((x) => x.id === session.id),
    ).toBe(true);

    const { jwt } = await clerk.sessions.getToken(session.id);
    const claims = await verify(jwt);
    expect(claims).toMatchObject({ sub: admin.id, sid: session.id, v: 2, sts: "active" });
    const long = await clerk.sessions.getToken(session.id, undefined, 3600);
    const longClaims = await verify(long.jwt);
    expect(longClaims.exp - longClaims.iat).toBe(3600);

    const template = await clerk.jwtTemplates.create({
      name: "conformance",
      claims: {
        aud: "authenticated",
        role: "{{user.public_metadata.plan || 'free'}}",
        email: "{{user.primary_email_address}}",
        meta: "{{user.public_metadata}}",
        greeting: "Hello {{user.first_name}}!",
        missing: "{{user.public_metadata.nope}}",
      },
      lifetime: 120,
      allowedClockSkew: 10,
    });
    expect(template).toMatchObject({ name: "conformance", lifetime: 120, allowedClockSkew: 10 });
    await clerk.jwtTemplates.get(template.id);
    expect((await clerk.jwtTemplates.list()).data.map((t) => t.name)).toContain("conformance");
    const minted = await clerk.sessions.getToken(session.id, "conformance");
    const t = await verify(minted.jwt);
    expect(t).toMatchObject({
      sub: admin.id,
      aud: "authenticated",
      role: "enterprise",
      email: "admin@example.com",
      meta: { plan: "enterprise", seats: 5 },
      greeting: "Hello Admin!",
      missing: null,
    });
    expect([t.exp - t.iat, t.iat - t.nbf]).toEqual([120, 10]);
    await clerk.jwtTemplates.update({
      templateId: template.id,
      name: "conformance",
      claims: { aud: "x" },
      lifetime: 60,
    });
    expect((await verify((await clerk.sessions.getToken(session.id, "conformance")).jwt)).aud).toBe("x");
    expect((await clerkErrorOf(clerk.sessions.getToken(session.id, "nope"))).status).toBe(404);

    const refreshed = await clerk.sessions.refreshSession(session.id, {
      expired_token: jwt,
      refresh_token: "local",
      request_origin: "http://localhost:3000",
    });
    expect((await verify((refreshed as unknown as { jwt: string }).jwt)).sid).toBe(session.id);
    await raw.call("POST", `/v1/sessions/${session.id}/refresh`, "/sessions/{session_id}/refresh", {
      expired_token: jwt,
      refresh_token: "local",
      request_origin: "http://localhost:3000",
      format: "cookie",
    });
    const other = await clerk.sessions.createSession({ userId: admin.id });
    const foreign = (await clerk.sessions.getToken(other.id)).jwt;
    const refused = await clerkErrorOf(
      clerk.sessions.refreshSession(session.id, {
        expired_token: foreign,
        refresh_token: "local",
        request_origin: "http://localhost:3000",
      }),
    );
    expect(refused.status).toBe(401);

    const clients = await clerk.clients.getClientList({ limit: 5 });
    expect(clients.data.length).toBeGreaterThan(0);
    const client = await clerk.clients.getClient(session.clientId);
    expect(client.sessionIds).toContain(session.id);
    expect((await clerk.clients.verifyClient(session.clientId)).id).toBe(session.clientId);

    await clerk.sessions.revokeSession(session.id);
    expect((await clerkErrorOf(clerk.sessions.getToken(session.id))).status).toBe(401);
    await clerk.jwtTemplates.delete(template.id);

    const all = new Set([...s.called, ...raw.called]);
    const missing = specOperations(["Sessions", "JWT Templates", "Clients"]).filter((op) => !all.has(op));
    expect(missing).toEqual([]);
  }, 90_000);
});
