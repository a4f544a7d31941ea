// Organization actions against a real Local Clerk over HTTP with the real @clerk/backend client:
// reads, writes with their proposals, and bad input that must be refused with nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogSink } from "@/lib/errors";
import { type ClerkFixture, failure, settle, startClerkFixture } from "@/test/support/clerk-fixture";
import { parseInput, proposeWrite, runAction } from "./define-action";
import { METADATA_LIMIT_BYTES, metadataBytes } from "./metadata";
import { actions } from "./registry";

setLogSink(() => {});
let fx: ClerkFixture;
let n = 0;

beforeAll(async () => {
  fx = await startClerkFixture({ seedUsers: 40 });
});
afterAll(() => fx.stop());

const writesSince = (seq: number) => fx.requestsSince(seq).filter((e) => e.method !== "GET");

async function freshOrg(extra: Record<string, unknown> = {}) {
  n += 1;
  return runAction(
    actions.createOrganization,
    { name: `Test Org ${n}`, slug: `test-org-${n}-${Date.now()}`, ...extra },
    fx.ctx,
  );
}

async function freshUser() {
  n += 1;
  return fx.ctx.clerk.users.createUser({ emailAddress: [`org-user-${n}-${Date.now()}@example.com`] });
}

/** Expects a refusal with this code that sent no write to Clerk. */
async function refused(p: () => Promise<unknown>, code: string, message?: RegExp) {
  const seq = fx.mark();
  const e = await failure(p());
  await settle();
  expect(e.code).toBe(code);
  if (message) expect(e.message).toMatch(message);
  expect(writesSince(seq)).toHaveLength(0);
  return e;
}

describe("organization reads", () => {
  it("lists with search, counts, the missing-admin flag, sort and pages", async () => {
    const acme = await runAction(actions.listOrganizations, { query: "acme" }, fx.ctx);
    expect(acme.organizations.map((o) => o.name)).toContain("Acme Corp");
    const org = acme.organizations.find((o) => o.name === "Acme Corp");
    expect(org?.members_count).toBeGreaterThanOrEqual(5);
    expect(org?.missing_admin).toBe(false);

    const byName = await runAction(actions.listOrganizations, { order_by: "+name", limit: 500 }, fx.ctx);
    const names = byName.organizations.map((o) => o.name.toLowerCase());
    expect(names).toEqual([...names].sort());
    const byMembers = await runAction(
      actions.listOrganizations,
      { order_by: "-members_count", limit: 500 },
      fx.ctx,
    );
    const counts = byMembers.organizations.map((o) => o.members_count ?? 0);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    const page1 = await runAction(
      actions.listOrganizations,
      { limit: 2, offset: 0, order_by: "+name" },
      fx.ctx,
    );
    const page2 = await runAction(
      actions.listOrganizations,
      { limit: 2, offset: 2, order_by: "+name" },
      fx.ctx,
    );
    expect(page1.total_count).toBe(byName.total_count);
    expect(page2.organizations[0]?.id).toBe(byName.organizations[2]?.id);
  });

  it("gets by id or slug; members by role; roles; a user's organizations", async () => {
    const [acme] = (await runAction(actions.listOrganizations, { query: "Acme Corp" }, fx.ctx)).organizations;
    const bySlug = await runAction(actions.getOrganization, { slug: acme?.slug }, fx.ctx);
    expect(bySlug.id).toBe(acme?.id);
    const admins = await runAction(
      actions.listOrganizationMembers,
      { organization_id: acme?.id, role: "org:admin", limit: 100 },
      fx.ctx,
    );
    expect(admins.members.map((m) => m.identifier)).toContain("admin@example.com");
    expect(admins.members.every((m) => m.role === "org:admin")).toBe(true);
    const roles = await runAction(actions.listOrganizationRoles, {}, fx.ctx);
    expect(roles.roles.map((r) => r.key)).toEqual(
      expect.arrayContaining(["org:admin", "org:member", "org:billing"]),
    );
    const mine = await runAction(
      actions.listUserOrganizations,
      { user_id: fx.userIdByEmail("admin@example.com") },
      fx.ctx,
    );
    expect(mine.organizations.map((o) => o.organization_name)).toEqual(
      expect.arrayContaining(["Acme Corp", "Globex"]),
    );
    const missing = await failure(
      runAction(actions.getOrganization, { organization_id: "org_missing1" }, fx.ctx),
    );
    expect(missing.code).toBe("not_found");
  });
});

