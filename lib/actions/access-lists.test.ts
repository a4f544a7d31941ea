// The access-list server actions as the browser calls them: authorization first, then validation, then the
// real write against an in-process Local Clerk with the audit row on PGlite; the invite form's server
// action refuses a block-listed email with no Clerk write. Only the identity source is replaced.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ConsoleAuth } from "@/lib/auth";

process.env.LOG_LEVEL = "silent";
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const who = vi.hoisted(() => ({ current: null as ConsoleAuth | null }));
vi.mock("@/lib/auth/console-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/console-auth")>()),
  getConsoleAuth: async () => who.current,
}));

const { settle } = await import("@/test/support/clerk-fixture");
const { authAs, startConsoleActionFixture } = await import("@/test/support/console-actions");
const { listAudit } = await import("@/lib/audit/audit");
const A = await import("./access-lists");
const { createInvitationAction } = await import("./invitations");

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
const fresh = () => `acl-${Date.now()}-${seq++}@lists.test`;
const writesSince = async (mark: number) => {
  await settle();
  return fx.requestsSince(mark).filter((r) => r.method !== "GET");
};

describe.each(["allowlist", "blocklist"] as const)("%s server actions", (list) => {
  it.each([
    ["signed out", null, "unauthenticated"],
    ["no console role", "none", "forbidden"],
    ["viewer", "viewer", "forbidden"],
  ] as const)("refuses %s before touching Clerk", async (_label, role, code) => {
    who.current = role ? subject(role) : null;
    const mark = fx.mark();
    expect(await A.addAccessListIdentifierAction({ list, identifier: fresh() })).toMatchObject({
      ok: false,
      error: { code },
    });
    expect(await A.removeAccessListIdentifierAction({ list, identifier_id: "alid_x" })).toMatchObject({
      ok: false,
      error: { code },
    });
    await settle();
    expect(fx.requestsSince(mark)).toEqual([]);
  });

  it("adds and removes for an admin, one write each, audited from the console; bad input writes nothing", async () => {
    who.current = subject("admin");
    const identifier = fresh();
    let mark = fx.mark();
    const added = await A.addAccessListIdentifierAction({ list, identifier });
    expect(added).toMatchObject({ ok: true, data: { identifier } });
    expect(await writesSince(mark)).toHaveLength(1);
    const { rows } = await listAudit({
      action: list === "allowlist" ? "addAllowlistIdentifier" : "addBlocklistIdentifier",
      source: "console",
      limit: 1,
    });
    expect(rows[0]).toMatchObject({ actorUserId: actorId, outcome: "ok", targetType: "access_list" });

    mark = fx.mark();
    const dup = await A.addAccessListIdentifierAction({ list, identifier: identifier.toUpperCase() });
    expect(dup).toMatchObject({ ok: false, error: { message: expect.stringMatching(/already on the/) } });
    const bad = await A.addAccessListIdentifierAction({ list, identifier: "nope" });
    expect(bad).toMatchObject({ ok: false, error: { code: "validation_failed" } });
    if (!bad.ok) expect(Object.keys(bad.error.fieldErrors ?? {})).toContain("identifier");
    const unknown = await A.removeAccessListIdentifierAction({
      list,
      identifier_id: `${list === "allowlist" ? "alid" : "blid"}_unknown1`,
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await writesSince(mark)).toEqual([]);

    mark = fx.mark();
    const id = added.ok ? added.data.id : "";
    expect(await A.removeAccessListIdentifierAction({ list, identifier_id: id })).toMatchObject({ ok: true });
    expect(await writesSince(mark)).toHaveLength(1);
    expect(fx.lc.state.access.list(list).map((r) => r.id)).not.toContain(id);
  });
});

describe("the invite form and the block-list", () => {
  it("refuses to invite a block-listed email with a field error and no Clerk write", async () => {
    who.current = subject("admin");
    const email = fresh();
    expect(await A.addAccessListIdentifierAction({ list: "blocklist", identifier: email })).toMatchObject({
      ok: true,
    });
    const mark = fx.mark();
    const r = await createInvitationAction({ email });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fieldErrors?.email?.join(" ")).toMatch(/block-list/);
    expect(await writesSince(mark)).toEqual([]);
  });
});

describe("the invite form and the allow-list", () => {
  it("warns (no write) when the allow-list is on and does not cover the email; 'invite anyway' sends it", async () => {
    const { forgetRestrictions } = await import("@/lib/clerk/instance-restrictions");
    const { createOrganizationInvitation } = await import(
      "@/lib/clerk/actions/create-organization-invitation"
    );
    const { proposeWrite } = await import("@/lib/clerk/define-action");
    const { actionContext } = await import("@/lib/clerk/action-context");
    process.env.CLERK_FAPI_URL = fx.lc.url;
    who.current = subject("admin");
    const outside = `outside-${Date.now()}@elsewhere.test`;
    const covered = `inside-${Date.now()}@partner-allowed.test`;
    try {
      // Off: no warning, the invitation goes out at once.
      forgetRestrictions();
      const off = await createInvitationAction({ email: `off-${outside}` });
      expect(off.ok).toBe(true);

      await fx.ctx.clerk.allowlistIdentifiers.createAllowlistIdentifier({
        identifier: "partner-allowed.test",
        notify: false,
      });
      await fx.ctx.clerk.instance.updateRestrictions({ allowlist: true });
      forgetRestrictions();
      const mark = fx.mark();
      const warned = await createInvitationAction({ email: outside });
      expect(warned.ok).toBe(false);
      if (!warned.ok)
        expect(warned.error.fieldErrors?.allowlist?.join(" ")).toMatch(/outside the allow-list/);
      expect(await writesSince(mark)).toEqual([]);

      expect((await createInvitationAction({ email: covered })).ok).toBe(true);
      const anyway = await createInvitationAction({ email: outside, confirm_outside_allowlist: true });
      expect(anyway.ok).toBe(true);

      // The chat's approval card and a bulk plan read the same pre-check, as a warning that passes.
      const { data } = await fx.ctx.clerk.organizations.getOrganizationList({ limit: 1 });
      const proposal = await proposeWrite(
        createOrganizationInvitation,
        { organization_id: data[0]?.id, email: `org-${outside}`, role: "org:member" },
        actionContext({ clerk: fx.ctx.clerk }),
      );
      expect(proposal.checks.find((c) => c.id === "allowlist")).toMatchObject({ ok: true, warning: true });
    } finally {
      await fx.ctx.clerk.instance.updateRestrictions({ allowlist: false });
      delete process.env.CLERK_FAPI_URL;
      forgetRestrictions();
    }
  });
});
