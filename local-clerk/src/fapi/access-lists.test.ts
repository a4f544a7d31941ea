import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { raw, sdk } from "@/test/support/local-clerk";
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
beforeEach(async () => {
  await sdk(lc).instance.updateRestrictions({ allowlist: false, blocklist: false });
});

const errorOf = (r: { status: number; body: Json }) => [r.status, r.body.errors?.[0]?.code];

async function acceptInvitation(email: string, password = "invited-password-123") {
  const invitation = await sdk(lc).invitations.createInvitation({
    emailAddress: email,
    publicMetadata: { plan: "pro" },
  });
  const c = new FapiTestClient(lc.url);
  const r = await c.json<Json>("POST", `/v1/client/sign_ups${Q}`, {
    strategy: "ticket",
    ticket: invitation.id,
    password,
  });
  return { invitation, client: c, response: r };
}

describe("the block-list, enforced on FAPI (Clerk's 403 not_allowed_access)", () => {
  it("a blocked email cannot sign in, by address, by domain or by subaddress; unblocked it can", async () => {
    const clerk = sdk(lc);
    const entry = await clerk.blocklistIdentifiers.createBlocklistIdentifier({
      identifier: "viewer@example.com",
    });
    await clerk.instance.updateRestrictions({ blocklist: true });
    for (const identifier of ["viewer@example.com", "VIEWER@example.com", "viewer+x@example.com"]) {
      const r = await new FapiTestClient(lc.url).json<Json>("POST", `/v1/client/sign_ins${Q}`, {
        identifier,
        strategy: "password",
        password: "viewer-password-123",
      });
      expect(errorOf(r), identifier).toEqual([403, "not_allowed_access"]);
      expect(r.body.errors[0].long_message).toBe(`${identifier} is not allowed to access this application.`);
    }
    expect(
      lc.state.sessions.list({
        userId: lc.state.findUserByEmail("viewer@example.com")!.id,
        status: "active",
      }),
    ).toHaveLength(1);

    // Switched off on sign-in (Clerk's allowlist_blocklist_disabled_on_sign_in), or removed: signs in again.
    await raw(lc, "PATCH", "/v1/instance/restrictions", { allowlist_blocklist_disabled_on_sign_in: true });
    const off = await new FapiTestClient(lc.url).json<Json>("POST", `/v1/client/sign_ins${Q}`, {
      identifier: "viewer@example.com",
    });
    expect(off.status).toBe(200);
    await raw(lc, "PATCH", "/v1/instance/restrictions", { allowlist_blocklist_disabled_on_sign_in: false });
    await clerk.blocklistIdentifiers.deleteBlocklistIdentifier(entry.id);
    const ok = await new FapiTestClient(lc.url).json<Json>("POST", `/v1/client/sign_ins${Q}`, {
      identifier: "viewer@example.com",
    });
    expect(ok.status).toBe(200);
  });

  it("a blocked email cannot accept an invitation: no user, the invitation stays pending", async () => {
    const clerk = sdk(lc);
    await clerk.blocklistIdentifiers.createBlocklistIdentifier({ identifier: "spam.test" });
    await clerk.instance.updateRestrictions({ blocklist: true });
    const usersBefore = lc.state.users.size;
    const { invitation, response } = await acceptInvitation("someone@spam.test");
    expect(errorOf(response)).toEqual([403, "not_allowed_access"]);
    expect(lc.state.findUserByEmail("someone@spam.test")).toBeUndefined();
    expect(lc.state.users.size).toBe(usersBefore);
    expect(lc.state.invitations.get(invitation.id)?.status).toBe("pending");
  });

  it("a sign-in token for a blocked user is refused too", async () => {
    const clerk = sdk(lc);
    const member = lc.state.findUserByEmail("member@example.com")!;
    const entry = await clerk.blocklistIdentifiers.createBlocklistIdentifier({
      identifier: "member@example.com",
    });
    await clerk.instance.updateRestrictions({ blocklist: true });
    const token = await clerk.signInTokens.createSignInToken({ userId: member.id, expiresInSeconds: 60 });
    const r = await new FapiTestClient(lc.url).json<Json>("POST", `/v1/client/sign_ins${Q}`, {
      strategy: "ticket",
      ticket: token.token,
    });
    expect(errorOf(r)).toEqual([403, "not_allowed_access"]);
    expect(lc.state.tickets.get(token.id)?.status).toBe("pending");
    await clerk.blocklistIdentifiers.deleteBlocklistIdentifier(entry.id);
  });
});

