import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertConforms, raw, sdk, startTestClerk } from "@/test/support/local-clerk";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 40 });
  const clerk = sdk(h);
  ids.admin = h.state.findUserByEmail("admin@example.com")!.id;
  ids.viewer = h.state.findUserByEmail("viewer@example.com")!.id;
  ids.member = h.state.findUserByEmail("member@example.com")!.id;
  ids.org = (
    await clerk.organizations.createOrganization({ name: "Target", slug: "target", createdBy: ids.admin })
  ).id;
  ids.full = (
    await clerk.organizations.createOrganization({
      name: "Full",
      createdBy: ids.admin,
      maxAllowedMemberships: 1,
    })
  ).id;
  await clerk.organizations.createOrganizationMembership({
    organizationId: ids.org,
    userId: ids.viewer,
    role: "org:member",
  });
  ids.inv = (
    await clerk.organizations.createOrganizationInvitation({
      organizationId: ids.org,
      emailAddress: "pending@example.org",
      role: "org:member",
    })
  ).id;
  const roles = (await clerk.organizationRoles.getOrganizationRoleList({ limit: 50 })).data;
  ids.adminRole = roles.find((r) => r.key === "org:admin")!.id;
  ids.billingRole = roles.find((r) => r.key === "org:billing")!.id;
  const perms = (await clerk.organizationPermissions.getOrganizationPermissionList({ limit: 50 })).data;
  ids.sysPerm = perms.find((p) => p.key === "org:sys_profile:manage")!.id;
  ids.customPerm = perms.find((p) => p.key === "org:billing:read")!.id;
  ids.memberPerm = perms.find((p) => p.key === "org:sys_memberships:read")!.id;
});
afterAll(() => h.stop());

const big = { blob: "x".repeat(8300) };
type Case = [method: string, path: string, body: unknown, status: number, code: string, template?: string];

