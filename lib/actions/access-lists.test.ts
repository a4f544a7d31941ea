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

const { startClerkFixture, settle } = await import("@/test/support/clerk-fixture");
const { closeDb, getDb } = await import("@/lib/db/client");
const { listAudit } = await import("@/lib/audit/audit");
const A = await import("./access-lists");
const { createInvitationAction } = await import("./invitations");

let fx: Awaited<ReturnType<typeof startClerkFixture>>;
let seq = 0;
let actorId = "";

beforeAll(async () => {
  fx = await startClerkFixture({ seedUsers: 5 });
  process.env.CLERK_SECRET_KEY = "sk_live_local_clerk_0123456789abcdef0123456789abcdef";
  process.env.CLERK_API_URL = fx.lc.url;
  process.env.DATABASE_DIR = ":memory:";
  actorId = fx.userIdByEmail("admin@example.com");
  await closeDb();
  await getDb();
}, 120_000);

afterAll(async () => {
  await closeDb();
  await fx?.stop();
});

const subject = (role: ConsoleAuth["role"]): ConsoleAuth => ({
  userId: actorId,
  sessionId: "sess_actor",
  email: `${role}@example.com`,
  role,
  roleSource: "claims",
});
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
