import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertConforms, clerkErrorOf, raw, sdk, startTestClerk } from "@/test/support/local-clerk";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;
let clerk: ReturnType<typeof sdk>;
let orgId: string;
let adminId: string;

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 100 });
  clerk = sdk(h);
  adminId = h.state.findUserByEmail("admin@example.com")!.id;
  orgId = (await clerk.organizations.createOrganization({ name: "Inviting Co", createdBy: adminId })).id;
});
afterAll(() => h.stop());

describe("organization invitations via the real @clerk/backend client", () => {
  it("creates one with role, inviter, metadata, redirect and expiry", async () => {
    const inv = await clerk.organizations.createOrganizationInvitation({
      organizationId: orgId,
      emailAddress: "first.invitee@example.org",
      role: "org:billing",
      inviterUserId: adminId,
      publicMetadata: { seat: "finance" },
      privateMetadata: { referral: "crm" },
      redirectUrl: "http://localhost:3000/welcome",
      expiresInDays: 7,
    });
    expect(inv.id).toMatch(/^orginv_/);
    expect([inv.status, inv.role, inv.roleName, inv.organizationId]).toEqual([
      "pending",
      "org:billing",
      "Billing",
      orgId,
    ]);
    expect(inv.publicMetadata).toEqual({ seat: "finance" });
    expect(inv.privateMetadata).toEqual({ referral: "crm" });
    expect(inv.url).toContain("redirect_url=http%3A%2F%2Flocalhost%3A3000%2Fwelcome");
    expect((inv.expiresAt as number) - inv.createdAt).toBe(7 * 24 * 3600 * 1000);
    const got = await clerk.organizations.getOrganizationInvitation({
      organizationId: orgId,
      invitationId: inv.id,
    });
    expect(got.id).toBe(inv.id);
    const rawGot = await raw(h, "GET", `/v1/organizations/${orgId}/invitations/${inv.id}`);
    expect(rawGot.json.public_inviter_data).toMatchObject({
      user_id: adminId,
      identifier: "admin@example.com",
    });
  });

  it("refuses a duplicate pending invitation, a member's email, a non-admin inviter and an unknown role", async () => {
    const dup = await clerkErrorOf(
      clerk.organizations.createOrganizationInvitation({
        organizationId: orgId,
        emailAddress: "FIRST.invitee@example.org",
        role: "org:member",
      }),
    );
    expect([dup.status, dup.errors[0]?.code]).toEqual([400, "organization_invitation_not_unique"]);
    const member = await clerkErrorOf(
      clerk.organizations.createOrganizationInvitation({
        organizationId: orgId,
        emailAddress: "admin@example.com",
        role: "org:member",
      }),
    );
    expect(member.errors[0]?.code).toBe("already_a_member_in_organization");
    const viewer = h.state.findUserByEmail("viewer@example.com")!;
    const outsider = await clerkErrorOf(
      clerk.organizations.createOrganizationInvitation({
        organizationId: orgId,
        emailAddress: "someone@example.org",
        role: "org:member",
        inviterUserId: viewer.id,
      }),
    );
    expect([outsider.status, outsider.errors[0]?.code]).toEqual([403, "not_a_member_in_organization"]);
    const role = await clerkErrorOf(
      clerk.organizations.createOrganizationInvitation({
        organizationId: orgId,
        emailAddress: "someone@example.org",
        role: "member",
      }),
    );
    expect([role.status, role.errors[0]?.longMessage]).toEqual([404, "Organization role not found"]);
    const unknownOrg = await clerkErrorOf(
      clerk.organizations.createOrganizationInvitation({
        organizationId: "org_nope",
        emailAddress: "someone@example.org",
        role: "org:member",
      }),
    );
    expect(unknownOrg.status).toBe(404);
    expect(
      (await raw(h, "GET", "/v1/organization_invitations?query=someone@example.org")).json.total_count,
    ).toBe(0);
  });

  it("bulk-creates 1..10 all or nothing", async () => {
    const ok = await clerk.organizations.createOrganizationInvitationBulk(orgId, [
      { emailAddress: "bulk.one@example.org", role: "org:member" },
      { emailAddress: "bulk.two@example.org", role: "org:admin", inviterUserId: adminId },
    ]);
    expect(ok.data.map((i) => i.emailAddress)).toEqual(["bulk.one@example.org", "bulk.two@example.org"]);
    const before = h.state.organizations.invitations.pendingCount(orgId);
    const refused = await clerkErrorOf(
      clerk.organizations.createOrganizationInvitationBulk(orgId, [
        { emailAddress: "bulk.three@example.org", role: "org:member" },
        { emailAddress: "bulk.three@example.org", role: "org:member" },
      ]),
    );
    expect(refused.errors[0]?.code).toBe("organization_invitation_not_unique");
    const badRole = await clerkErrorOf(
      clerk.organizations.createOrganizationInvitationBulk(orgId, [
        { emailAddress: "bulk.four@example.org", role: "org:member" },
        { emailAddress: "bulk.five@example.org", role: "org:unknown" },
      ]),
    );
    expect(badRole.status).toBe(404);
    const eleven = Array.from({ length: 11 }, (_, i) => ({
      email_address: `b${i}@example.org`,
      role: "org:member",
    }));
    expect((await raw(h, "POST", `/v1/organizations/${orgId}/invitations/bulk`, eleven)).status).toBe(422);
    expect(h.state.organizations.invitations.pendingCount(orgId)).toBe(before);
  });

  it("lists per organization (status, email_address, order), pending, instance-wide and per user", async () => {
    const list = await clerk.organizations.getOrganizationInvitationList({
      organizationId: orgId,
      status: ["pending"],
    });
    expect(list.totalCount).toBe(h.state.organizations.invitations.pendingCount(orgId));
    const one = await raw(
      h,
      "GET",
      `/v1/organizations/${orgId}/invitations?email_address=bulk.two@example.org`,
    );
    expect(one.json.data.map((i: { role: string }) => i.role)).toEqual(["org:admin"]);
    const byEmail = await raw(h, "GET", `/v1/organizations/${orgId}/invitations?order_by=%2Bemail_address`);
    const emails = byEmail.json.data.map((i: { email_address: string }) => i.email_address);
    expect(emails).toEqual([...emails].sort());
    const pending = await raw(h, "GET", `/v1/organizations/${orgId}/invitations/pending?limit=1`);
    expect([pending.json.data.length, pending.json.total_count]).toEqual([1, list.totalCount]);
    const instance = await raw(h, "GET", "/v1/organization_invitations?query=bulk.&status=pending");
    expect(instance.json.total_count).toBe(2);
    expect(instance.json.data[0].public_organization_data).toMatchObject({ id: orgId, name: "Inviting Co" });

    // A user's invitations are the ones sent to any of their email addresses.
    const viewer = h.state.findUserByEmail("viewer@example.com")!;
    const inv = await clerk.organizations.createOrganizationInvitation({
      organizationId: orgId,
      emailAddress: "viewer@example.com",
      role: "org:member",
    });
    const theirs = await clerk.users.getOrganizationInvitationList({ userId: viewer.id, status: "pending" });
    expect(theirs.data.map((i) => i.id)).toContain(inv.id);
    assertConforms(
      (await raw(h, "GET", `/v1/users/${viewer.id}/organization_invitations`)).json,
      "GET",
      "/users/{user_id}/organization_invitations",
      200,
    );
  });

  it("revokes once (only an admin may ask), then refuses; an expired invitation reads as expired", async () => {
    const inv = await clerk.organizations.createOrganizationInvitation({
      organizationId: orgId,
      emailAddress: "revoke.me@example.org",
      role: "org:member",
    });
    const viewer = h.state.findUserByEmail("viewer@example.com")!;
    const notAdmin = await clerkErrorOf(
      clerk.organizations.revokeOrganizationInvitation({
        organizationId: orgId,
        invitationId: inv.id,
        requestingUserId: viewer.id,
      }),
    );
    expect(notAdmin.status).toBe(403);
    const revoked = await clerk.organizations.revokeOrganizationInvitation({
      organizationId: orgId,
      invitationId: inv.id,
      requestingUserId: adminId,
    });
    expect(revoked.status).toBe("revoked");
    const again = await clerkErrorOf(
      clerk.organizations.revokeOrganizationInvitation({ organizationId: orgId, invitationId: inv.id }),
    );
    expect([again.status, again.errors[0]?.code]).toEqual([400, "organization_invitation_revoked_code"]);
    const otherOrg = (await clerk.organizations.getOrganization({ slug: "acme-corp" })).id;
    const wrongOrg = await clerkErrorOf(
      clerk.organizations.getOrganizationInvitation({ organizationId: otherOrg, invitationId: inv.id }),
    );
    expect(wrongOrg.status).toBe(404);

    const soon = await clerk.organizations.createOrganizationInvitation({
      organizationId: orgId,
      emailAddress: "expiring@example.org",
      role: "org:member",
      expiresInDays: 1,
    });
    h.state.clock.offsetMs = 2 * 24 * 3600 * 1000;
    try {
      const got = await clerk.organizations.getOrganizationInvitation({
        organizationId: orgId,
        invitationId: soon.id,
      });
      expect(got.status).toBe("expired");
      const expired = await clerkErrorOf(
        clerk.organizations.revokeOrganizationInvitation({ organizationId: orgId, invitationId: soon.id }),
      );
      expect(expired.errors[0]?.code).toBe("organization_invitation_not_pending");
    } finally {
      h.state.clock.offsetMs = 0;
    }
  });
});