describe("the seeded restrictions", () => {
  it("allow-list example.com (off) and block tempmail.test (on)", async () => {
    lc.state.access.updateRestrictions({ blocklist: true });
    const allow = await sdk(lc).allowlistIdentifiers.getAllowlistIdentifierList();
    expect(allow.data.map((i) => i.identifier)).toContain("example.com");
    const block = await sdk(lc).blocklistIdentifiers.getBlocklistIdentifierList();
    expect(block.data.map((i) => i.identifier)).toContain("tempmail.test");
    const { response } = await acceptInvitation("someone@tempmail.test");
    expect(errorOf(response)).toEqual([403, "not_allowed_access"]);
  });

  it("the environment tells ClerkJS which restrictions are on", async () => {
    await sdk(lc).instance.updateRestrictions({ allowlist: true, blocklist: true });
    const env = await new FapiTestClient(lc.url).json<Json>("GET", `/v1/environment${Q}`);
    expect(env.body.user_settings.restrictions).toMatchObject({
      allowlist: { enabled: true },
      blocklist: { enabled: true },
      block_email_subaddresses: { enabled: false },
    });
    expect(env.body.user_settings.sign_up.allowlist_only).toBe(true);
  });
});

describe("the allow-list restricts sign-up", () => {
  it("with the allow-list on, only listed identifiers can accept an invitation; the list itself changes nothing while off", async () => {
    const clerk = sdk(lc);
    await clerk.allowlistIdentifiers.createAllowlistIdentifier({ identifier: "partner.test", notify: false });

    // Off: anyone invited may sign up.
    const free = await acceptInvitation("anyone@elsewhere.test");
    expect(free.response.status, JSON.stringify(free.response.body)).toBe(200);

    await clerk.instance.updateRestrictions({ allowlist: true });
    const refused = await acceptInvitation("outsider@elsewhere.test");
    expect(errorOf(refused.response)).toEqual([403, "not_allowed_access"]);
    expect(lc.state.findUserByEmail("outsider@elsewhere.test")).toBeUndefined();

    const listed = await acceptInvitation("new.hire@partner.test");
    expect(listed.response.status, JSON.stringify(listed.response.body)).toBe(200);
    const signUp = listed.response.body.response;
    expect(signUp).toMatchObject({
      object: "sign_up_attempt",
      status: "complete",
      email_address: "new.hire@partner.test",
    });
    const user = await clerk.users.getUser(signUp.created_user_id);
    expect(user.publicMetadata).toEqual({ plan: "pro" });
    expect(lc.state.invitations.get(listed.invitation.id)?.status).toBe("accepted");
    expect(listed.response.body.client.sessions.map((s: Json) => s.id)).toContain(signUp.created_session_id);

    // Sign-in is restricted too while the allow-list is on: an unlisted account is refused, while the
    // seeded accounts keep working because the seed allow-lists example.com.
    const outsider = [...lc.state.users.all()].find(
      (u) => !u.emails[0]?.email_address.endsWith("@example.com"),
    )!;
    const refusedSignIn = await new FapiTestClient(lc.url).json<Json>("POST", `/v1/client/sign_ins${Q}`, {
      identifier: outsider.emails[0]!.email_address,
    });
    expect(errorOf(refusedSignIn)).toEqual([403, "not_allowed_access"]);
    const admin = await new FapiTestClient(lc.url).json<Json>("POST", `/v1/client/sign_ins${Q}`, {
      identifier: "admin@example.com",
      strategy: "password",
      password: "admin-password-123",
    });
    expect(admin.body.response?.status).toBe("complete");
  });

  it("a sign-up without an invitation is refused (restricted instance); a two-step ticket sign-up completes on PATCH", async () => {
    const c = new FapiTestClient(lc.url);
    const open = await c.json<Json>("POST", `/v1/client/sign_ups${Q}`, {
      email_address: "walk.in@example.org",
      password: "walk-in-password-1",
    });
    expect(errorOf(open)).toEqual([403, "sign_up_mode_restricted"]);

    const invitation = await sdk(lc).invitations.createInvitation({ emailAddress: "two.step@example.org" });
    const start = await c.json<Json>("POST", `/v1/client/sign_ups${Q}`, {
      strategy: "ticket",
      ticket: invitation.id,
    });
    expect(start.body.response).toMatchObject({
      status: "missing_requirements",
      missing_fields: ["password"],
    });
    expect(start.body.client.sign_up.id).toBe(start.body.response.id);
    const done = await c.json<Json>(
      "POST",
      `/v1/client/sign_ups/${start.body.response.id}${Q}&_method=PATCH`,
      {
        password: "two-step-password-1",
      },
    );
    expect(done.body.response.status).toBe("complete");
    expect(done.body.client.sign_up).toBeNull();

    const bad = await new FapiTestClient(lc.url).json<Json>("POST", `/v1/client/sign_ups${Q}`, {
      strategy: "ticket",
      ticket: "inv_nope",
    });
    expect(errorOf(bad)).toEqual([400, "ticket_invalid_code"]);
    const used = await new FapiTestClient(lc.url).json<Json>("POST", `/v1/client/sign_ups${Q}`, {
      strategy: "ticket",
      ticket: invitation.id,
    });
    expect(errorOf(used)).toEqual([400, "ticket_invalid_code"]);
  });
});
