import { expect } from "vitest";
import type { LocalClerkHandle } from "../../local-clerk/src/index";
import { assertConforms, raw, sdk } from "./local-clerk";

/** `[method, path, body, status, code, spec template?]`: a request Clerk must refuse. */
export type BadInputCase = [
  method: string,
  path: string,
  body: unknown,
  status: number,
  code: string,
  template?: string,
];

export const BIG_METADATA = { blob: "x".repeat(8300) };

/**
 * An organization "Target" (slug `target`, admin@ creator, viewer@ member, one pending invitation),
 * a full one (`max_allowed_memberships: 1`) and the ids of roles and permissions the cases name.
 */
export async function badInputFixture(h: LocalClerkHandle): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
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
  return ids;
}

/** Each case gets Clerk's error envelope (and the spec's schema when a template is given) and writes nothing. */
export async function assertRefusedWithoutWrite(h: LocalClerkHandle, cases: BadInputCase[]): Promise<void> {
  for (const [method, path, body, status, code, template] of cases) {
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
}
