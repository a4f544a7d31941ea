import { createClerkClient, verifyToken } from "@clerk/backend";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdk } from "@/test/support/local-clerk";
import { LOCAL_PUBLISHABLE_KEY, LOCAL_SECRET_KEY, SEEDED_ACCOUNTS } from "../app-env";
import { type LocalClerkHandle, startLocalClerk } from "../index";
import { FapiTestClient } from "./test-client";

const [admin, viewer, member] = SEEDED_ACCOUNTS;
const Q = "?__clerk_api_version=2026-08-20&_clerk_js_version=6.40.0";
const APP = "http://localhost:3999";

// biome-ignore lint/suspicious/noExplicitAny: raw FAPI JSON; its shape is what is under test
type Json = Record<string, any>;

let lc: LocalClerkHandle;
let clerk: ReturnType<typeof sdk>;
let acmeId: string;

beforeAll(async () => {
  lc = await startLocalClerk({ port: 0, seedUsers: 40, quiet: true });
  clerk = sdk(lc);
  acmeId = (await clerk.organizations.getOrganization({ slug: "acme-corp" })).id;
});
afterAll(() => lc?.stop());

/** Signs in through FAPI like <SignIn/> and returns the client and the new session id. */
async function signIn(account: { email: string; password: string }) {
  const c = new FapiTestClient(lc.url, APP);
  const res = await c.json<Json>("POST", `/v1/client/sign_ins${Q}`, {
    identifier: account.email,
    strategy: "password",
    password: account.password,
  });
  expect(res.body.response.status).toBe("complete");
  return { c, sid: res.body.response.created_session_id as string, client: res.body.client as Json };
}

async function token(c: FapiTestClient, sid: string, organizationId?: string) {
  const form: Record<string, string> = { tab_state: "focused" };
  if (organizationId !== undefined) form.organization_id = organizationId;
  const res = await c.json<Json>("POST", `/v1/client/sessions/${sid}/tokens${Q}`, form);
  expect(res.status).toBe(200);
  return res.body.jwt as string;
}

/** What clerkMiddleware's auth() resolves for a browser holding this session token. */
async function authOf(c: FapiTestClient, jwt: string) {
  const cookie = [
    `__session=${jwt}`,
    ...[...c.jar].filter(([k]) => k.startsWith("__client_uat")).map(([k, v]) => `${k}=${v}`),
  ].join("; ");
  const backend = createClerkClient({
    apiUrl: lc.url,
    secretKey: LOCAL_SECRET_KEY,
    publishableKey: LOCAL_PUBLISHABLE_KEY,
  });
  const state = await backend.authenticateRequest(
    new Request(`${APP}/dashboard`, { headers: { cookie, accept: "text/html" } }),
    {
      authorizedParties: [APP],
    },
  );
  expect(state.status).toBe("signed-in");
  return state.toAuth() as unknown as {
    userId: string;
    orgId?: string;
    orgRole?: string;
    orgSlug?: string;
    orgPermissions?: string[];
    has: (p: { role?: string; permission?: string }) => boolean;
  };
}

const me = (sid: string) => `${Q}&_clerk_session_id=${sid}`;

