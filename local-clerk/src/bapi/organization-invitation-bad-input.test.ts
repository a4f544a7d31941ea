import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestClerk } from "@/test/support/local-clerk";
import {
  assertRefusedWithoutWrite,
  type BadInputCase,
  badInputFixture,
  BIG_METADATA as big,
} from "@/test/support/org-bad-input";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;
let ids: Record<string, string>;

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 40 });
  ids = await badInputFixture(h);
});
afterAll(() => h.stop());

function cases(): BadInputCase[] {
  const o = `/v1/organizations/${ids.org}`;
  const i = `${o}/invitations`;
  return [
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
  ];
}

describe("bad input on the organization invitation, role and permission endpoints", () => {
  it("gets Clerk's 4xx error shape and writes nothing", async () => {
    const all = cases();
    expect(all.length).toBeGreaterThan(40);
    await assertRefusedWithoutWrite(h, all);
  });
});
