import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clerkErrorOf, raw, sdk, startTestClerk } from "@/test/support/local-clerk";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;
let clerk: ReturnType<typeof sdk>;

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 60 });
  clerk = sdk(h);
});
afterAll(() => h.stop());

const SYSTEM = [
  "org:sys_profile:manage",
  "org:sys_profile:delete",
  "org:sys_memberships:read",
  "org:sys_memberships:manage",
  "org:sys_domains:read",
  "org:sys_domains:manage",
  "org:sys_billing:read",
  "org:sys_billing:manage",
  "org:sys_entconns:manage",
];

describe("organization roles and permissions via the real @clerk/backend client", () => {
  it("has Clerk's defaults: org:admin with every system permission, org:member with read members/billing", async () => {
    const roles = await clerk.organizationRoles.getOrganizationRoleList({ orderBy: "+key" });
    const byKey = new Map(roles.data.map((r) => [r.key, r]));
    expect(byKey.get("org:admin")?.permissions.map((p) => p.key)).toEqual(SYSTEM);
    expect(byKey.get("org:admin")?.isCreatorEligible).toBe(true);
    expect(byKey.get("org:member")?.permissions.map((p) => p.key)).toEqual([
      "org:sys_memberships:read",
      "org:sys_billing:read",
    ]);
    // The seed's custom role.
    expect(byKey.get("org:billing")?.permissions.map((p) => p.key)).toContain("org:billing:manage");
    const perms = await clerk.organizationPermissions.getOrganizationPermissionList({
      query: "sys_",
      limit: 50,
    });
    expect(perms.totalCount).toBe(9);
    expect((await raw(h, "GET", "/v1/organization_permissions?query=sys_&limit=1")).json.data[0].type).toBe(
      "system",
    );
  });

  it("creates, reads, updates and deletes custom permissions; system ones cannot change", async () => {
    const p = await clerk.organizationPermissions.createOrganizationPermission({
      name: "Export reports",
      key: "org:reports:export",
      description: "Download CSV",
    });
    expect([p.key, p.name, p.description]).toEqual(["org:reports:export", "Export reports", "Download CSV"]);
    expect((await clerk.organizationPermissions.getOrganizationPermission(p.id)).key).toBe(
      "org:reports:export",
    );
    const renamed = await clerk.organizationPermissions.updateOrganizationPermission({
      permissionId: p.id,
      name: "Export",
    });
    expect(renamed.name).toBe("Export");
    for (const key of ["reports:export", "org:sys_reports:x", "org:Reports:x", "org:a:b:c"]) {
      const err = await clerkErrorOf(
        clerk.organizationPermissions.createOrganizationPermission({ name: "x", key }),
      );
      expect([err.status, err.errors[0]?.code], key).toEqual([422, "form_param_format_invalid"]);
    }
    const dup = await clerkErrorOf(
      clerk.organizationPermissions.createOrganizationPermission({ name: "x", key: p.key }),
    );
    expect(dup.errors[0]?.code).toBe("form_identifier_exists");
    const sys = (
      await clerk.organizationPermissions.getOrganizationPermissionList({ query: "org:sys_profile:delete" })
    ).data[0]!;
    const locked = await clerkErrorOf(clerk.organizationPermissions.deleteOrganizationPermission(sys.id));
    expect([locked.status, locked.errors[0]?.code]).toEqual([
      403,
      "organization_system_permission_not_modifiable",
    ]);

    // Deleting a permission takes it off every role that had it.
    const role = await clerk.organizationRoles.createOrganizationRole({
      name: "Reporter",
      key: "org:reporter",
      permissions: [p.id],
    });
    await clerk.organizationPermissions.deleteOrganizationPermission(p.id);
    expect((await clerk.organizationRoles.getOrganizationRole(role.id)).permissions).toEqual([]);
    expect((await clerkErrorOf(clerk.organizationPermissions.getOrganizationPermission(p.id))).status).toBe(
      404,
    );
    await clerk.organizationRoles.deleteOrganizationRole(role.id);
  });

  it("creates custom roles, assigns and removes permissions, and guards the creator role", async () => {
    const read = await clerk.organizationPermissions.createOrganizationPermission({
      name: "Read docs",
      key: "org:docs:read",
    });
    const role = await clerk.organizationRoles.createOrganizationRole({
      name: "Docs reader",
      key: "org:docs_reader",
      description: "Reads the docs",
      permissions: [],
    });
    expect([role.key, role.description, role.permissions]).toEqual(["org:docs_reader", "Reads the docs", []]);
    const assigned = await clerk.organizationRoles.assignPermissionToOrganizationRole({
      organizationRoleId: role.id,
      permissionId: read.id,
    });
    expect(assigned.permissions.map((x) => x.key)).toEqual(["org:docs:read"]);
    const twice = await clerkErrorOf(
      clerk.organizationRoles.assignPermissionToOrganizationRole({
        organizationRoleId: role.id,
        permissionId: read.id,
      }),
    );
    expect([twice.status, twice.errors[0]?.code]).toEqual([
      409,
      "organization_role_permission_association_exists",
    ]);
    const removed = await clerk.organizationRoles.removePermissionFromOrganizationRole({
      organizationRoleId: role.id,
      permissionId: read.id,
    });
    expect(removed.permissions).toEqual([]);
    const unknownPerm = await clerkErrorOf(
      clerk.organizationRoles.createOrganizationRole({ name: "x", key: "org:x", permissions: ["perm_nope"] }),
    );
    expect(unknownPerm.status).toBe(404);
    const badKey = await clerkErrorOf(
      clerk.organizationRoles.createOrganizationRole({ name: "x", key: "reader" }),
    );
    expect(badKey.errors[0]?.code).toBe("form_param_format_invalid");
    const dupKey = await clerkErrorOf(
      clerk.organizationRoles.createOrganizationRole({ name: "x", key: "org:member" }),
    );
    expect(dupKey.errors[0]?.code).toBe("form_identifier_exists");

    const admin = (await clerk.organizationRoles.getOrganizationRoleList({ query: "org:admin" })).data[0]!;
    const manage = admin.permissions.find((x) => x.key === "org:sys_memberships:manage")!;
    const strip = await clerkErrorOf(
      clerk.organizationRoles.removePermissionFromOrganizationRole({
        organizationRoleId: admin.id,
        permissionId: manage.id,
      }),
    );
    expect([strip.status, strip.errors[0]?.code]).toEqual([
      422,
      "organization_missing_creator_role_permissions",
    ]);
    const del = await clerkErrorOf(clerk.organizationRoles.deleteOrganizationRole(admin.id));
    expect(del.errors[0]?.code).toBe("organization_role_default_creator_role");
    expect((await clerk.organizationRoles.getOrganizationRole(admin.id)).permissions).toHaveLength(9);
  });

  it("renaming a role key carries over to members and invitations; a role in use cannot be deleted", async () => {
    const role = await clerk.organizationRoles.createOrganizationRole({ name: "Editor", key: "org:editor" });
    const adminId = h.state.findUserByEmail("admin@example.com")!.id;
    const viewerId = h.state.findUserByEmail("viewer@example.com")!.id;
    const org = await clerk.organizations.createOrganization({ name: "Editors", createdBy: adminId });
    await clerk.organizations.createOrganizationMembership({
      organizationId: org.id,
      userId: viewerId,
      role: "org:editor",
    });
    const inUse = await clerkErrorOf(clerk.organizationRoles.deleteOrganizationRole(role.id));
    expect([inUse.status, inUse.errors[0]?.code]).toEqual([422, "organization_role_assigned_members"]);
    await clerk.organizationRoles.updateOrganizationRole({
      organizationRoleId: role.id,
      key: "org:writer",
      name: "Writer",
    });
    const m = (
      await clerk.organizations.getOrganizationMembershipList({
        organizationId: org.id,
        role: ["org:writer"],
      })
    ).data[0];
    expect(m?.role).toBe("org:writer");
    const rawList = await raw(h, "GET", `/v1/organizations/${org.id}/memberships?role=org:writer`);
    expect(rawList.json.data[0].role_name).toBe("Writer");
    await clerk.organizations.deleteOrganizationMembership({ organizationId: org.id, userId: viewerId });
    const inv = await clerk.organizations.createOrganizationInvitation({
      organizationId: org.id,
      emailAddress: "writer@example.org",
      role: "org:writer",
    });
    const pending = await clerkErrorOf(clerk.organizationRoles.deleteOrganizationRole(role.id));
    expect(pending.errors[0]?.code).toBe("organization_role_exists_in_invitations");
    await clerk.organizations.revokeOrganizationInvitation({ organizationId: org.id, invitationId: inv.id });
    expect((await clerk.organizationRoles.deleteOrganizationRole(role.id)).deleted).toBe(true);
  });

  it("allows 10 custom roles per instance, then answers Clerk's quota error", async () => {
    const custom = () =>
      [...h.state.organizations.roles.roles.values()].filter(
        (r) => !["org:admin", "org:member"].includes(r.key),
      );
    for (let i = custom().length; i < 10; i++) {
      await clerk.organizationRoles.createOrganizationRole({ name: `Role ${i}`, key: `org:quota_${i}` });
    }
    const over = await clerkErrorOf(
      clerk.organizationRoles.createOrganizationRole({ name: "One more", key: "org:one_more" }),
    );
    expect([over.status, over.errors[0]?.code]).toEqual([403, "organization_instance_roles_quota_exceeded"]);
    expect(custom()).toHaveLength(10);
  });
});