describe("organizations on the FAPI client and session", () => {
  it("puts the user's memberships on the user JSON and starts with no active organization", async () => {
    const { client } = await signIn(admin!);
    const session = client.sessions[0];
    expect(session.last_active_organization_id).toBeNull();
    const acme = session.user.organization_memberships.find((m: Json) => m.organization.slug === "acme-corp");
    expect(acme).toMatchObject({ object: "organization_membership", role: "org:admin", role_name: "Admin" });
    expect(acme.organization).toMatchObject({
      id: acmeId,
      object: "organization",
      members_count: expect.any(Number),
    });
    expect(acme.organization).not.toHaveProperty("private_metadata");
    expect(acme.permissions).toContain("org:sys_memberships:manage");
    expect(acme.public_user_data.identifier).toBe(admin!.email);
  });

  it("setActive({organization}) via touch sets the active organization and the v2 `o` claim that auth() parses", async () => {
    const { c, sid } = await signIn(admin!);
    const touched = await c.json<Json>("POST", `/v1/client/sessions/${sid}/touch${Q}`, {
      active_organization_id: acmeId,
      intent: "select_session",
    });
    expect(touched.status).toBe(200);
    expect(touched.body.response.last_active_organization_id).toBe(acmeId);
    expect(touched.body.response.user.organization_memberships.length).toBeGreaterThan(0);
    expect(touched.body.client.sessions[0].last_active_organization_id).toBe(acmeId);
    // BAPI sees it too.
    expect((await clerk.sessions.getSession(sid)).lastActiveOrganizationId).toBe(acmeId);

    const jwt = await token(c, sid, acmeId);
    const claims = await verifyToken(jwt, { secretKey: LOCAL_SECRET_KEY, apiUrl: lc.url });
    // System permissions never travel in the token; org:admin has none of its own.
    expect(claims.o).toEqual({ id: acmeId, slg: "acme-corp", rol: "admin" });
    expect(claims).not.toHaveProperty("fea");
    const auth = await authOf(c, jwt);
    expect([auth.orgId, auth.orgRole, auth.orgSlug]).toEqual([acmeId, "org:admin", "acme-corp"]);
    expect(auth.has({ role: "org:admin" })).toBe(true);

    // Without organization_id the token follows the session's active organization.
    const implicit = await verifyToken(await token(c, sid), { secretKey: LOCAL_SECRET_KEY, apiUrl: lc.url });
    expect(implicit.o).toMatchObject({ id: acmeId });
    // Personal account: an empty organization_id (what ClerkJS sends for null).
    const personal = await token(c, sid, "");
    expect(await verifyToken(personal, { secretKey: LOCAL_SECRET_KEY, apiUrl: lc.url })).not.toHaveProperty(
      "o",
    );
    expect((await authOf(c, personal)).orgId).toBeUndefined();
  });

  it("encodes custom permissions as per/fpm/fea, decoded by Clerk's parser into orgPermissions", async () => {
    const viewerUser = lc.state.findUserByEmail(viewer!.email)!;
    const perm = await clerk.organizationPermissions.createOrganizationPermission({
      name: "Read reports",
      key: "org:reports:read",
    });
    const billing = (await clerk.organizationRoles.getOrganizationRoleList({ query: "org:billing" }))
      .data[0]!;
    await clerk.organizationRoles.assignPermissionToOrganizationRole({
      organizationRoleId: billing.id,
      permissionId: perm.id,
    });
    await clerk.organizations.createOrganizationMembership({
      organizationId: acmeId,
      userId: viewerUser.id,
      role: "org:billing",
    });
    const { c, sid } = await signIn(viewer!);
    const jwt = await token(c, sid, acmeId);
    const claims = (await verifyToken(jwt, { secretKey: LOCAL_SECRET_KEY, apiUrl: lc.url })) as Json;
    expect(claims.o).toEqual({
      id: acmeId,
      slg: "acme-corp",
      rol: "billing",
      per: "read,manage",
      fpm: "3,1",
    });
    expect(claims.fea).toBe("o:billing,o:reports");
    const auth = await authOf(c, jwt);
    expect(auth.orgRole).toBe("org:billing");
    expect([...(auth.orgPermissions ?? [])].sort()).toEqual([
      "org:billing:manage",
      "org:billing:read",
      "org:reports:read",
    ]);
    expect(auth.has({ permission: "org:billing:manage" })).toBe(true);
    expect(auth.has({ permission: "org:reports:manage" })).toBe(false);
  });

  it("refuses an organization the user is not in (no change), and a removed membership drops the claim", async () => {
    const { c, sid } = await signIn(member!);
    const globex = (await clerk.organizations.getOrganization({ slug: "globex" })).id;
    const refused = await c.json<Json>("POST", `/v1/client/sessions/${sid}/touch${Q}`, {
      active_organization_id: globex,
    });
    expect([refused.status, refused.body.errors[0].code]).toEqual([
      404,
      "organization_not_found_or_unauthorized",
    ]);
    expect(lc.state.sessions.getSession(sid)?.last_active_organization_id ?? null).toBeNull();
    // A token asked for a foreign organization carries no organization at all.
    expect(
      await verifyToken(await token(c, sid, globex), { secretKey: LOCAL_SECRET_KEY, apiUrl: lc.url }),
    ).not.toHaveProperty("o");

    await c.json("POST", `/v1/client/sessions/${sid}/touch${Q}`, { active_organization_id: acmeId });
    const memberUser = lc.state.findUserByEmail(member!.email)!;
    await clerk.organizations.deleteOrganizationMembership({ organizationId: acmeId, userId: memberUser.id });
    expect(lc.state.sessions.getSession(sid)?.last_active_organization_id).toBeNull();
    expect(
      await verifyToken(await token(c, sid, acmeId), { secretKey: LOCAL_SECRET_KEY, apiUrl: lc.url }),
    ).not.toHaveProperty("o");
    await clerk.organizations.createOrganizationMembership({
      organizationId: acmeId,
      userId: memberUser.id,
      role: "org:member",
    });
  });

  it("starts a new session in the user's last active organization (BAPI-created org or setActive)", async () => {
    const viewerUser = lc.state.findUserByEmail(viewer!.email)!;
    const org = await clerk.organizations.createOrganization({
      name: "Fresh Start",
      createdBy: viewerUser.id,
    });
    const { client } = await signIn(viewer!);
    expect(client.sessions[0].last_active_organization_id).toBe(org.id);
  });

  it("serves /me/organization_memberships, invitations (accept) and suggestions, and member reads of /v1/organizations", async () => {
    const { c, sid } = await signIn(member!);
    const mine = await c.json<Json>(
      "GET",
      `/v1/me/organization_memberships${me(sid)}&paginated=true&limit=10`,
    );
    expect(mine.body.response.data.map((m: Json) => m.organization.id)).toContain(acmeId);
    expect(mine.body.response.total_count).toBe(mine.body.response.data.length);

    const globex = (await clerk.organizations.getOrganization({ slug: "globex" })).id;
    const inv = await clerk.organizations.createOrganizationInvitation({
      organizationId: globex,
      emailAddress: member!.email,
      role: "org:member",
    });
    const invites = await c.json<Json>("GET", `/v1/me/organization_invitations${me(sid)}&status=pending`);
    const found = invites.body.response.data.find((i: Json) => i.id === inv.id);
    expect(found.public_organization_data).toMatchObject({ id: globex, slug: "globex" });
    const accepted = await c.json<Json>("POST", `/v1/me/organization_invitations/${inv.id}/accept${me(sid)}`);
    expect([accepted.status, accepted.body.response.status]).toEqual([200, "accepted"]);
    expect(
      accepted.body.client.sessions[0].user.organization_memberships.map((m: Json) => m.organization.id),
    ).toContain(globex);
    expect(
      (await clerk.organizations.getOrganizationInvitation({ organizationId: globex, invitationId: inv.id }))
        .status,
    ).toBe("accepted");
    const again = await c.json<Json>("POST", `/v1/me/organization_invitations/${inv.id}/accept${me(sid)}`);
    expect(again.body.errors[0].code).toBe("organization_invitation_already_accepted");

    const suggestions = await c.json<Json>("GET", `/v1/me/organization_suggestions${me(sid)}`);
    expect(suggestions.body.response).toEqual({ data: [], total_count: 0 });

    // Same paths as BAPI: without a Bearer key the browser gets the FAPI answer.
    const org = await c.json<Json>("GET", `/v1/organizations/${acmeId}${me(sid)}`);
    expect(org.body.response).toMatchObject({
      object: "organization",
      id: acmeId,
      members_count: expect.any(Number),
    });
    expect(org.body.response).not.toHaveProperty("private_metadata");
    const members = await c.json<Json>(
      "GET",
      `/v1/organizations/${acmeId}/memberships${me(sid)}&paginated=true`,
    );
    expect(members.body.response.total_count).toBe(lc.state.organizations.memberships.count(acmeId));
    const roles = await c.json<Json>("GET", `/v1/organizations/${acmeId}/roles${me(sid)}`);
    expect(roles.body.response.data[0].key).toBe("org:admin");
    const created = await c.json<Json>("POST", `/v1/organizations${me(sid)}`, {
      name: "Made In The Browser",
    });
    expect(created.body.response.slug).toBe("made-in-the-browser");
    const outsiderOrg = await clerk.organizations.createOrganization({ name: "Not Yours" });
    const hidden = await c.json<Json>("GET", `/v1/organizations/${outsiderOrg.id}${me(sid)}`);
    expect([hidden.status, hidden.body.errors[0].code]).toEqual([
      404,
      "organization_not_found_or_unauthorized",
    ]);
    // And BAPI still owns the path with the secret key.
    expect((await clerk.organizations.getOrganization({ organizationId: outsiderOrg.id })).name).toBe(
      "Not Yours",
    );
    const left = await c.json<Json>(
      "POST",
      `/v1/me/organization_memberships/${globex}${me(sid)}&_method=DELETE`,
    );
    expect(left.status).toBe(200);
    expect(
      lc.state.organizations.memberships.get(globex, lc.state.findUserByEmail(member!.email)!.id),
    ).toBeUndefined();
  });

  it("the organization settings in the environment are on", async () => {
    const env = await new FapiTestClient(lc.url, APP).json<Json>("GET", `/v1/environment${Q}`);
    expect(env.body.organization_settings.enabled).toBe(true);
  });
});
