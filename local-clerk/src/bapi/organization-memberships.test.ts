import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clerkErrorOf, raw, sdk, startTestClerk } from "@/test/support/local-clerk";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;
let clerk: ReturnType<typeof sdk>;

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 300 });
  clerk = sdk(h);
});
afterAll(() => h.stop());

const user = (email: string) => h.state.findUserByEmail(email)!;
/** Seeded users who belong to no organization, in seed order. */
function loners(n: number) {
  const out = [];
  for (const u of h.state.users.all()) {
    if (h.state.organizations.memberships.ofUser(u.id).size === 0 && u.emails.length > 0) out.push(u);
    if (out.length === n) break;
  }
  return out;
}

describe("organization memberships via the real @clerk/backend client", () => {
  it("adds members with roles and metadata, keeps members_count, changes roles, merges metadata, removes", async () => {
    const [a, b] = loners(2);
    const org = await clerk.organizations.createOrganization({ name: "Members Inc", createdBy: a!.id });
    // The SDK's createOrganizationMembership takes no metadata; the same POST raw, then read back through it.
    const created = await raw(h, "POST", `/v1/organizations/${org.id}/memberships`, {
      user_id: b!.id,
      role: "org:billing",
      public_metadata: { team: "finance" },
      private_metadata: { cost_center: 7 },
    });
    expect(created.status).toBe(200);
    const m = (
      await clerk.organizations.getOrganizationMembershipList({ organizationId: org.id, userId: [b!.id] })
    ).data[0]!;
    expect(m.publicMetadata).toEqual({ team: "finance" });
    expect(m.role).toBe("org:billing");
    expect(m.permissions).toEqual(
      expect.arrayContaining(["org:billing:read", "org:billing:manage", "org:sys_billing:manage"]),
    );
    expect(m.publicUserData?.identifier).toBe(b!.emails[0]?.email_address);
    expect(m.organization.membersCount).toBe(2);
    expect(
      (await raw(h, "GET", `/v1/organizations/${org.id}?include_members_count=true`)).json.members_count,
    ).toBe(2);

    const promoted = await clerk.organizations.updateOrganizationMembership({
      organizationId: org.id,
      userId: b!.id,
      role: "org:admin",
    });
    expect([promoted.role, promoted.permissions.length]).toEqual(["org:admin", 9]);
    const meta = await clerk.organizations.updateOrganizationMembershipMetadata({
      organizationId: org.id,
      userId: b!.id,
      publicMetadata: { team: null, desk: 4 },
    });
    expect(meta.publicMetadata).toEqual({ desk: 4 });
    expect(meta.privateMetadata).toEqual({ cost_center: 7 });

    const removed = await clerk.organizations.deleteOrganizationMembership({
      organizationId: org.id,
      userId: b!.id,
    });
    expect(removed.publicUserData?.userId).toBe(b!.id);
    const list = await clerk.organizations.getOrganizationMembershipList({ organizationId: org.id });
    expect([list.totalCount, list.data[0]?.publicUserData?.userId]).toEqual([1, a!.id]);
  });

  it("refuses an unknown or unprefixed role, a second membership and an unknown user, writing nothing", async () => {
    const [a, b] = loners(2);
    const org = await clerk.organizations.createOrganization({ name: "Strict Roles", createdBy: a!.id });
    for (const role of ["admin", "org:nope"]) {
      const err = await clerkErrorOf(
        clerk.organizations.createOrganizationMembership({ organizationId: org.id, userId: b!.id, role }),
      );
      expect([err.status, err.errors[0]?.code, err.errors[0]?.longMessage]).toEqual([
        404,
        "resource_not_found",
        "Organization role not found",
      ]);
    }
    const twice = await clerkErrorOf(
      clerk.organizations.createOrganizationMembership({
        organizationId: org.id,
        userId: a!.id,
        role: "org:member",
      }),
    );
    expect([twice.status, twice.errors[0]?.code]).toEqual([400, "already_a_member_in_organization"]);
    const ghost = await clerkErrorOf(
      clerk.organizations.createOrganizationMembership({
        organizationId: org.id,
        userId: "user_ghost",
        role: "org:member",
      }),
    );
    expect(ghost.status).toBe(404);
    const badRole = await clerkErrorOf(
      clerk.organizations.updateOrganizationMembership({
        organizationId: org.id,
        userId: a!.id,
        role: "org:nope",
      }),
    );
    expect(badRole.status).toBe(404);
    expect(h.state.organizations.memberships.count(org.id)).toBe(1);
    expect(h.state.organizations.memberships.get(org.id, a!.id)?.role).toBe("org:admin");
  });

  it("refuses members (and invitations) beyond max_allowed_memberships with Clerk's 403", async () => {
    const [a, b, c] = loners(3);
    const org = await clerk.organizations.createOrganization({
      name: "Tiny",
      createdBy: a!.id,
      maxAllowedMemberships: 2,
    });
    await clerk.organizations.createOrganizationMembership({
      organizationId: org.id,
      userId: b!.id,
      role: "org:member",
    });
    const full = await clerkErrorOf(
      clerk.organizations.createOrganizationMembership({
        organizationId: org.id,
        userId: c!.id,
        role: "org:member",
      }),
    );
    expect([full.status, full.errors[0]?.code]).toEqual([403, "organization_membership_quota_exceeded"]);
    const invite = await clerkErrorOf(
      clerk.organizations.createOrganizationInvitation({
        organizationId: org.id,
        emailAddress: "seat@example.org",
        role: "org:member",
      }),
    );
    expect(invite.errors[0]?.code).toBe("organization_membership_quota_exceeded");
    expect(h.state.organizations.memberships.count(org.id)).toBe(2);
    expect(h.state.organizations.invitations.pendingCount(org.id)).toBe(0);
    // Raising the limit frees the seat.
    await clerk.organizations.updateOrganization(org.id, { maxAllowedMemberships: 3 });
    await clerk.organizations.createOrganizationMembership({
      organizationId: org.id,
      userId: c!.id,
      role: "org:member",
    });
  });

  it("keeps at least one member who can manage members", async () => {
    const [a, b] = loners(2);
    const org = await clerk.organizations.createOrganization({ name: "Last Admin", createdBy: a!.id });
    const demote = await clerkErrorOf(
      clerk.organizations.updateOrganizationMembership({
        organizationId: org.id,
        userId: a!.id,
        role: "org:member",
      }),
    );
    expect([demote.status, demote.errors[0]?.code]).toEqual([400, "organization_minimum_permissions_needed"]);
    await clerk.organizations.createOrganizationMembership({
      organizationId: org.id,
      userId: b!.id,
      role: "org:admin",
    });
    const ok = await clerk.organizations.updateOrganizationMembership({
      organizationId: org.id,
      userId: a!.id,
      role: "org:member",
    });
    expect(ok.role).toBe("org:member");
  });

  it("filters an organization's members like Clerk's user list, and lists the instance's and a user's memberships", async () => {
    const acme = (await clerk.organizations.getOrganization({ slug: "acme-corp" })).id;
    const jane = user("jane@acme.com");
    const all = await clerk.organizations.getOrganizationMembershipList({ organizationId: acme, limit: 100 });
    expect(all.totalCount).toBe(h.state.organizations.memberships.count(acme));
    const byQuery = await clerk.organizations.getOrganizationMembershipList({
      organizationId: acme,
      query: "jane@acme",
    });
    expect(byQuery.data.map((m) => m.publicUserData?.userId)).toEqual([jane.id]);
    const byEmail = await clerk.organizations.getOrganizationMembershipList({
      organizationId: acme,
      emailAddress: ["JANE@acme.com", "nobody@example.org"],
    });
    expect(byEmail.totalCount).toBe(1);
    const admins = await clerk.organizations.getOrganizationMembershipList({
      organizationId: acme,
      role: ["org:admin"],
    });
    expect(admins.data.every((m) => m.role === "org:admin")).toBe(true);
    const notJane = await raw(
      h,
      "GET",
      `/v1/organizations/${acme}/memberships?user_id=-${jane.id}&limit=100`,
    );
    expect(notJane.json.total_count).toBe(all.totalCount - 1);
    const byMail = await clerk.organizations.getOrganizationMembershipList({
      organizationId: acme,
      orderBy: "+email_address",
      limit: 100,
    });
    const mails = byMail.data.map((m) => m.publicUserData?.identifier ?? "");
    expect(mails).toEqual([...mails].sort());

    const instance = await clerk.organizations.getInstanceOrganizationMembershipList({ limit: 7 });
    expect([instance.data.length, instance.totalCount]).toEqual([7, h.state.organizations.memberships.size]);
    const admin = user("admin@example.com");
    const mine = await clerk.users.getOrganizationMembershipList({ userId: admin.id });
    expect(mine.data.map((m) => m.organization.slug).sort()).toEqual(
      expect.arrayContaining(["acme-corp", "globex"]),
    );
    expect(
      (await clerkErrorOf(clerk.users.getOrganizationMembershipList({ userId: "user_ghost" }))).status,
    ).toBe(404);
  });

  it("filters GET /v1/users and /users/count by organization_id (+ and -), also with other filters", async () => {
    const acme = (await clerk.organizations.getOrganization({ slug: "acme-corp" })).id;
    const globex = (await clerk.organizations.getOrganization({ slug: "globex" })).id;
    const members = (id: string) => [...h.state.organizations.memberships.ofOrganization(id).keys()];
    const union = new Set([...members(acme), ...members(globex)]);
    const list = await clerk.users.getUserList({ organizationId: [acme, globex], limit: 500 });
    expect(list.totalCount).toBe(union.size);
    expect(new Set(list.data.map((u) => u.id))).toEqual(union);
    expect((await clerk.users.getUserList({ organizationId: [acme], limit: 1 })).totalCount).toBe(
      members(acme).length,
    );
    const jane = await clerk.users.getUserList({ organizationId: [acme], query: "jane@acme" });
    expect(jane.data.map((u) => u.emailAddresses[0]?.emailAddress)).toEqual(["jane@acme.com"]);
    const excluded = await raw(h, "GET", `/v1/users/count?organization_id=-${acme}`);
    expect(excluded.json.total_count).toBe(h.state.users.size - members(acme).length);
    const both = await raw(h, "GET", `/v1/users/count?organization_id=${acme}&organization_id=-${globex}`);
    expect(both.json.total_count).toBe(members(acme).filter((id) => !members(globex).includes(id)).length);
    expect((await raw(h, "GET", "/v1/users?organization_id=org_none")).json).toEqual([]);
    expect((await raw(h, "GET", "/v1/users/count?organization_id=org_none")).json.total_count).toBe(0);
    // The count follows membership changes (no stale cache).
    const [x] = loners(1);
    await clerk.organizations.createOrganizationMembership({
      organizationId: acme,
      userId: x!.id,
      role: "org:member",
    });
    expect((await clerk.users.getUserList({ organizationId: [acme], limit: 1 })).totalCount).toBe(
      members(acme).length,
    );
    const tooMany = Array.from({ length: 101 }, (_, i) => `organization_id=org_${i}`).join("&");
    expect((await raw(h, "GET", `/v1/users?${tooMany}`)).status).toBe(422);
  });

  it("removes a deleted user's memberships", async () => {
    const [a, b] = loners(2);
    const org = await clerk.organizations.createOrganization({ name: "Leavers", createdBy: a!.id });
    await clerk.organizations.createOrganizationMembership({
      organizationId: org.id,
      userId: b!.id,
      role: "org:member",
    });
    await clerk.users.deleteUser(b!.id);
    const left = await clerk.organizations.getOrganizationMembershipList({ organizationId: org.id });
    expect(left.data.map((m) => m.publicUserData?.userId)).toEqual([a!.id]);
    expect((await clerk.users.getUserList({ organizationId: [org.id], limit: 1 })).totalCount).toBe(1);
  });
});
