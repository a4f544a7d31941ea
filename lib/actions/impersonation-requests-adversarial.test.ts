// Adversarial suite for support's impersonation (lib/auth/policy grant `approval`): the request waits
// in Approvals, only an admin may approve it, and only its requester may turn it into the link, once.
// Every attack below must leave Local Clerk without a new actor token (its request log has no
// POST /v1/actor_tokens). Real server actions, in-process Local Clerk, PGlite; only Clerk's auth() is replaced.
import { eq } from "drizzle-orm";
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

const { startClerkFixture } = await import("@/test/support/clerk-fixture");
const { closeDb, getDb } = await import("@/lib/db/client");
const { listAudit } = await import("@/lib/audit/audit");
const { approvals } = await import("@/lib/db/schema");
const I = await import("./impersonation");
const A = await import("./approvals");

type Fixture = Awaited<ReturnType<typeof startClerkFixture>>;
let fx: Fixture;
let adminId = "";
let supportId = "";
let viewerId = "";
let seq = 0;

beforeAll(async () => {
  fx = await startClerkFixture({ seedUsers: 5 });
  process.env.CLERK_SECRET_KEY = "sk_live_local_clerk_0123456789abcdef0123456789abcdef";
  process.env.CLERK_API_URL = fx.lc.url;
  process.env.DATABASE_DIR = ":memory:";
  adminId = fx.userIdByEmail("admin@example.com");
  supportId = fx.userIdByEmail("support@example.com");
  viewerId = fx.userIdByEmail("viewer@example.com");
  await closeDb();
  await getDb();
}, 120_000);

afterAll(async () => {
  await closeDb();
  await fx?.stop();
});

const person = (userId: string, role: ConsoleAuth["role"]): ConsoleAuth => ({
  userId,
  sessionId: `sess_${role}`,
  email: `${role}@example.com`,
  role,
  roleSource: "claims",
});
const admin = () => person(adminId, "admin");
const support = () => person(supportId, "support");

async function newUser() {
  return fx.ctx.clerk.users.createUser({ emailAddress: [`impreq-${Date.now()}-${seq++}@example.com`] });
}

function ok<T>(r: ActionResult<T, unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data as T;
}

const actorTokenPosts = (mark: number) =>
  fx.requestsSince(mark, { method: "POST", pathPrefix: "/v1/actor_tokens" }).length;

async function rowOf(id: string) {
  const [row] = await (await getDb()).select().from(approvals).where(eq(approvals.id, id));
  if (!row) throw new Error(`no approval ${id}`);
  return row;
}

/** Support asks; returns the pending request's approval id. */
async function requestFor(userId: string, reason = "Ticket #7: cannot see invoices") {
  who.current = support();
  return ok(await I.requestImpersonationAction({ user_id: userId, reason })).approval_id;
}

async function decideAs(actor: ConsoleAuth, approvalId: string, approved = true) {
  who.current = actor;
  const row = await rowOf(approvalId);
  return A.decideApprovalsAction({ decisions: [{ approvalId, approved, argsHash: row.argsHash }] });
}

async function createLinkAs(actor: ConsoleAuth | null, approvalId: string) {
  who.current = actor;
  return I.createApprovedImpersonationLinkAction({ approval_id: approvalId });
}

