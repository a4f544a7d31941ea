// The organization server actions as the browser calls them, for every role: authorization first, then
// zod validation, then the real write against an in-process Local Clerk with the audit row on PGlite.
// Only the identity source (Clerk's auth() in a Next request) is replaced.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ConsoleAuth } from "@/lib/auth";
import type { ActionResult } from "@/lib/errors";

process.env.LOG_LEVEL = "silent";
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const who = vi.hoisted(() => ({ current: null as ConsoleAuth | null }));
vi.mock("@/lib/auth/console-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/console-auth")>()),
  getConsoleAuth: async () => who.current,
}));

const { authAs, startConsoleActionFixture } = await import("@/test/support/console-actions");
const { listAudit } = await import("@/lib/audit/audit");
const O = await import("./organizations");

let fx: Awaited<ReturnType<typeof startConsoleActionFixture>>;
let seq = 0;
let actorId = "";

beforeAll(async () => {
  fx = await startConsoleActionFixture();
  actorId = fx.adminId;
}, 120_000);

afterAll(async () => {
  await fx?.stop();
});

const subject = (role: ConsoleAuth["role"]) => authAs(role, actorId);

const stamp = () => `${Date.now()}-${seq++}`;

async function newOrg() {
  const s = stamp();
  return fx.ctx.clerk.organizations.createOrganization({
    name: `Act ${s}`,
    slug: `act-${s}`,
    createdBy: actorId,
  });
}

async function newUser() {
  const email = `org-act-${stamp()}@example.com`;
  const user = await fx.ctx.clerk.users.createUser({ emailAddress: [email] });
  return { id: user.id, email };
}

async function newMember(orgId: string, role = "org:member") {
  const u = await newUser();
  await fx.ctx.clerk.organizations.createOrganizationMembership({
    organizationId: orgId,
    userId: u.id,
    role,
  });
  return u;
}

type Case = {
  name: string;
  action: string;
  call(input: unknown): Promise<ActionResult<unknown, unknown>>;
  valid: () => Promise<unknown>;
  invalid: unknown;
  invalidField: string;
};

const CASES: Case[] = [
  {
    name: "createOrganizationAction",
    action: "createOrganization",
    call: O.createOrganizationAction,
    valid: async () => ({ name: `Made ${stamp()}` }),
    invalid: { name: "<b>x</b>" },
    invalidField: "name",
  },
  {
    name: "updateOrganizationAction",
    action: "updateOrganization",
    call: O.updateOrganizationAction,
    valid: async () => ({ organization_id: (await newOrg()).id, name: `Renamed ${stamp()}` }),
    invalid: { organization_id: "org_1", slug: "Bad Slug" },
    invalidField: "slug",
  },
  {
    name: "saveOrganizationMetadataAction",
    action: "updateOrganizationMetadata",
    call: O.saveOrganizationMetadataAction,
    valid: async () => {
      const org = await newOrg();
      return {
        organization_id: org.id,
        kind: "public",
        patch: '{"plan":"pro"}',
        expected_updated_at: org.updatedAt,
      };
    },
    invalid: { organization_id: "org_1", kind: "unsafe", patch: "{}", expected_updated_at: 1 },
    invalidField: "kind",
  },
  {
    name: "deleteOrganizationAction",
    action: "deleteOrganization",
    call: O.deleteOrganizationAction,
    valid: async () => {
      const org = await newOrg();
      return { organization_id: org.id, confirm_slug: org.slug };
    },
    invalid: { organization_id: "acme" },
    invalidField: "organization_id",
  },
  {
    name: "addOrganizationMemberAction",
    action: "addOrganizationMember",
    call: O.addOrganizationMemberAction,
    valid: async () => ({
      organization_id: (await newOrg()).id,
      user: (await newUser()).email,
      role: "org:member",
    }),
    invalid: { organization_id: "org_1", user: "x@example.com", role: "owner" },
    invalidField: "role",
  },
  {
    name: "updateOrganizationMemberRoleAction",
    action: "updateOrganizationMemberRole",
    call: O.updateOrganizationMemberRoleAction,
    valid: async () => {
      const org = await newOrg();
      return { organization_id: org.id, user_id: (await newMember(org.id)).id, role: "org:admin" };
    },
    invalid: { organization_id: "org_1", user_id: "bob", role: "org:admin" },
    invalidField: "user_id",
  },
  {
    name: "removeOrganizationMemberAction",
    action: "removeOrganizationMember",
    call: O.removeOrganizationMemberAction,
    valid: async () => {
      const org = await newOrg();
      return { organization_id: org.id, user_id: (await newMember(org.id)).id };
    },
    invalid: { organization_id: "org_1" },
    invalidField: "user_id",
  },
  {
    name: "inviteToOrganizationAction",
    action: "createOrganizationInvitation",
    call: O.inviteToOrganizationAction,
    valid: async () => ({
      organization_id: (await newOrg()).id,
      email: `inv-${stamp()}@example.com`,
      role: "org:member",
    }),
    invalid: { organization_id: "org_1", email: "not-an-email", role: "org:member" },
    invalidField: "email",
  },
  {
    name: "revokeOrganizationInvitationAction",
    action: "revokeOrganizationInvitation",
    call: O.revokeOrganizationInvitationAction,
    valid: async () => {
      const org = await newOrg();
      const inv = await fx.ctx.clerk.organizations.createOrganizationInvitation({
        organizationId: org.id,
        emailAddress: `rev-${stamp()}@example.com`,
        role: "org:member",
      });
      return { organization_id: org.id, invitation_id: inv.id };
    },
    invalid: { organization_id: "org_1", invitation_id: "inv_1" },
    invalidField: "invitation_id",
  },
];

