// Undo of organization writes: the change goes through the console's write path (auditedWrite), the undo
// through executeUndo, against an in-process Local Clerk (real @clerk/backend) and PGlite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

process.env.LOG_LEVEL = "silent";

const { startClerkFixture, failure } = await import("@/test/support/clerk-fixture");
const { closeDb, getDb } = await import("@/lib/db/client");
const { listAudit } = await import("./audit");
const { executeUndo, proposeUndo } = await import("./undo-execute");
const { auditedWrite } = await import("@/lib/console/audited-write");
const { actions } = await import("@/lib/clerk/registry");

type Fixture = Awaited<ReturnType<typeof startClerkFixture>>;
let fx: Fixture;
let n = 0;
const admin = { userId: "user_admin", email: "admin@example.com", role: "admin" as const };

beforeAll(async () => {
  fx = await startClerkFixture({ seedUsers: 3 });
  process.env.CLERK_SECRET_KEY = "sk_live_local_clerk_0123456789abcdef0123456789abcdef";
  process.env.CLERK_API_URL = fx.lc.url;
  process.env.DATABASE_DIR = ":memory:";
  delete process.env.DATABASE_URL;
  await closeDb();
  await getDb();
}, 120_000);

afterAll(async () => {
  await closeDb();
  await fx?.stop();
});

async function newOrg(publicMetadata: Record<string, unknown> = {}) {
  n += 1;
  return fx.ctx.clerk.organizations.createOrganization({
    name: `Undo Org ${n}`,
    slug: `undo-org-${Date.now()}-${n}`,
    createdBy: fx.userIdByEmail("admin@example.com"),
    publicMetadata,
  });
}

async function lastEntry(action: string) {
  const { rows } = await listAudit({ action, limit: 1 });
  return rows[0]!;
}

describe("undo of organization writes", () => {
  it("restores the name and slug an update changed", async () => {
    const org = await newOrg();
    await auditedWrite(admin, actions.updateOrganization, {
      organization_id: org.id,
      name: "Renamed For Undo",
      slug: `${org.slug}-x`,
    });
    const entry = await lastEntry("updateOrganization");
    const proposal = await proposeUndo(entry.id, fx.ctx);
    expect(proposal.input).toEqual({ organization_id: org.id, name: org.name, slug: org.slug });
    await executeUndo(entry.id, admin, fx.ctx);
    expect(fx.lc.state.organizations.orgs.get(org.id)).toMatchObject({ name: org.name, slug: org.slug });
  });

  it("restores metadata exactly with the inverse merge patch", async () => {
    const org = await newOrg({ plan: "free", keep: { a: 1, b: 2 } });
    await auditedWrite(admin, actions.updateOrganizationMetadata, {
      organization_id: org.id,
      public_metadata: { plan: "pro", keep: { b: null, c: 3 }, added: true },
    });
    expect(fx.lc.state.organizations.orgs.get(org.id)?.public_metadata).toEqual({
      plan: "pro",
      keep: { a: 1, c: 3 },
      added: true,
    });
    const entry = await lastEntry("updateOrganizationMetadata");
    await executeUndo(entry.id, admin, fx.ctx);
    expect(fx.lc.state.organizations.orgs.get(org.id)?.public_metadata).toEqual({
      plan: "free",
      keep: { a: 1, b: 2 },
    });
  });

  it("puts a member's role back, and refuses when the role changed again since", async () => {
    const org = await newOrg();
    const user = await fx.ctx.clerk.users.createUser({
      emailAddress: [`undo-role-${Date.now()}@example.com`],
    });
    await fx.ctx.clerk.organizations.createOrganizationMembership({
      organizationId: org.id,
      userId: user.id,
      role: "org:member",
    });
    const input = { organization_id: org.id, user_id: user.id, role: "org:admin" };
    await auditedWrite(admin, actions.updateOrganizationMemberRole, input);
    const entry = await lastEntry("updateOrganizationMemberRole");
    await executeUndo(entry.id, admin, fx.ctx);
    expect(fx.lc.state.organizations.memberships.get(org.id, user.id)?.role).toBe("org:member");

    await auditedWrite(admin, actions.updateOrganizationMemberRole, { ...input, role: "org:billing" });
    const second = await lastEntry("updateOrganizationMemberRole");
    await fx.ctx.clerk.organizations.updateOrganizationMembership({
      organizationId: org.id,
      userId: user.id,
      role: "org:admin",
    });
    const e = await failure(executeUndo(second.id, admin, fx.ctx));
    expect(e.message).toMatch(/changed since/);
    expect(fx.lc.state.organizations.memberships.get(org.id, user.id)?.role).toBe("org:admin");
  });

  it("says why a deletion, an added member and an invitation cannot be undone", async () => {
    const org = await newOrg();
    await auditedWrite(admin, actions.createOrganizationInvitation, {
      organization_id: org.id,
      email: `undo-inv-${Date.now()}@example.com`,
      role: "org:member",
    });
    const inv = await failure(proposeUndo((await lastEntry("createOrganizationInvitation")).id, fx.ctx));
    expect(inv.message).toMatch(/revoking the invitation/);
    await auditedWrite(admin, actions.deleteOrganization, {
      organization_id: org.id,
      confirm_slug: org.slug,
    });
    const del = await failure(proposeUndo((await lastEntry("deleteOrganization")).id, fx.ctx));
    expect(del.message).toMatch(/cannot be restored/);
  });
});