/** Every case is refused with Clerk's error shape and leaves the state exactly as it was. */
function cases(): Case[] {
  const o = `/v1/organizations/${ids.org}`;
  const m = `${o}/memberships`;
  const i = `${o}/invitations`;
  return [
    // Organizations
    ["POST", "/v1/organizations", "[1,2]", 400, "malformed_request"],
    ["POST", "/v1/organizations", "{not json", 400, "malformed_request"],
    ["POST", "/v1/organizations", { name: 5 }, 422, "form_param_value_invalid", "/organizations"],
    ["POST", "/v1/organizations", { slug: "no-name" }, 422, "form_param_missing", "/organizations"],
    [
      "POST",
      "/v1/organizations",
      { name: "A", slug: "target" },
      422,
      "form_identifier_exists",
      "/organizations",
    ],
    ["POST", "/v1/organizations", { name: "A", slug: "Bad Slug" }, 422, "form_param_format_invalid"],
    ["POST", "/v1/organizations", { name: "A", public_metadata: "x" }, 422, "form_param_value_invalid"],
    [
      "POST",
      "/v1/organizations",
      { name: "A", private_metadata: big },
      422,
      "form_param_exceeds_allowed_size",
    ],
    ["POST", "/v1/organizations", { name: "A", created_at: "yesterday" }, 422, "form_param_invalid_time"],
    [
      "POST",
      "/v1/organizations",
      { name: "A", max_allowed_memberships: -1 },
      422,
      "form_param_value_invalid",
    ],
    [
      "POST",
      "/v1/organizations",
      { name: "A", created_by: "user_nope" },
      400,
      "organization_creator_not_found",
    ],
    [
      "GET",
      "/v1/organizations?include_members_count=maybe",
      undefined,
      422,
      "form_param_value_invalid",
      "/organizations",
    ],
    ["GET", "/v1/organizations?limit=0", undefined, 422, "form_param_value_invalid"],
    [
      "GET",
      "/v1/organizations/org_nope",
      undefined,
      404,
      "resource_not_found",
      "/organizations/{organization_id}",
    ],
    ["PATCH", o, { name: 3 }, 422, "form_param_value_invalid", "/organizations/{organization_id}"],
    ["PATCH", o, { admin_delete_enabled: "yes" }, 422, "form_param_value_invalid"],
    ["PATCH", o, { slug: "full" }, 422, "form_identifier_exists"],
    ["PATCH", o, { name: "Ok", private_metadata: {} }, 422, "form_param_unknown"],
    ["PATCH", "/v1/organizations/org_nope", { name: "x" }, 404, "resource_not_found"],
    [
      "DELETE",
      "/v1/organizations/org_nope",
      undefined,
      404,
      "resource_not_found",
      "/organizations/{organization_id}",
    ],
    [
      "PATCH",
      `${o}/metadata`,
      { public_metadata: [] },
      422,
      "form_param_value_invalid",
      "/organizations/{organization_id}/metadata",
    ],
    [
      "PATCH",
      `${o}/metadata`,
      { public_metadata: { ok: 1 }, private_metadata: big },
      422,
      "form_param_exceeds_allowed_size",
    ],
    ["PATCH", `${o}/metadata`, { unsafe_metadata: {} }, 422, "form_param_unknown"],
    ["PATCH", "/v1/organizations/org_nope/metadata", { public_metadata: {} }, 404, "resource_not_found"],
    ["PUT", `${o}/metadata`, { public_metadata: big }, 422, "form_param_exceeds_allowed_size"],
    ["PUT", `${o}/logo`, { file: "x" }, 400, "form_param_missing", "/organizations/{organization_id}/logo"],
    ["PUT", "/v1/organizations/org_nope/logo", { file: "x" }, 404, "resource_not_found"],
    ["DELETE", `${o}/logo`, undefined, 404, "image_not_found", "/organizations/{organization_id}/logo"],
    ["GET", "/v1/organizations/org_nope/billing/credits", undefined, 404, "resource_not_found"],
    ["GET", `${o}/billing/subscription`, undefined, 404, "subscription_not_found"],
    [
      "POST",
      `${o}/billing/credits`,
      { amount: "5", action: "increase", idempotency_key: "k" },
      422,
      "invalid_credit_amount",
    ],
    [
      "POST",
      `${o}/billing/credits`,
      { amount: 5, action: "double", idempotency_key: "k" },
      422,
      "invalid_credit_action",
    ],
    ["POST", `${o}/billing/credits`, { amount: 5, action: "increase" }, 422, "form_param_missing"],
    // Memberships
    [
      "POST",
      m,
      { role: "org:member" },
      422,
      "form_param_missing",
      "/organizations/{organization_id}/memberships",
    ],
    ["POST", m, { user_id: ids.member, role: 7 }, 422, "form_param_value_invalid"],
    ["POST", m, { user_id: "user_nope", role: "org:member" }, 404, "resource_not_found"],
    ["POST", m, { user_id: ids.member, role: "member" }, 404, "resource_not_found"],
    ["POST", m, { user_id: ids.viewer, role: "org:member" }, 400, "already_a_member_in_organization"],
    [
      "POST",
      m,
      { user_id: ids.member, role: "org:member", public_metadata: big },
      422,
      "form_param_exceeds_allowed_size",
    ],
    [
      "POST",
      `/v1/organizations/${ids.full}/memberships`,
      { user_id: ids.member, role: "org:member" },
      403,
      "organization_membership_quota_exceeded",
    ],
    [
      "POST",
      "/v1/organizations/org_nope/memberships",
      { user_id: ids.member, role: "org:member" },
      404,
      "resource_not_found",
    ],
    ["GET", `${m}?order_by=age`, undefined, 422, "form_param_value_invalid"],
    ["GET", `${m}?created_at_before=soon`, undefined, 422, "form_param_value_invalid"],
    ["GET", "/v1/organizations/org_nope/memberships", undefined, 404, "resource_not_found"],
    [
      "PATCH",
      `${m}/${ids.viewer}`,
      {},
      422,
      "form_param_missing",
      "/organizations/{organization_id}/memberships/{user_id}",
    ],
    ["PATCH", `${m}/${ids.viewer}`, { role: "org:nope" }, 404, "resource_not_found"],
    ["PATCH", `${m}/${ids.member}`, { role: "org:admin" }, 404, "resource_not_found"],
    ["PATCH", `${m}/${ids.admin}`, { role: "org:member" }, 400, "organization_minimum_permissions_needed"],
    ["DELETE", `${m}/${ids.member}`, undefined, 404, "resource_not_found"],
    ["PATCH", `${m}/${ids.viewer}/metadata`, { public_metadata: 1 }, 422, "form_param_value_invalid"],
    [
      "PATCH",
      `${m}/${ids.viewer}/metadata`,
      { private_metadata: big },
      422,
      "form_param_exceeds_allowed_size",
    ],
    [
      "GET",
      "/v1/organization_memberships?limit=x",
      undefined,
      422,
      "form_param_value_invalid",
      "/organization_memberships",
    ],
    ["GET", "/v1/users/user_nope/organization_memberships", undefined, 404, "resource_not_found"],
    [
      "GET",
      `/v1/users/${ids.admin}/organization_memberships?offset=-1`,
      undefined,
      422,
      "form_param_value_invalid",
    ],
    // Invitations
    [
      "POST",
      i,
      { email_address: "nope", role: "org:member" },
      422,
      "form_param_format_invalid",
      "/organizations/{organization_id}/invitations",
    ],
    ["POST", i, { email_address: "a@example.org" }, 422, "form_param_missing"],
    ["POST", i, { email_address: "a@example.org", role: "org:nope" }, 404, "resource_not_found"],
    [
      "POST",
      i,
      { email_address: "pending@example.org", role: "org:member" },
      400,
      "organization_invitation_not_unique",
    ],
    [
      "POST",
      i,
      { email_address: "viewer@example.com", role: "org:member" },
      400,
      "already_a_member_in_organization",
    ],
    [
      "POST",
      i,
      { email_address: "a@example.org", role: "org:member", inviter_user_id: "user_nope" },
      404,
      "resource_not_found",
    ],
    [
      "POST",
      i,
      { email_address: "a@example.org", role: "org:member", inviter_user_id: ids.viewer },
      403,
      "missing_organization_permission",
    ],
    [
      "POST",
      i,
      { email_address: "a@example.org", role: "org:member", expires_in_days: 0 },
      422,
      "form_param_value_invalid",
    ],
    [
      "POST",
      i,
      { email_address: "a@example.org", role: "org:member", private_metadata: big },
      422,
      "form_param_exceeds_allowed_size",
    ],
    [
      "POST",
      `/v1/organizations/${ids.full}/invitations`,
      { email_address: "a@example.org", role: "org:member" },
      403,
      "organization_membership_quota_exceeded",
    ],
    [
      "POST",
      `${i}/bulk`,
      { email_address: "a@example.org", role: "org:member" },
      422,
      "form_param_value_invalid",
      "/organizations/{organization_id}/invitations/bulk",
    ],
    [
      "POST",
      `${i}/bulk`,
      [
        { email_address: "ok@example.org", role: "org:member" },
        { email_address: "bad", role: "org:member" },
      ],
      422,
      "form_param_format_invalid",
    ],
    ["GET", `${i}?status=lost`, undefined, 422, "form_param_value_invalid"],
    ["GET", "/v1/organizations/org_nope/invitations", undefined, 404, "resource_not_found"],
    [
      "GET",
      `${i}/orginv_nope`,
      undefined,
      404,
      "resource_not_found",
      "/organizations/{organization_id}/invitations/{invitation_id}",
    ],
    ["POST", `${i}/orginv_nope/revoke`, {}, 404, "resource_not_found"],
    ["POST", `${i}/${ids.inv}/revoke`, { requesting_user_id: 5 }, 422, "form_param_value_invalid"],
    [
      "POST",
      `${i}/${ids.inv}/revoke`,
      { requesting_user_id: ids.viewer },
      403,
      "missing_organization_permission",
    ],
    ["GET", "/v1/organization_invitations?status=lost", undefined, 422, "form_param_value_invalid"],
    [
      "GET",
      `/v1/users/${ids.admin}/organization_invitations?status=lost`,
      undefined,
      422,
      "form_param_value_invalid",
    ],
    // Roles
    ["POST", "/v1/organization_roles", { key: "org:x" }, 422, "form_param_missing", "/organization_roles"],
    ["POST", "/v1/organization_roles", { name: "X", key: "x" }, 422, "form_param_format_invalid"],
    ["POST", "/v1/organization_roles", { name: "X", key: "org:billing" }, 422, "form_identifier_exists"],
    [
      "POST",
      "/v1/organization_roles",
      { name: "X", key: "org:x", permissions: "all" },
      422,
      "form_param_value_invalid",
    ],
    [
      "POST",
      "/v1/organization_roles",
      { name: "X", key: "org:x", permissions: ["perm_nope"] },
      404,
      "resource_not_found",
    ],
    ["POST", "/v1/organization_roles", { name: "X", key: "org:x", color: "red" }, 422, "form_param_unknown"],
    [
      "GET",
      "/v1/organization_roles/role_nope",
      undefined,
      404,
      "resource_not_found",
      "/organization_roles/{organization_role_id}",
    ],
    ["PATCH", `/v1/organization_roles/${ids.billingRole}`, { name: 5 }, 422, "form_param_value_invalid"],
    [
      "PATCH",
      `/v1/organization_roles/${ids.billingRole}`,
      { key: "org:admin" },
      422,
      "form_identifier_exists",
    ],
    [
      "PATCH",
      `/v1/organization_roles/${ids.adminRole}`,
      { permissions: [ids.memberPerm] },
      422,
      "organization_missing_creator_role_permissions",
    ],
    ["PATCH", "/v1/organization_roles/role_nope", { name: "x" }, 404, "resource_not_found"],
    ["DELETE", "/v1/organization_roles/role_nope", undefined, 404, "resource_not_found"],
    [
      "DELETE",
      `/v1/organization_roles/${ids.adminRole}`,
      undefined,
      422,
      "organization_role_default_creator_role",
    ],
    [
      "POST",
      `/v1/organization_roles/${ids.billingRole}/permissions/perm_nope`,
      undefined,
      404,
      "resource_not_found",
    ],
    [
      "POST",
      `/v1/organization_roles/role_nope/permissions/${ids.customPerm}`,
      undefined,
      404,
      "resource_not_found",
    ],
    [
      "POST",
      `/v1/organization_roles/${ids.billingRole}/permissions/${ids.customPerm}`,
      undefined,
      409,
      "organization_role_permission_association_exists",
    ],
    [
      "DELETE",
      `/v1/organization_roles/${ids.billingRole}/permissions/${ids.sysPerm}`,
      undefined,
      404,
      "organization_role_permission_association_not_found",
    ],
    // Permissions
    [
      "POST",
      "/v1/organization_permissions",
      { name: "X", key: "org:sys_x:read" },
      422,
      "form_param_format_invalid",
      "/organization_permissions",
    ],
    [
      "POST",
      "/v1/organization_permissions",
      { name: "X", key: "org:billing:read" },
      422,
      "form_identifier_exists",
    ],
    ["POST", "/v1/organization_permissions", { key: "org:x:read" }, 422, "form_param_missing"],
    ["GET", "/v1/organization_permissions/perm_nope", undefined, 404, "resource_not_found"],
    [
      "PATCH",
      `/v1/organization_permissions/${ids.sysPerm}`,
      { name: "x" },
      403,
      "organization_system_permission_not_modifiable",
    ],
    [
      "PATCH",
      `/v1/organization_permissions/${ids.customPerm}`,
      { key: "billing" },
      422,
      "form_param_format_invalid",
    ],
    [
      "DELETE",
      `/v1/organization_permissions/${ids.sysPerm}`,
      undefined,
      403,
      "organization_system_permission_not_modifiable",
    ],
    ["DELETE", "/v1/organization_permissions/perm_nope", undefined, 404, "resource_not_found"],
    // Users' organization filter
    [
      "GET",
      `/v1/users?${Array.from({ length: 101 }, (_, n) => `organization_id=org_${n}`).join("&")}`,
      undefined,
      422,
      "form_param_array_size_exceeded",
    ],
  ];
}

describe("bad input on every organization endpoint", () => {
  it("gets Clerk's 4xx error shape and writes nothing", async () => {
    const all = cases();
    expect(all.length).toBeGreaterThan(90);
    for (const [method, path, body, status, code, template] of all) {
      const before = JSON.stringify(h.state.snapshot());
      const revision = h.state.revision;
      const r = await raw(h, method, path, body);
      const label = `${method} ${path} ${JSON.stringify(body)?.slice(0, 80)}`;
      expect([r.status, r.json?.errors?.[0]?.code], label).toEqual([status, code]);
      expect(r.contentType).toBe("application/json");
      expect(typeof r.json.errors[0].long_message, label).toBe("string");
      expect(typeof r.json.clerk_trace_id).toBe("string");
      if (template) assertConforms(r.json, method, template, status);
      expect(h.state.revision, label).toBe(revision);
      expect(JSON.stringify(h.state.snapshot()), label).toBe(before);
    }
  });
});
