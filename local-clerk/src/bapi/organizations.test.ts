import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertConforms, clerkErrorOf, raw, sdk, startTestClerk } from "@/test/support/local-clerk";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;
let clerk: ReturnType<typeof sdk>;

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 200 });
  clerk = sdk(h);
});
afterAll(() => h.stop());

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);
const user = (email: string) => h.state.findUserByEmail(email)!;

describe("organizations via the real @clerk/backend client", () => {
  it("creates with a slug from the name, the creator as org:admin, metadata and max_allowed_memberships", async () => {
    const admin = user("admin@example.com");
    const org = await clerk.organizations.createOrganization({
      name: "Élan Vital & Co",
      createdBy: admin.id,
      publicMetadata: { plan: "pro" },
      privateMetadata: { crm: "acct_1" },
      maxAllowedMemberships: 3,
    });
    expect(org.id).toMatch(/^org_[0-9A-Za-z]{27}$/);
    expect(org.slug).toBe("elan-vital-co");
    expect(org.createdBy).toBe(admin.id);
    expect(org.maxAllowedMemberships).toBe(3);
    expect(org.adminDeleteEnabled).toBe(true);
    expect(org.publicMetadata).toEqual({ plan: "pro" });
    expect(org.privateMetadata).toEqual({ crm: "acct_1" });
    const got = await clerk.organizations.getOrganization({
      slug: "elan-vital-co",
      includeMembersCount: true,
    });
    expect(got.id).toBe(org.id);
    expect(got.membersCount).toBe(1);
    const flags = await raw(
      h,
      "GET",
      `/v1/organizations/${org.id}?include_missing_member_with_elevated_permissions=true`,
    );
    expect(flags.json.missing_member_with_elevated_permissions).toBe(false);
    await clerk.organizations.deleteOrganizationMembership({ organizationId: org.id, userId: admin.id });
    const orphan = await raw(
      h,
      "GET",
      `/v1/organizations?query=${org.id}&include_missing_member_with_elevated_permissions=true`,
    );
    expect(orphan.json.data[0].missing_member_with_elevated_permissions).toBe(true);
    await clerk.organizations.createOrganizationMembership({
      organizationId: org.id,
      userId: admin.id,
      role: "org:admin",
    });
    const members = await clerk.organizations.getOrganizationMembershipList({ organizationId: org.id });
    expect(members.data.map((m) => [m.publicUserData?.userId, m.role])).toEqual([[admin.id, "org:admin"]]);
    // Same name again: a free slug is derived.
    expect((await clerk.organizations.createOrganization({ name: "Élan Vital & Co" })).slug).toBe(
      "elan-vital-co-2",
    );
  });

  it("refuses a duplicate or malformed slug, a bad name and an unknown creator, writing nothing", async () => {
    const before = h.state.organizations.orgs.size;
    const dup = await clerkErrorOf(clerk.organizations.createOrganization({ name: "X", slug: "acme-corp" }));
    expect([dup.status, dup.errors[0]?.code, dup.errors[0]?.meta?.paramName]).toEqual([
      422,
      "form_identifier_exists",
      "slug",
    ]);
    const bad = await clerkErrorOf(clerk.organizations.createOrganization({ name: "X", slug: "Not A Slug" }));
    expect([bad.status, bad.errors[0]?.code]).toEqual([422, "form_param_format_invalid"]);
    const html = await clerkErrorOf(clerk.organizations.createOrganization({ name: "<b>hi</b>" }));
    expect([html.status, html.errors[0]?.code]).toEqual([422, "form_param_value_invalid"]);
    const creator = await clerkErrorOf(
      clerk.organizations.createOrganization({ name: "X", createdBy: "user_nope" }),
    );
    expect([creator.status, creator.errors[0]?.code]).toEqual([400, "organization_creator_not_found"]);
    const missing = await raw(h, "POST", "/v1/organizations", { slug: "no-name" });
    expect([missing.status, missing.json.errors[0].code]).toEqual([422, "form_param_missing"]);
    const types = await raw(h, "POST", "/v1/organizations", { name: "T", max_allowed_memberships: "ten" });
    expect([types.status, types.json.errors[0].meta.param_name]).toEqual([422, "max_allowed_memberships"]);
    expect(h.state.organizations.orgs.size).toBe(before);
  });

  it("lists with query, order_by, include_members_count, limit/offset, user_id and organization_id (+/-)", async () => {
    const page = await clerk.organizations.getOrganizationList({
      limit: 5,
      offset: 2,
      includeMembersCount: true,
    });
    expect(page.data).toHaveLength(5);
    expect(page.totalCount).toBe(h.state.organizations.orgs.size);
    expect(page.data.every((o) => typeof o.membersCount === "number")).toBe(true);
    const all = (await clerk.organizations.getOrganizationList({ limit: 500 })).data;
    const created = all.map((o) => o.createdAt);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(all.slice(2, 7).map((o) => o.id)).toEqual(page.data.map((o) => o.id));

    const byName = await clerk.organizations.getOrganizationList({ orderBy: "+name", limit: 500 });
    const names = byName.data.map((o) => o.name.toLowerCase());
    expect(names).toEqual([...names].sort());
    const bySize = await clerk.organizations.getOrganizationList({
      orderBy: "-members_count",
      includeMembersCount: true,
    });
    const sizes = bySize.data.map((o) => o.membersCount as number);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));

    const q = await clerk.organizations.getOrganizationList({ query: "ACME" });
    expect(q.data.map((o) => o.slug)).toEqual(["acme-corp"]);
    const acme = q.data[0]!;
    expect((await clerk.organizations.getOrganizationList({ query: acme.id })).totalCount).toBe(1);

    const admin = user("admin@example.com");
    // The SDK has no user_id parameter; raw HTTP for it.
    const mine = await raw(h, "GET", `/v1/organizations?user_id=${admin.id}&limit=500`);
    const expected = [...h.state.organizations.memberships.ofUser(admin.id).keys()].sort();
    expect(mine.json.data.map((o: { id: string }) => o.id).sort()).toEqual(expected);
    const viaSdk = await clerk.organizations.getOrganizationList({ organizationId: expected.slice(0, 2) });
    expect(viaSdk.data.map((o) => o.id).sort()).toEqual(expected.slice(0, 2).sort());
    const notMine = await raw(h, "GET", `/v1/organizations?user_id=-${admin.id}&limit=500`);
    expect(notMine.json.total_count).toBe(h.state.organizations.orgs.size - expected.length);
    const two = await raw(
      h,
      "GET",
      `/v1/organizations?organization_id=${expected[0]}&organization_id=%2B${expected[1]}`,
    );
    expect(two.json.data.map((o: { id: string }) => o.id).sort()).toEqual(expected.slice(0, 2).sort());
    const without = await raw(h, "GET", `/v1/organizations?organization_id=-${expected[0]}&limit=1`);
    expect(without.json.total_count).toBe(h.state.organizations.orgs.size - 1);
    assertConforms(without.json, "GET", "/organizations", 200);
    expect((await raw(h, "GET", "/v1/organizations?limit=501")).status).toBe(422);
  });

  it("updates name, slug, limits; refuses metadata on PATCH (API 2026-05-12) and a taken slug", async () => {
    const org = await clerk.organizations.createOrganization({ name: "Renamable" });
    const updated = await clerk.organizations.updateOrganization(org.id, {
      name: "Renamed",
      slug: "renamed-org",
      maxAllowedMemberships: 10,
      adminDeleteEnabled: false,
    });
    expect([updated.name, updated.slug, updated.maxAllowedMemberships, updated.adminDeleteEnabled]).toEqual([
      "Renamed",
      "renamed-org",
      10,
      false,
    ]);
    const taken = await clerkErrorOf(clerk.organizations.updateOrganization(org.id, { slug: "acme-corp" }));
    expect(taken.errors[0]?.code).toBe("form_identifier_exists");
    const meta = await raw(h, "PATCH", `/v1/organizations/${org.id}`, {
      name: "Nope",
      public_metadata: { a: 1 },
    });
    expect([meta.status, meta.json.errors[0].code, meta.json.errors[0].meta.param_name]).toEqual([
      422,
      "form_param_unknown",
      "public_metadata",
    ]);
    expect((await clerk.organizations.getOrganization({ organizationId: org.id })).name).toBe("Renamed");
  });

  it("merges metadata deeply (null deletes), replaces with PUT, and refuses over 8 KB without a partial write", async () => {
    const org = await clerk.organizations.createOrganization({
      name: "Meta Org",
      publicMetadata: { nested: { a: 1, b: 2 }, keep: true },
    });
    const merged = await clerk.organizations.updateOrganizationMetadata(org.id, {
      publicMetadata: { nested: { b: null, c: 3 } },
      privateMetadata: { secret: "s" },
    });
    expect(merged.publicMetadata).toEqual({ nested: { a: 1, c: 3 }, keep: true });
    expect(merged.privateMetadata).toEqual({ secret: "s" });
    const replaced = await clerk.organizations.replaceOrganizationMetadata(org.id, {
      publicMetadata: { only: 1 },
    });
    expect(replaced.publicMetadata).toEqual({ only: 1 });
    expect(replaced.privateMetadata).toEqual({ secret: "s" });
    const tooBig = await clerkErrorOf(
      clerk.organizations.updateOrganizationMetadata(org.id, {
        publicMetadata: { fine: 1 },
        privateMetadata: { blob: "x".repeat(8200) },
      }),
    );
    expect([tooBig.status, tooBig.errors[0]?.code, tooBig.errors[0]?.meta?.paramName]).toEqual([
      422,
      "form_param_exceeds_allowed_size",
      "private_metadata",
    ]);
    const after = await clerk.organizations.getOrganization({ organizationId: org.id });
    expect(after.publicMetadata).toEqual({ only: 1 });
    expect(after.updatedAt).toBe(replaced.updatedAt);
  });

  it("uploads a logo (served offline at image_url), refuses a wrong type, and deletes it", async () => {
    const org = await clerk.organizations.createOrganization({ name: "Logo Org" });
    const withLogo = await clerk.organizations.updateOrganizationLogo(org.id, {
      file: new Blob([PNG], { type: "image/png" }),
    });
    expect(withLogo.hasImage).toBe(true);
    const img = await fetch(withLogo.imageUrl);
    expect(img.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await img.arrayBuffer()).equals(PNG)).toBe(true);
    const wrong = await clerkErrorOf(
      clerk.organizations.updateOrganizationLogo(org.id, {
        file: new Blob(["GIF89a"], { type: "image/svg+xml" }),
      }),
    );
    expect([wrong.status, wrong.errors[0]?.code]).toEqual([400, "request_body_invalid"]);
    const corrupt = await clerkErrorOf(
      clerk.organizations.updateOrganizationLogo(org.id, {
        file: new Blob(["not a png"], { type: "image/png" }),
      }),
    );
    expect(corrupt.errors[0]?.message).toBe("Image decode error");
    const removed = await clerk.organizations.deleteOrganizationLogo(org.id);
    expect([removed.hasImage, removed.imageUrl]).toEqual([false, ""]);
    expect((await clerkErrorOf(clerk.organizations.deleteOrganizationLogo(org.id))).errors[0]?.code).toBe(
      "image_not_found",
    );
  });

  it("deletes an organization with its memberships and invitations", async () => {
    const admin = user("admin@example.com");
    const org = await clerk.organizations.createOrganization({ name: "Doomed", createdBy: admin.id });
    await clerk.organizations.createOrganizationInvitation({
      organizationId: org.id,
      emailAddress: "doomed.invitee@example.org",
      role: "org:member",
    });
    const deleted = await clerk.organizations.deleteOrganization(org.id);
    expect(deleted).toMatchObject({ id: org.id, deleted: true });
    expect((await clerkErrorOf(clerk.organizations.getOrganization({ organizationId: org.id }))).status).toBe(
      404,
    );
    const mine = await clerk.users.getOrganizationMembershipList({ userId: admin.id, limit: 100 });
    expect(mine.data.some((m) => m.organization.id === org.id)).toBe(false);
    const invs = await raw(h, "GET", "/v1/organization_invitations?query=doomed.invitee");
    expect(invs.json.total_count).toBe(0);
  });

  it("billing: no subscription (404), credits as an idempotent ledger that never goes negative", async () => {
    const org = await clerk.organizations.createOrganization({ name: "Billing Org" });
    expect((await clerkErrorOf(clerk.billing.getOrganizationBillingSubscription(org.id))).status).toBe(404);
    const path = `/v1/organizations/${org.id}/billing/credits`;
    expect((await raw(h, "GET", path)).json).toEqual({ object: "commerce_credit_balance", balance: null });
    const grant = await raw(h, "POST", path, { amount: 1234, action: "increase", idempotency_key: "g1" });
    expect(grant.json.amount).toEqual({
      amount: 1234,
      amount_formatted: "$12.34",
      currency: "USD",
      currency_symbol: "$",
    });
    const again = await raw(h, "POST", path, { amount: 1234, action: "increase", idempotency_key: "g1" });
    expect(again.json.id).toBe(grant.json.id);
    await raw(h, "POST", path, { amount: 234, action: "decrease", idempotency_key: "d1" });
    expect((await raw(h, "GET", path)).json.balance.amount).toBe(1000);
    const over = await raw(h, "POST", path, { amount: 1001, action: "decrease", idempotency_key: "d2" });
    expect([over.status, over.json.errors[0].code]).toEqual([422, "insufficient_credit_balance"]);
    const zero = await raw(h, "POST", path, { amount: 0, action: "increase", idempotency_key: "z" });
    expect(zero.json.errors[0].code).toBe("invalid_credit_amount");
    expect((await raw(h, "GET", path)).json.balance.amount).toBe(1000);
  });
});
