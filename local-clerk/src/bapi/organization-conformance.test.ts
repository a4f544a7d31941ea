import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertConforms, startTestClerk } from "@/test/support/local-clerk";
import { conformanceCaller, specOperations } from "@/test/support/org-conformance";
import { LOCAL_SECRET_KEY } from "../app-env";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 40 });
});
afterAll(() => h.stop());

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);

const ALL_TAGS = [
  "Organizations",
  "Organization Memberships",
  "Organization Invitations",
  "Organization Roles",
  "Organization Permissions",
];
const USER_OPS = [
  "GET /users/{user_id}/organization_memberships",
  "GET /users/{user_id}/organization_invitations",
];

describe("organizations and memberships conform to the BAPI OpenAPI spec (2026-05-12)", () => {
  it("covers the 12 Organizations and 6 Organization Memberships operations and a user's memberships, success and error bodies", async () => {
    const { call, called } = conformanceCaller(h);
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

    await call("DELETE", `/v1/organizations/${org.id}`, "/organizations/{organization_id}");
    await call("DELETE", `/v1/organizations/${org.id}`, "/organizations/{organization_id}", undefined, 404);

    expect([...called].sort()).toEqual(
      specOperations(
        ["Organizations", "Organization Memberships"],
        ["GET /users/{user_id}/organization_memberships"],
      ),
    );
    // 37 operations of the five tags, plus the two user ones.
    expect(specOperations(ALL_TAGS, USER_OPS)).toHaveLength(39);
  });
});