const writesSince = (mark: number) => fx.requestsSince(mark).filter((r) => r.method !== "GET");

describe.each(CASES)("$name", (c) => {
  it.each([
    ["signed out", null, "unauthenticated"],
    ["no console role", "none", "forbidden"],
    ["viewer", "viewer", "forbidden"],
  ] as const)("refuses %s before touching Clerk", async (_label, role, code) => {
    const input = await c.valid();
    who.current = role ? subject(role) : null;
    const mark = fx.mark();
    const r = await c.call(input);
    expect(r).toMatchObject({ ok: false, error: { code } });
    expect(fx.requestsSince(mark)).toEqual([]);
  });

  it("refuses invalid input for an admin with field errors, before touching Clerk", async () => {
    who.current = subject("admin");
    const mark = fx.mark();
    const r = await c.call(c.invalid);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("validation_failed");
      expect(Object.keys(r.error.fieldErrors ?? {})).toContain(c.invalidField);
    }
    expect(fx.requestsSince(mark)).toEqual([]);
  });

  it("runs for an admin, writes once and records an audit entry from the console", async () => {
    const input = await c.valid();
    who.current = subject("admin");
    const mark = fx.mark();
    const r = await c.call(input);
    expect(r).toMatchObject({ ok: true });
    const writes = writesSince(mark).map((w) => `${w.method} ${w.path} ${w.status}`);
    expect(writes, writes.join("; ")).toHaveLength(1);
    const { rows } = await listAudit({ action: c.action, source: "console", limit: 5 });
    expect(rows[0]).toMatchObject({ actorUserId: actorId, outcome: "ok", targetType: "organization" });
  });
});

describe("refusals that protect data", () => {
  it("creates with the admin as first member; a duplicate slug is refused and nothing is created", async () => {
    who.current = subject("admin");
    const slug = `dup-${stamp()}`;
    const first = await O.createOrganizationAction({ name: "Dup One", slug });
    expect(first).toMatchObject({ ok: true });
    if (first.ok)
      expect(fx.lc.state.organizations.memberships.get(first.data.id, actorId)?.role).toBe("org:admin");
    const mark = fx.mark();
    const second = await O.createOrganizationAction({ name: "Dup Two", slug });
    expect(second).toMatchObject({ ok: false, error: { message: expect.stringContaining("taken") } });
    expect(writesSince(mark)).toEqual([]);
  });

  it("deletes nothing when the typed slug does not match", async () => {
    who.current = subject("admin");
    const org = await newOrg();
    const mark = fx.mark();
    const r = await O.deleteOrganizationAction({ organization_id: org.id, confirm_slug: `${org.slug}x` });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining("does not match") } });
    expect(writesSince(mark)).toEqual([]);
    expect(fx.lc.state.organizations.orgs.get(org.id)).toBeDefined();
  });

  it("adding by an email nobody has says to invite instead; an unknown role is refused", async () => {
    who.current = subject("admin");
    const org = await newOrg();
    const u = await newUser();
    const mark = fx.mark();
    const r = await O.addOrganizationMemberAction({
      organization_id: org.id,
      user: "nobody-here@example.com",
      role: "org:member",
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: "validation_failed", message: expect.stringContaining("Invite them") },
    });
    const bad = await O.addOrganizationMemberAction({
      organization_id: org.id,
      user: u.email,
      role: "org:ghost",
    });
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringContaining("Unknown role") } });
    expect(writesSince(mark)).toEqual([]);
  });

  it("saveOrganizationMetadataAction refuses a stale updated_at with the fresh state, and over-8 KB patches", async () => {
    who.current = subject("admin");
    const org = await newOrg();
    await new Promise((r) => setTimeout(r, 5));
    await fx.ctx.clerk.organizations.updateOrganizationMetadata(org.id, {
      publicMetadata: { plan: "enterprise" },
    });
    const mark = fx.mark();
    const r = await O.saveOrganizationMetadataAction({
      organization_id: org.id,
      kind: "public",
      patch: '{"plan":"pro"}',
      expected_updated_at: org.updatedAt,
    });
    expect(r).toMatchObject({ ok: false, error: { code: "conflict" } });
    if (!r.ok) expect(r.fresh?.public).toEqual({ plan: "enterprise" });
    const fresh = await fx.ctx.clerk.organizations.getOrganization({ organizationId: org.id });
    const big = await O.saveOrganizationMetadataAction({
      organization_id: org.id,
      kind: "private",
      patch: JSON.stringify({ blob: "x".repeat(8200) }),
      expected_updated_at: fresh.updatedAt,
    });
    expect(big).toMatchObject({
      ok: false,
      error: { code: "validation_failed", message: expect.stringMatching(/8192/) },
    });
    expect(writesSince(mark)).toEqual([]);
  });
});
