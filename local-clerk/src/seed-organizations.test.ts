import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startTestClerk } from "@/test/support/local-clerk";
import { seedState } from "./seed";
import { BILLING_ROLE, organizationCount } from "./seed-organizations";
import { State } from "./state/store";

const ANCHOR = Date.UTC(2026, 10, 1);

function seeded(users: number, seed?: number) {
  const state = new State();
  const result = seedState(state, { users, seed, anchor: ANCHOR });
  return { state, result };
}

const fingerprint = (s: State) => {
  const snap = s.snapshot();
  return JSON.stringify([
    snap.organizations,
    snap.organization_memberships,
    snap.organization_invitations,
    snap.organization_roles,
    snap.organization_permissions,
  ]);
};

describe("organization seed", () => {
  it("scales with the user count: about 40 at 500 users and 2,000 at 100,000", () => {
    expect(organizationCount(500)).toBe(40);
    expect(organizationCount(100_000)).toBeGreaterThanOrEqual(1_950);
    expect(organizationCount(100_000)).toBeLessThanOrEqual(2_050);
    expect(organizationCount(5)).toBe(0);
  });

  it("is deterministic for the same size, seed and anchor, and differs for another seed", () => {
    const a = seeded(500);
    expect(fingerprint(seeded(500).state)).toBe(fingerprint(a.state));
    expect(fingerprint(seeded(500, 7).state)).not.toBe(fingerprint(a.state));
    expect(a.result.organizations).toEqual({
      organizations: 40,
      memberships: expect.any(Number),
      invitations: 4,
    });
  });

  it("has members in both default roles and the custom org:billing role, and pending invitations", () => {
    const { state } = seeded(500);
    const d = state.organizations;
    const roles = new Map<string, number>();
    for (const m of d.memberships.all()) roles.set(m.role, (roles.get(m.role) ?? 0) + 1);
    expect(roles.get("org:admin")).toBeGreaterThan(40);
    expect(roles.get("org:member")).toBeGreaterThan(100);
    expect(roles.get(BILLING_ROLE)).toBeGreaterThan(5);
    expect(d.roles.permissionKeys(BILLING_ROLE)).toEqual(
      expect.arrayContaining(["org:billing:read", "org:billing:manage", "org:sys_billing:manage"]),
    );
    for (const org of d.orgs.all()) {
      expect(d.memberships.count(org.id)).toBeGreaterThanOrEqual(2);
      // The creator is an admin of the organization.
      expect(d.memberships.get(org.id, org.created_by as string)?.role).toBe("org:admin");
    }
    const admin = state.findUserByEmail("admin@example.com")!;
    const acme = d.orgs.findByIdOrSlug("acme-corp")!;
    expect(d.memberships.get(acme.id, admin.id)?.role).toBe("org:admin");
    expect(d.memberships.get(acme.id, state.findUserByEmail("jane@acme.com")!.id)?.role).toBe("org:member");
    const invs = [...d.invitations.all()];
    expect(invs.filter((i) => i.status === "pending").length).toBeGreaterThanOrEqual(3);
    // Seeded memberships are not "activated": a seeded account's first session has no active organization.
    expect(d.active.forUser(admin.id)).toBeNull();
  });

  it("persists organizations, memberships, invitations, roles and active organizations across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "local-clerk-orgs-"));
    try {
      const first = await startTestClerk({ dataDir: dir, seedUsers: 60 });
      const d = first.state.organizations;
      const admin = first.state.findUserByEmail("admin@example.com")!;
      const org = d.createOrganization({ name: "Persisted", createdBy: admin.id, publicMetadata: { a: 1 } });
      d.roles.createRole({ key: "org:persisted", name: "Persisted" });
      const session = first.state.createSession(admin.id, first.state.createClient().id);
      d.active.set(session.id, org.id);
      const before = fingerprint(first.state);
      await first.stop();

      const second = await startTestClerk({ dataDir: dir });
      expect(second.seeded).toBeUndefined();
      expect(fingerprint(second.state)).toBe(before);
      const d2 = second.state.organizations;
      expect(d2.orgs.findByIdOrSlug("persisted")?.public_metadata).toEqual({ a: 1 });
      expect(d2.memberships.get(org.id, admin.id)?.role).toBe("org:admin");
      expect(d2.roles.roleByKeyOrUndefined("org:persisted")?.name).toBe("Persisted");
      expect(second.state.sessions.getSession(session.id)?.last_active_organization_id).toBe(org.id);
      await second.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
