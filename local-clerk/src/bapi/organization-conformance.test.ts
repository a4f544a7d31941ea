import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { assertConforms, raw, startTestClerk } from "@/test/support/local-clerk";
import { LOCAL_SECRET_KEY } from "../app-env";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 40 });
});
afterAll(() => h.stop());

const TAGS = [
  "Organizations",
  "Organization Memberships",
  "Organization Invitations",
  "Organization Roles",
  "Organization Permissions",
];
const USER_ORG_OPS = [
  "GET /users/{user_id}/organization_memberships",
  "GET /users/{user_id}/organization_invitations",
];

/** The spec's organization operations, as "METHOD /template". */
function specOperations(): string[] {
  const spec = parse(readFileSync(new URL("../../openapi/bapi-2026-05-12.yml", import.meta.url), "utf8")) as {
    paths: Record<string, Record<string, { tags?: string[] }>>;
  };
  const out: string[] = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (op.tags?.some((t) => TAGS.includes(t))) out.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return [...out, ...USER_ORG_OPS].sort();
}

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);

describe("organization endpoints conform to the BAPI OpenAPI spec (2026-05-12)", () => {
  it("covers all 37 organization operations and the 2 user-organization ones, success and error bodies", async () => {
    const called = new Set<string>();
    const call = async (method: string, path: string, template: string, body?: unknown, expected = 200) => {
      const r = await raw(h, method, path, body);
      expect(r.status, `${method} ${path}: ${JSON.stringify(r.json).slice(0, 300)}`).toBe(expected);
      expect(r.contentType).toBe("application/json");
      assertConforms(r.json, method, template, expected);
      called.add(`${method} ${template}`);
      return r.json;
    };
    const admin = h.state.findUserByEmail("admin@example.com")!;
    const viewer = h.state.findUserByEmail("viewer@example.com")!;
    const member = h.state.findUserByEmail("member@example.com")!;

    // Organizations
    const org = await call("POST", "/v1/organizations", "/organizations", {
      name: "Conform Org",
      slug: "conform-org",
      created_by: admin.id,
      public_metadata: { tier: "gold" },
      private_metadata: { crm: 1 },
      max_allowed_memberships: 5,
      created_at: "2025-01-02T03:04:05.000Z",
    });
    await call("POST", "/v1/organizations", "/organizations", { name: "Dup", slug: "conform-org" }, 422);
    await call(
      "POST",
      "/v1/organizations",
      "/organizations",
      { name: "No Creator", created_by: "user_nope" },
      400,
    );
    await call(
      "GET",
      "/v1/organizations?include_members_count=true&order_by=-members_count&limit=5",
      "/organizations",
    );
    await call("GET", "/v1/organizations?order_by=bogus", "/organizations", undefined, 422);
    await call(
      "GET",
      `/v1/organizations/${org.id}?include_members_count=true`,
      "/organizations/{organization_id}",
    );
    await call("GET", "/v1/organizations/conform-org", "/organizations/{organization_id}");
    await call("GET", "/v1/organizations/org_missing", "/organizations/{organization_id}", undefined, 404);
    await call("PATCH", `/v1/organizations/${org.id}`, "/organizations/{organization_id}", {
      name: "Conform Org 2",
      admin_delete_enabled: false,
    });
    await call(
      "PATCH",
      `/v1/organizations/${org.id}`,
      "/organizations/{organization_id}",
      { public_metadata: {} },
      422,
    );
    await call(
      "PATCH",
      "/v1/organizations/org_missing",
      "/organizations/{organization_id}",
      { name: "x" },
      404,
    );
    await call("PATCH", `/v1/organizations/${org.id}/metadata`, "/organizations/{organization_id}/metadata", {
      public_metadata: { a: { b: 1 } },
    });
    await call(
      "PATCH",
      `/v1/organizations/${org.id}/metadata`,
      "/organizations/{organization_id}/metadata",
      { private_metadata: { big: "x".repeat(9000) } },
      422,
    );
    await call("PUT", `/v1/organizations/${org.id}/metadata`, "/organizations/{organization_id}/metadata", {
      private_metadata: { replaced: true },
    });
    await call(
      "PUT",
      "/v1/organizations/org_missing/metadata",
      "/organizations/{organization_id}/metadata",
      { private_metadata: {} },
      404,
    );

    const form = new FormData();
    form.append("file", new Blob([PNG], { type: "image/png" }), "logo.png");
    const upload = await fetch(`${h.url}/v1/organizations/${org.id}/logo`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${LOCAL_SECRET_KEY}` },
      body: form,
    });
    expect(upload.status).toBe(200);
    expect(upload.headers.get("content-type")).toBe("application/json");
    assertConforms(await upload.json(), "PUT", "/organizations/{organization_id}/logo", 200);
    called.add("PUT /organizations/{organization_id}/logo");
    const noFile = await fetch(`${h.url}/v1/organizations/${org.id}/logo`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${LOCAL_SECRET_KEY}` },
      body: new FormData(),
    });
    expect(noFile.status).toBe(400);
    assertConforms(await noFile.json(), "PUT", "/organizations/{organization_id}/logo", 400);
    await call("DELETE", `/v1/organizations/${org.id}/logo`, "/organizations/{organization_id}/logo");
    await call(
      "DELETE",
      `/v1/organizations/${org.id}/logo`,
      "/organizations/{organization_id}/logo",
      undefined,
      404,
    );

    await call(
      "GET",
      `/v1/organizations/${org.id}/billing/subscription`,
      "/organizations/{organization_id}/billing/subscription",
      undefined,
      404,
    );
    await call(
      "GET",
      `/v1/organizations/${org.id}/billing/credits`,
      "/organizations/{organization_id}/billing/credits",
    );
    await call(
      "POST",
      `/v1/organizations/${org.id}/billing/credits`,
      "/organizations/{organization_id}/billing/credits",
      {
        amount: 2500,
        action: "increase",
        idempotency_key: "k1",
        note: "welcome credit",
      },
    );
    await call(
      "POST",
      `/v1/organizations/${org.id}/billing/credits`,
      "/organizations/{organization_id}/billing/credits",
      { amount: 9999, action: "decrease", idempotency_key: "k2" },
      422,
    );

    // Memberships
    await call(
      "POST",
      `/v1/organizations/${org.id}/memberships`,
      "/organizations/{organization_id}/memberships",
      {
        user_id: viewer.id,
        role: "org:member",
        public_metadata: { team: "ops" },
      },
    );
    await call(
      "POST",
      `/v1/organizations/${org.id}/memberships`,
      "/organizations/{organization_id}/memberships",
      { user_id: viewer.id, role: "org:member" },
      400,
    );
    await call(
      "POST",
      `/v1/organizations/${org.id}/memberships`,
      "/organizations/{organization_id}/memberships",
      { user_id: member.id, role: "admin" },
      404,
    );
    await call(
      "GET",
      `/v1/organizations/${org.id}/memberships?role=org:member&order_by=-email_address`,
      "/organizations/{organization_id}/memberships",
    );
    await call(
      "GET",
      `/v1/organizations/${org.id}/memberships?order_by=nope`,
      "/organizations/{organization_id}/memberships",
      undefined,
      422,
    );
    await call(
      "PATCH",
      `/v1/organizations/${org.id}/memberships/${viewer.id}`,
      "/organizations/{organization_id}/memberships/{user_id}",
      { role: "org:admin" },
    );
    await call(
      "PATCH",
      `/v1/organizations/${org.id}/memberships/user_missing`,
      "/organizations/{organization_id}/memberships/{user_id}",
      { role: "org:admin" },
      404,
    );
    await call(
      "PATCH",
      `/v1/organizations/${org.id}/memberships/${viewer.id}/metadata`,
      "/organizations/{organization_id}/memberships/{user_id}/metadata",
      { private_metadata: { seat: 1 } },
    );
    await call(
      "PATCH",
      `/v1/organizations/${org.id}/memberships/${viewer.id}/metadata`,
      "/organizations/{organization_id}/memberships/{user_id}/metadata",
      { public_metadata: "nope" },
      422,
    );
    await call(
      "GET",
      "/v1/organization_memberships?limit=3&order_by=-created_at",
      "/organization_memberships",
    );
    await call(
      "GET",
      `/v1/users/${viewer.id}/organization_memberships?limit=2`,
      "/users/{user_id}/organization_memberships",
    );
    await call(
      "DELETE",
      `/v1/organizations/${org.id}/memberships/${viewer.id}`,
      "/organizations/{organization_id}/memberships/{user_id}",
    );
    await call(
      "DELETE",
      `/v1/organizations/${org.id}/memberships/${viewer.id}`,
      "/organizations/{organization_id}/memberships/{user_id}",
      undefined,
      404,
    );

    // Invitations
    const inv = await call(
      "POST",
      `/v1/organizations/${org.id}/invitations`,
      "/organizations/{organization_id}/invitations",
      {
        email_address: "conform.invitee@example.org",
        role: "org:member",
        inviter_user_id: admin.id,
        public_metadata: { a: 1 },
        private_metadata: { b: 2 },
        redirect_url: "http://localhost:3000/join",
        expires_in_days: 3,
        notify: false,
      },
    );
    await call(
      "POST",
      `/v1/organizations/${org.id}/invitations`,
      "/organizations/{organization_id}/invitations",
      { email_address: "conform.invitee@example.org", role: "org:member" },
      400,
    );
    await call(
      "POST",
      `/v1/organizations/${org.id}/invitations`,
      "/organizations/{organization_id}/invitations",
      { email_address: "not-an-email", role: "org:member" },
      422,
    );
    await call(
      "POST",
      `/v1/organizations/${org.id}/invitations/bulk`,
      "/organizations/{organization_id}/invitations/bulk",
      [
        { email_address: "bulk.a@example.org", role: "org:member" },
        { email_address: "bulk.b@example.org", role: "org:admin" },
      ],
    );
    await call(
      "POST",
      `/v1/organizations/${org.id}/invitations/bulk`,
      "/organizations/{organization_id}/invitations/bulk",
      [{ email_address: "bulk.c@example.org" }],
      422,
    );
    await call(
      "GET",
      `/v1/organizations/${org.id}/invitations?status=pending&order_by=email_address`,
      "/organizations/{organization_id}/invitations",
    );
    await call(
      "GET",
      `/v1/organizations/${org.id}/invitations?status=nope`,
      "/organizations/{organization_id}/invitations",
      undefined,
      422,
    );
    await call(
      "GET",
      `/v1/organizations/${org.id}/invitations/pending?limit=2`,
      "/organizations/{organization_id}/invitations/pending",
    );
    await call(
      "GET",
      "/v1/organizations/org_missing/invitations/pending",
      "/organizations/{organization_id}/invitations/pending",
      undefined,
      404,
    );
    await call(
      "GET",
      `/v1/organizations/${org.id}/invitations/${inv.id}`,
      "/organizations/{organization_id}/invitations/{invitation_id}",
    );
    await call(
      "GET",
      `/v1/organizations/${org.id}/invitations/orginv_missing`,
      "/organizations/{organization_id}/invitations/{invitation_id}",
      undefined,
      404,
    );
    await call(
      "POST",
      `/v1/organizations/${org.id}/invitations/${inv.id}/revoke`,
      "/organizations/{organization_id}/invitations/{invitation_id}/revoke",
      { requesting_user_id: admin.id },
    );
    await call(
      "POST",
      `/v1/organizations/${org.id}/invitations/${inv.id}/revoke`,
      "/organizations/{organization_id}/invitations/{invitation_id}/revoke",
      {},
      400,
    );
    await call(
      "GET",
      "/v1/organization_invitations?status=pending&query=bulk&order_by=-email_address",
      "/organization_invitations",
    );
    await call(
      "GET",
      "/v1/organization_invitations?order_by=nope",
      "/organization_invitations",
      undefined,
      422,
    );
    await call(
      "GET",
      `/v1/users/${admin.id}/organization_invitations?status=pending`,
      "/users/{user_id}/organization_invitations",
    );
    await call(
      "GET",
      "/v1/users/user_missing/organization_invitations",
      "/users/{user_id}/organization_invitations",
      undefined,
      404,
    );

    // Permissions and roles
    const perm = await call("POST", "/v1/organization_permissions", "/organization_permissions", {
      name: "Read docs",
      key: "org:docs:read",
      description: "Docs",
    });
    await call(
      "POST",
      "/v1/organization_permissions",
      "/organization_permissions",
      { name: "Sys", key: "org:sys_docs:read" },
      422,
    );
    await call(
      "GET",
      "/v1/organization_permissions?query=sys_memberships&order_by=key",
      "/organization_permissions",
    );
    await call(
      "GET",
      "/v1/organization_permissions?order_by=nope",
      "/organization_permissions",
      undefined,
      422,
    );
    await call("GET", `/v1/organization_permissions/${perm.id}`, "/organization_permissions/{permission_id}");
    await call(
      "GET",
      "/v1/organization_permissions/perm_missing",
      "/organization_permissions/{permission_id}",
      undefined,
      404,
    );
    await call(
      "PATCH",
      `/v1/organization_permissions/${perm.id}`,
      "/organization_permissions/{permission_id}",
      { name: "Read all docs" },
    );
    const sysPerm = (await raw(h, "GET", "/v1/organization_permissions?query=org:sys_profile:manage")).json
      .data[0];
    await call(
      "PATCH",
      `/v1/organization_permissions/${sysPerm.id}`,
      "/organization_permissions/{permission_id}",
      { name: "x" },
      403,
    );
    const role = await call("POST", "/v1/organization_roles", "/organization_roles", {
      name: "Docs",
      key: "org:docs",
      description: "Reads docs",
      permissions: [perm.id],
      include_in_initial_role_set: true,
    });
    await call("POST", "/v1/organization_roles", "/organization_roles", { name: "Bad", key: "docs" }, 422);
    await call("GET", "/v1/organization_roles?query=docs&order_by=name", "/organization_roles");
    await call("GET", "/v1/organization_roles?order_by=nope", "/organization_roles", undefined, 422);
    await call("GET", `/v1/organization_roles/${role.id}`, "/organization_roles/{organization_role_id}");
    await call(
      "GET",
      "/v1/organization_roles/role_missing",
      "/organization_roles/{organization_role_id}",
      undefined,
      404,
    );
    await call("PATCH", `/v1/organization_roles/${role.id}`, "/organization_roles/{organization_role_id}", {
      name: "Docs readers",
      permissions: [],
    });
    await call(
      "PATCH",
      `/v1/organization_roles/${role.id}`,
      "/organization_roles/{organization_role_id}",
      { key: "Bad Key" },
      422,
    );
    await call(
      "POST",
      `/v1/organization_roles/${role.id}/permissions/${perm.id}`,
      "/organization_roles/{organization_role_id}/permissions/{permission_id}",
    );
    await call(
      "POST",
      `/v1/organization_roles/${role.id}/permissions/${perm.id}`,
      "/organization_roles/{organization_role_id}/permissions/{permission_id}",
      undefined,
      409,
    );
    await call(
      "DELETE",
      `/v1/organization_roles/${role.id}/permissions/${perm.id}`,
      "/organization_roles/{organization_role_id}/permissions/{permission_id}",
    );
    await call(
      "DELETE",
      `/v1/organization_roles/${role.id}/permissions/${perm.id}`,
      "/organization_roles/{organization_role_id}/permissions/{permission_id}",
      undefined,
      404,
    );
    const adminRole = (await raw(h, "GET", "/v1/organization_roles?query=org:admin")).json.data[0];
    await call(
      "DELETE",
      `/v1/organization_roles/${adminRole.id}`,
      "/organization_roles/{organization_role_id}",
      undefined,
      422,
    );
    await call("DELETE", `/v1/organization_roles/${role.id}`, "/organization_roles/{organization_role_id}");
    await call(
      "DELETE",
      `/v1/organization_permissions/${perm.id}`,
      "/organization_permissions/{permission_id}",
    );
    await call(
      "DELETE",
      `/v1/organization_permissions/${sysPerm.id}`,
      "/organization_permissions/{permission_id}",
      undefined,
      403,
    );

    await call("DELETE", `/v1/organizations/${org.id}`, "/organizations/{organization_id}");
    await call("DELETE", `/v1/organizations/${org.id}`, "/organizations/{organization_id}", undefined, 404);

    const unauth = await fetch(`${h.url}/v1/organization_roles`);
    expect(unauth.status).toBe(401);
    assertConforms(await unauth.json(), "GET", "/organization_roles", 401);

    expect([...called].sort()).toEqual(specOperations());
    expect(specOperations()).toHaveLength(39);
  });
});