describe("createOrganization / updateOrganization / deleteOrganization", () => {
  it("creates with the previewed slug and makes created_by its admin", async () => {
    const admin = fx.userIdByEmail("admin@example.com");
    const input = { name: "Zeta Dynamics", created_by: admin, public_metadata: { plan: "pro" } };
    const proposal = await proposeWrite(actions.createOrganization, input, fx.ctx);
    expect(proposal.after).toMatchObject({ slug: "zeta-dynamics", name: "Zeta Dynamics" });
    expect(proposal.checks.every((c) => c.ok)).toBe(true);
    const org = await runAction(actions.createOrganization, input, fx.ctx, {
      expectedSnapshot: proposal.before,
    });
    expect(org).toMatchObject({ slug: "zeta-dynamics", public_metadata: { plan: "pro" } });
    const members = await runAction(actions.listOrganizationMembers, { organization_id: org.id }, fx.ctx);
    expect(members.members).toMatchObject([{ user_id: admin, role: "org:admin" }]);
    const after = await actions.createOrganization.snapshot(
      parseInput(actions.createOrganization, input),
      fx.ctx,
    );
    expect(actions.createOrganization.applied(parseInput(actions.createOrganization, input), after)).toBe(
      true,
    );
  });

  it("refuses a duplicate slug with a clear error and creates nothing", async () => {
    const org = await freshOrg();
    const before = fx.lc.state.organizations.orgs.list({}, undefined, () => 0).length;
    const proposal = await proposeWrite(actions.createOrganization, { name: "Copy", slug: org.slug }, fx.ctx);
    expect(proposal.checks.find((c) => c.id === "slug_free")).toMatchObject({ ok: false });
    const e = await refused(
      () => runAction(actions.createOrganization, { name: "Copy", slug: org.slug }, fx.ctx),
      "validation_failed",
      /slug .* is taken/,
    );
    expect(e.fieldErrors?.slug?.[0]).toContain("taken");
    expect(fx.lc.state.organizations.orgs.list({}, undefined, () => 0).length).toBe(before);
  });

  it.each([
    ["<script>alert(1)</script>", "URLs or HTML"],
    ["Visit https://evil.example", "URLs or HTML"],
    ["www.evil.example", "URLs or HTML"],
    ["Null\u0000byte", "control characters"],
    ["   ", "blank"],
    ["x".repeat(257), "256"],
    ["", "name"],
  ])("refuses the hostile name %j before any call", async (name, message) => {
    const seq = fx.mark();
    const e = await failure(runAction(actions.createOrganization, { name }, fx.ctx));
    await settle();
    expect(e.code).toBe("validation_failed");
    expect(e.fieldErrors?.name?.join(" ")).toContain(message);
    expect(fx.requestsSince(seq)).toHaveLength(0);
  });

  it("refuses bad slugs and metadata over 8 KB without writing", async () => {
    for (const slug of ["Has Caps", "../etc", "a--b", "-lead", "ünï"]) {
      const e = await failure(runAction(actions.createOrganization, { name: "Ok", slug }, fx.ctx));
      expect(e.fieldErrors?.slug, slug).toBeDefined();
    }
    await refused(
      () =>
        runAction(
          actions.createOrganization,
          {
            name: "Big",
            slug: `big-${Date.now()}`,
            private_metadata: { pad: "x".repeat(METADATA_LIMIT_BYTES) },
          },
          fx.ctx,
        ),
      "validation_failed",
      /8 KB/,
    );
  });

  it("updates name, slug and limit; refuses a taken slug and a limit below the members", async () => {
    const org = await freshOrg();
    const other = await freshOrg();
    const proposal = await proposeWrite(
      actions.updateOrganization,
      { organization_id: org.id, name: "Renamed Org", max_allowed_memberships: 10 },
      fx.ctx,
    );
    expect(proposal.changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      "changed max_allowed_memberships",
      "changed name",
    ]);
    const out = await runAction(
      actions.updateOrganization,
      {
        organization_id: org.id,
        name: "Renamed Org",
        slug: `renamed-${org.slug}`,
        max_allowed_memberships: 10,
      },
      fx.ctx,
    );
    expect(out).toMatchObject({
      name: "Renamed Org",
      slug: `renamed-${org.slug}`,
      max_allowed_memberships: 10,
    });

    await refused(
      () => runAction(actions.updateOrganization, { organization_id: org.id, slug: other.slug }, fx.ctx),
      "validation_failed",
      /taken/,
    );
    for (const u of [await freshUser(), await freshUser()]) {
      await runAction(
        actions.addOrganizationMember,
        { organization_id: org.id, user_id: u.id, role: "org:member" },
        fx.ctx,
      );
    }
    await refused(
      () =>
        runAction(
          actions.updateOrganization,
          { organization_id: org.id, max_allowed_memberships: 1 },
          fx.ctx,
        ),
      "validation_failed",
      /cannot go below/,
    );
    expect(fx.lc.state.organizations.orgs.get(org.id)?.max_allowed_memberships).toBe(10);
    expect(() => parseInput(actions.updateOrganization, { organization_id: org.id })).toThrow();
  });

  it("deletes only after the slug is typed exactly; gone reads as applied", async () => {
    const org = await freshOrg();
    const proposal = await proposeWrite(
      actions.deleteOrganization,
      { organization_id: org.id, confirm_slug: "wrong-slug" },
      fx.ctx,
    );
    expect(proposal.checks.find((c) => c.id === "slug_confirmed")).toMatchObject({ ok: false });
    await refused(
      () =>
        runAction(
          actions.deleteOrganization,
          { organization_id: org.id, confirm_slug: "wrong-slug" },
          fx.ctx,
        ),
      "validation_failed",
      /does not match/,
    );
    expect(fx.lc.state.organizations.orgs.get(org.id)).toBeDefined();
    const input = { organization_id: org.id, confirm_slug: org.slug };
    const out = await runAction(actions.deleteOrganization, input, fx.ctx);
    expect(out).toEqual({ id: org.id, slug: org.slug, deleted: true });
    expect(fx.lc.state.organizations.orgs.get(org.id)).toBeUndefined();
    const current = await actions.deleteOrganization.snapshot(input, fx.ctx);
    expect(actions.deleteOrganization.applied(input, current)).toBe(true);
    await refused(() => runAction(actions.deleteOrganization, input, fx.ctx), "not_found");
  });
});

