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
  const m = `${o}/memberships`;
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

describe("bad input on the organization and membership endpoints", () => {
  it("gets Clerk's 4xx error shape and writes nothing", async () => {
    const all = cases();
    expect(all.length).toBeGreaterThan(45);
    await assertRefusedWithoutWrite(h, all);
  });
});
