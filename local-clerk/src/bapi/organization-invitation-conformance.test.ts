import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertConforms, raw, sdk, startTestClerk } from "@/test/support/local-clerk";
import { conformanceCaller, specOperations } from "@/test/support/org-conformance";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;
let org: { id: string };

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 40 });
  const admin = h.state.findUserByEmail("admin@example.com")!;
  org = await sdk(h).organizations.createOrganization({
    name: "Conform Org",
    createdBy: admin.id,
    maxAllowedMemberships: 5,
  });
});
afterAll(() => h.stop());

describe("organization invitations, roles and permissions conform to the BAPI OpenAPI spec (2026-05-12)", () => {
  it("covers the 7 invitation, 7 role and 5 permission operations and a user's invitations, success and error bodies", async () => {
    const { call, called } = conformanceCaller(h);
    const admin = h.state.findUserByEmail("admin@example.com")!;
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

    const unauth = await fetch(`${h.url}/v1/organization_roles`);
    expect(unauth.status).toBe(401);
    assertConforms(await unauth.json(), "GET", "/organization_roles", 401);

    expect([...called].sort()).toEqual(
      specOperations(
        ["Organization Invitations", "Organization Roles", "Organization Permissions"],
        ["GET /users/{user_id}/organization_invitations"],
      ),
    );
  });
});
