import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdk } from "@/test/support/local-clerk";
import { SEEDED_ACCOUNTS } from "../app-env";
import { type LocalClerkHandle, startLocalClerk } from "../index";
import { FapiTestClient } from "./test-client";

const [admin, , member] = SEEDED_ACCOUNTS;
const Q = "?__clerk_api_version=2026-08-20&_clerk_js_version=6.40.0";

// biome-ignore lint/suspicious/noExplicitAny: raw FAPI JSON; its shape is what is under test
type Json = Record<string, any>;

let lc: LocalClerkHandle;
let acmeId: string;

beforeAll(async () => {
  lc = await startLocalClerk({ port: 0, seedUsers: 40, quiet: true });
  acmeId = (await sdk(lc).organizations.getOrganization({ slug: "acme-corp" })).id;
});
afterAll(() => lc?.stop());

async function signIn(account: { email: string; password: string }) {
  const c = new FapiTestClient(lc.url);
  const res = await c.json<Json>("POST", `/v1/client/sign_ins${Q}`, {
    identifier: account.email,
    strategy: "password",
    password: account.password,
  });
  const sid = res.body.response.created_session_id as string;
  const q = `${Q}&_clerk_session_id=${sid}`;
  return { c, q };
}

describe("<OrganizationProfile/> calls of an organization admin (FAPI)", () => {
  it("lists, invites (bulk), revokes, changes a role, removes a member and renames the organization", async () => {
    const { c, q } = await signIn(admin!);
    const org = `/v1/organizations/${acmeId}`;
    const pendingBefore = lc.state.organizations.invitations.pendingCount(acmeId);
    const empty = await c.json<Json>("POST", `${org}/invitations/bulk${q}`, {});
    expect([empty.status, empty.body.errors[0].code]).toEqual([422, "form_param_missing"]);
    // The test client sends one value per key; ClerkJS repeats email_address, so this one is by hand.
    const form = new URLSearchParams([
      ["email_address", "profile.one@example.org"],
      ["email_address", "profile.two@example.org"],
      ["role", "org:member"],
    ]);
    const res = await fetch(`${lc.url}${org}/invitations/bulk${q}`, {
      method: "POST",
      headers: {
        cookie: cookieOf(c),
        "content-type": "application/x-www-form-urlencoded",
        origin: c.appOrigin,
      },
      body: form.toString(),
    });
    const created = (await res.json()) as Json;
    expect(res.status).toBe(200);
    expect(created.response.map((i: Json) => [i.object, i.email_address, i.role_name])).toEqual([
      ["organization_invitation", "profile.one@example.org", "Member"],
      ["organization_invitation", "profile.two@example.org", "Member"],
    ]);
    expect(lc.state.organizations.invitations.pendingCount(acmeId)).toBe(pendingBefore + 2);
    const list = await c.json<Json>("GET", `${org}/invitations${q}&status=pending`);
    expect(list.body.response.total_count).toBe(pendingBefore + 2);
    const revoked = await c.json<Json>("POST", `${org}/invitations/${created.response[0].id}/revoke${q}`);
    expect(revoked.body.response.status).toBe("revoked");

    const jane = lc.state.findUserByEmail("jane@acme.com")!;
    const role = await c.json<Json>("POST", `${org}/memberships/${jane.id}${q}&_method=PATCH`, {
      role: "org:billing",
    });
    expect([role.status, role.body.response.role]).toEqual([200, "org:billing"]);
    const removed = await c.json<Json>("POST", `${org}/memberships/${jane.id}${q}&_method=DELETE`);
    expect(removed.status).toBe(200);
    expect(lc.state.organizations.memberships.get(acmeId, jane.id)).toBeUndefined();

    const renamed = await c.json<Json>("POST", `${org}${q}&_method=PATCH`, { name: "Acme Corporation" });
    expect([renamed.body.response.name, renamed.body.response.slug]).toEqual([
      "Acme Corporation",
      "acme-corp",
    ]);
    const domains = await c.json<Json>("GET", `${org}/domains${q}`);
    expect(domains.body.response).toEqual({ data: [], total_count: 0 });
  });

  it("refuses a member without the system permission (403) and an organization without admin delete", async () => {
    const { c, q } = await signIn(member!);
    const org = `/v1/organizations/${acmeId}`;
    const invite = await c.json<Json>("POST", `${org}/invitations${q}`, {
      email_address: "x@example.org",
      role: "org:member",
    });
    expect([invite.status, invite.body.errors[0].code]).toEqual([403, "missing_organization_permission"]);
    const rename = await c.json<Json>("POST", `${org}${q}&_method=PATCH`, { name: "Mine now" });
    expect(rename.status).toBe(403);

    const a = await signIn(admin!);
    const orgId = (
      await sdk(lc).organizations.createOrganization({
        name: "Undeletable",
        createdBy: lc.state.findUserByEmail(admin!.email)!.id,
      })
    ).id;
    await sdk(lc).organizations.updateOrganization(orgId, { adminDeleteEnabled: false });
    const refused = await a.c.json<Json>("POST", `/v1/organizations/${orgId}${a.q}&_method=DELETE`);
    expect([refused.status, refused.body.errors[0].code]).toEqual([
      403,
      "organization_admin_delete_not_enabled",
    ]);
    await sdk(lc).organizations.updateOrganization(orgId, { adminDeleteEnabled: true });
    const deleted = await a.c.json<Json>("POST", `/v1/organizations/${orgId}${a.q}&_method=DELETE`);
    expect(deleted.body.response).toMatchObject({ id: orgId, deleted: true });
  });

  it("answers a FAPI call to a BAPI-only path with 404, never the 401 that would sign the browser out", async () => {
    const { c, q } = await signIn(admin!);
    const fapi = await c.json<Json>("GET", `/v1/organization_roles${q}`);
    expect([fapi.status, fapi.body.errors[0].code]).toEqual([404, "resource_not_found"]);
    expect((await fetch(`${lc.url}/v1/organization_roles`)).status).toBe(401);
  });
});

function cookieOf(c: FapiTestClient): string {
  return [...c.jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
}