describe("updateOrganizationMetadata", () => {
  it("shows the post-merge diff, merges, and refuses 8193 bytes without writing", async () => {
    const org = await freshOrg({ public_metadata: { plan: "free", billing: { seats: 3, card: "visa" } } });
    const input = {
      organization_id: org.id,
      public_metadata: { plan: "pro", billing: { card: null } },
      private_metadata: { crm: "acct_1" },
    };
    const proposal = await proposeWrite(actions.updateOrganizationMetadata, input, fx.ctx);
    expect(proposal.changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      "added private_metadata.crm",
      "removed public_metadata.billing.card",
      "changed public_metadata.plan",
    ]);
    const out = await runAction(actions.updateOrganizationMetadata, input, fx.ctx, {
      expectedSnapshot: proposal.before,
    });
    expect(out.public_metadata).toEqual({ plan: "pro", billing: { seats: 3 } });
    expect(
      actions.updateOrganizationMetadata.applied(
        input,
        await actions.updateOrganizationMetadata.snapshot(input, fx.ctx),
      ),
    ).toBe(true);

    const base = { ...out.public_metadata, pad: "" };
    const pad = "x".repeat(METADATA_LIMIT_BYTES + 1 - metadataBytes(base));
    const e = await refused(
      () =>
        runAction(
          actions.updateOrganizationMetadata,
          { organization_id: org.id, public_metadata: { pad } },
          fx.ctx,
        ),
      "validation_failed",
      /8 KB/,
    );
    expect(e.fieldErrors?.public_metadata?.[0]).toContain(`${METADATA_LIMIT_BYTES + 1} bytes`);
  });
});