describe("support requests, an admin approves, support creates the link once", () => {
  it("the honest flow: nothing in Clerk until the link is created; actor = support, approver = admin in the audit", async () => {
    const user = await newUser();
    const mark = fx.mark();
    const id = await requestFor(user.id);
    expect(await rowOf(id)).toMatchObject({ status: "pending", adminUserId: supportId, source: "console" });

    // Before approval: refused.
    expect(await createLinkAs(support(), id)).toMatchObject({ ok: false, error: { code: "forbidden" } });

    const decided = ok(await decideAs(admin(), id));
    expect(decided).toEqual([expect.objectContaining({ ok: true, status: "approved" })]);
    expect(actorTokenPosts(mark), "approving creates nothing; the link goes to the requester").toBe(0);

    const link = ok(await createLinkAs(support(), id));
    expect(link.url).toMatch(/^https?:\/\/.*ticket=/);
    expect(actorTokenPosts(mark)).toBe(1);
    expect(fx.lc.state.tickets.get(link.id)).toMatchObject({ user_id: user.id, actor: { sub: supportId } });
    const [entry] = (await listAudit({ action: "impersonateUser", limit: 1000 }, await getDb())).rows.filter(
      (r) => r.targetId === user.id,
    );
    expect(entry).toMatchObject({
      outcome: "ok",
      actorUserId: supportId,
      approverUserId: adminId,
      approvalId: id,
      arguments: { user_id: user.id, reason: "Ticket #7: cannot see invoices" },
      after: { url: "[secret]", token: "[secret]" },
    });

    // Replayed: the approval was used.
    expect(await createLinkAs(support(), id)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(actorTokenPosts(mark), "a replay creates no second token").toBe(1);
  });
});

describe("attacks: nothing created in Local Clerk", () => {
  it.each([
    ["support", () => support()],
    ["viewer", () => person(viewerId, "viewer")],
    ["a role-less member", () => person("user_member0", "none")],
  ])("approval by %s is refused; the request stays pending and cannot be used", async (_name, by) => {
    const user = await newUser();
    const id = await requestFor(user.id);
    const mark = fx.mark();
    expect(await decideAs(by(), id)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await rowOf(id)).status).toBe("pending");
    expect(await createLinkAs(support(), id)).toMatchObject({ ok: false });
    expect(actorTokenPosts(mark)).toBe(0);
  });

  it("a decision forged in the store by the requester (decidedBy = support) is refused at use", async () => {
    const user = await newUser();
    const id = await requestFor(user.id);
    await (await getDb())
      .update(approvals)
      .set({ status: "approved", decidedBy: supportId, decidedAt: new Date() })
      .where(eq(approvals.id, id));
    const mark = fx.mark();
    expect(await createLinkAs(support(), id)).toMatchObject({
      ok: false,
      error: { code: "forbidden", message: expect.stringMatching(/admin's approval/) },
    });
    expect(actorTokenPosts(mark)).toBe(0);
  });

  it.each([
    ["an approval id that does not exist", () => "apr_0000forged0000"],
    ["a malformed id", () => "act_notanapproval"],
  ])("%s: refused", async (_name, idOf) => {
    const mark = fx.mark();
    const r = await createLinkAs(support(), idOf());
    expect(r.ok).toBe(false);
    expect(actorTokenPosts(mark)).toBe(0);
  });

  it("another requester's approved request cannot be used (not theirs), nor by an admin, viewer or signed-out caller", async () => {
    const user = await newUser();
    const id = await requestFor(user.id);
    ok(await decideAs(admin(), id));
    const mark = fx.mark();
    const otherSupport = person("user_othersupport", "support");
    expect(await createLinkAs(otherSupport, id)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await createLinkAs(admin(), id)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await createLinkAs(person(viewerId, "viewer"), id)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await createLinkAs(null, id)).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect(actorTokenPosts(mark)).toBe(0);
    expect((await rowOf(id)).status).toBe("approved");
  });

  it("a requester demoted to viewer after the approval can no longer use it", async () => {
    const user = await newUser();
    const id = await requestFor(user.id);
    ok(await decideAs(admin(), id));
    const mark = fx.mark();
    expect(await createLinkAs(person(supportId, "viewer"), id)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(actorTokenPosts(mark)).toBe(0);
  });

  it("expired: an approved request past its expiry is refused", async () => {
    const user = await newUser();
    const id = await requestFor(user.id);
    ok(await decideAs(admin(), id));
    await (await getDb())
      .update(approvals)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(approvals.id, id));
    const mark = fx.mark();
    expect(await createLinkAs(support(), id)).toMatchObject({
      ok: false,
      error: { code: "forbidden", message: expect.stringMatching(/expired/) },
    });
    expect(actorTokenPosts(mark)).toBe(0);
  });

  it("tampered: arguments changed in the store after approval (a longer link) are refused", async () => {
    const user = await newUser();
    const id = await requestFor(user.id);
    ok(await decideAs(admin(), id));
    await (await getDb())
      .update(approvals)
      .set({ args: { user_id: user.id, reason: "Ticket #7: cannot see invoices", expires_in_seconds: 3600 } })
      .where(eq(approvals.id, id));
    const mark = fx.mark();
    expect(await createLinkAs(support(), id)).toMatchObject({
      ok: false,
      error: { code: "forbidden", message: expect.stringMatching(/differ/) },
    });
    expect(actorTokenPosts(mark)).toBe(0);
  });

  it("a denied request cannot be used", async () => {
    const user = await newUser();
    const id = await requestFor(user.id);
    ok(await decideAs(admin(), id, false));
    const mark = fx.mark();
    expect(await createLinkAs(support(), id)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(actorTokenPosts(mark)).toBe(0);
  });

  it("the target banned after approval: refused as changed, nothing created", async () => {
    const user = await newUser();
    const id = await requestFor(user.id);
    ok(await decideAs(admin(), id));
    await fx.ctx.clerk.users.banUser(user.id);
    const mark = fx.mark();
    expect(await createLinkAs(support(), id)).toMatchObject({
      ok: false,
      error: { code: "forbidden", message: expect.stringMatching(/changed/) },
    });
    expect(actorTokenPosts(mark)).toBe(0);
  });

  it("who may request: support yes; an admin is told to create it directly; viewer and member are refused", async () => {
    const user = await newUser();
    const mark = fx.mark();
    for (const [actor, code] of [
      [admin(), "forbidden"],
      [person(viewerId, "viewer"), "forbidden"],
      [person("user_member0", "none"), "forbidden"],
      [null, "unauthenticated"],
    ] as const) {
      who.current = actor;
      expect(await I.requestImpersonationAction({ user_id: user.id, reason: "valid reason" })).toMatchObject({
        ok: false,
        error: { code },
      });
    }
    who.current = support();
    expect(await I.requestImpersonationAction({ user_id: user.id, reason: "" })).toMatchObject({
      ok: false,
      error: { code: "validation_failed" },
    });
    // Support cannot skip the request: the direct action refuses its role.
    expect(await I.impersonateUserAction({ user_id: user.id, reason: "valid reason" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(actorTokenPosts(mark)).toBe(0);
  });
});