describe("memberships", () => {
  it("adds, changes the role of and removes a member", async () => {
    const org = await freshOrg({ created_by: fx.userIdByEmail("admin@example.com") });
    const u = await freshUser();
    const input = { organization_id: org.id, user_id: u.id, role: "org:member" };
    const proposal = await proposeWrite(actions.addOrganizationMember, input, fx.ctx);
    expect(proposal.checks.every((c) => c.ok)).toBe(true);
    expect(proposal.changes).toEqual([
      expect.objectContaining({ path: "role", kind: "changed", before: null, after: "org:member" }),
    ]);
    expect(await runAction(actions.addOrganizationMember, input, fx.ctx)).toMatchObject({
      user_id: u.id,
      role: "org:member",
    });

    const promote = { ...input, role: "org:admin" };
    expect(await runAction(actions.updateOrganizationMemberRole, promote, fx.ctx)).toMatchObject({
      role: "org:admin",
    });
    expect(
      actions.updateOrganizationMemberRole.applied(
        promote,
        await actions.updateOrganizationMemberRole.snapshot(promote, fx.ctx),
      ),
    ).toBe(true);

    const remove = { organization_id: org.id, user_id: u.id };
    expect(await runAction(actions.removeOrganizationMember, remove, fx.ctx)).toMatchObject({
      removed: true,
    });
    expect(fx.lc.state.organizations.memberships.get(org.id, u.id)).toBeUndefined();
    await refused(
      () => runAction(actions.removeOrganizationMember, remove, fx.ctx),
      "validation_failed",
      /not a member/,
    );
  });

  it("refuses unknown roles, duplicates, members beyond the max and the last admin's demotion", async () => {
    const admin = fx.userIdByEmail("admin@example.com");
    const org = await freshOrg({ created_by: admin, max_allowed_memberships: 2 });
    const [a, b] = [await freshUser(), await freshUser()];
    await refused(
      () =>
        runAction(
          actions.addOrganizationMember,
          { organization_id: org.id, user_id: a.id, role: "org:wizard" },
          fx.ctx,
        ),
      "validation_failed",
      /Unknown role org:wizard/,
    );
    expect(() =>
      parseInput(actions.addOrganizationMember, { organization_id: org.id, user_id: a.id, role: "admin" }),
    ).toThrow();
    await runAction(
      actions.addOrganizationMember,
      { organization_id: org.id, user_id: a.id, role: "org:member" },
      fx.ctx,
    );
    await refused(
      () =>
        runAction(
          actions.addOrganizationMember,
          { organization_id: org.id, user_id: a.id, role: "org:member" },
          fx.ctx,
        ),
      "validation_failed",
      /already a member/,
    );
    await refused(
      () =>
        runAction(
          actions.addOrganizationMember,
          { organization_id: org.id, user_id: b.id, role: "org:member" },
          fx.ctx,
        ),
      "validation_failed",
      /full: 2 of 2/,
    );
    await refused(
      () =>
        runAction(
          actions.createOrganizationInvitation,
          { organization_id: org.id, email: "new@example.com", role: "org:member" },
          fx.ctx,
        ),
      "validation_failed",
      /full/,
    );
    await refused(
      () =>
        runAction(
          actions.updateOrganizationMemberRole,
          { organization_id: org.id, user_id: admin, role: "org:member" },
          fx.ctx,
        ),
      "validation_failed",
      /last admin/,
    );
    await refused(
      () => runAction(actions.removeOrganizationMember, { organization_id: org.id, user_id: admin }, fx.ctx),
      "validation_failed",
      /last admin/,
    );
    expect(fx.lc.state.organizations.memberships.count(org.id)).toBe(2);
    expect(fx.lc.state.organizations.memberships.get(org.id, admin)?.role).toBe("org:admin");
  });
});

describe("organization invitations", () => {
  it("invites, refuses a second invitation and a member's email, revokes", async () => {
    const org = await freshOrg({ created_by: fx.userIdByEmail("admin@example.com") });
    const email = `invitee-${Date.now()}@example.com`;
    const input = { organization_id: org.id, email, role: "org:member" };
    const proposal = await proposeWrite(actions.createOrganizationInvitation, input, fx.ctx);
    expect(proposal.checks.every((c) => c.ok)).toBe(true);
    const inv = await runAction(actions.createOrganizationInvitation, input, fx.ctx);
    expect(inv).toMatchObject({ email_address: email, role: "org:member", status: "pending" });
    expect(
      actions.createOrganizationInvitation.applied(
        input,
        await actions.createOrganizationInvitation.snapshot(input, fx.ctx),
      ),
    ).toBe(true);

    await refused(
      () => runAction(actions.createOrganizationInvitation, input, fx.ctx),
      "validation_failed",
      /pending invitation/,
    );
    await refused(
      () => runAction(actions.createOrganizationInvitation, { ...input, email: "admin@example.com" }, fx.ctx),
      "validation_failed",
      /already a member/,
    );
    await refused(
      () =>
        runAction(
          actions.createOrganizationInvitation,
          { ...input, email: `x-${email}`, role: "org:nope" },
          fx.ctx,
        ),
      "validation_failed",
      /Unknown role/,
    );
    const listed = await runAction(
      actions.listOrganizationInvitations,
      { organization_id: org.id, status: "pending" },
      fx.ctx,
    );
    expect(listed.invitations.map((i) => i.id)).toEqual([inv.id]);

    const revoke = { organization_id: org.id, invitation_id: inv.id };
    expect(await runAction(actions.revokeOrganizationInvitation, revoke, fx.ctx)).toMatchObject({
      status: "revoked",
    });
    const after = await proposeWrite(actions.revokeOrganizationInvitation, revoke, fx.ctx);
    expect(after.checks[0]).toMatchObject({ ok: false });
  });
});
