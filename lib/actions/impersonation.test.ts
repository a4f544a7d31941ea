// Impersonation through the console's server actions, for every role, against an in-process Local Clerk
// (real @clerk/backend over HTTP) and the audit store on PGlite. Only Clerk's auth() is replaced.
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
const { getDb } = await import("@/lib/db/client");
const { listAudit } = await import("@/lib/audit/audit");
const { approvals } = await import("@/lib/db/schema");
const { actions } = await import("@/lib/clerk/registry");
const I = await import("./impersonation");

let fx: Awaited<ReturnType<typeof startConsoleActionFixture>>;
let adminId = "";
let seq = 0;

beforeAll(async () => {
  fx = await startConsoleActionFixture();
  adminId = fx.adminId;
}, 120_000);

afterAll(async () => {
  await fx?.stop();
});

const as = (role: ConsoleAuth["role"]) => authAs(role, adminId);

async function newUser() {
  return fx.ctx.clerk.users.createUser({ emailAddress: [`imp-${Date.now()}-${seq++}@example.com`] });
}

function ok<T>(r: ActionResult<T, unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data as T;
}

const auditOf = async (action: string) => (await listAudit({ action, limit: 1000 }, await getDb())).rows;

describe("impersonateUser from the console", () => {
  it("creates an actor token with act.sub = the admin; the audit keeps who, whom, why and the token id, never the link", async () => {
    who.current = as("admin");
    const user = await newUser();
    const mark = fx.mark();
    const out = ok(await I.impersonateUserAction({ user_id: user.id, reason: "Ticket #42: checkout fails" }));
    expect(out.url).toMatch(/^https?:\/\/.*ticket=/);
    expect(out.expires_at - Date.now()).toBeGreaterThan(590_000);
    expect(out.expires_at - Date.now()).toBeLessThanOrEqual(600_000);
    const posts = fx.requestsSince(mark).filter((e) => e.method === "POST");
    expect(posts.map((e) => e.path)).toEqual(["/v1/actor_tokens"]);

    // The token in Local Clerk names the admin as actor.
    expect(fx.lc.state.tickets.get(out.id)).toMatchObject({
      kind: "actor_token",
      user_id: user.id,
      actor: { sub: adminId },
    });

    const [row] = (await auditOf("impersonateUser")).filter((r) => r.targetId === user.id);
    expect(row).toMatchObject({
      outcome: "ok",
      actorUserId: adminId,
      targetType: "user",
      targetId: user.id,
      arguments: { user_id: user.id, reason: "Ticket #42: checkout fails" },
      after: { id: out.id, actor_user_id: adminId, url: "[secret]", token: "[secret]" },
    });
    const secret = new URL(out.url).searchParams.get("ticket") ?? "";
    expect(secret.length).toBeGreaterThan(20);
    expect(JSON.stringify(row)).not.toContain(secret);
    const stored = await (await getDb()).select().from(approvals);
    expect(JSON.stringify(stored)).not.toContain(secret);

    const active = ok(await I.listImpersonationsAction({ user_id: user.id }));
    expect(active).toEqual([
      expect.objectContaining({
        token_id: out.id,
        user_id: user.id,
        admin_user_id: adminId,
        reason: "Ticket #42: checkout fails",
        revoked: false,
        active: true,
      }),
    ]);
  });

  it.each([
    ["an empty reason", { reason: "" }, "reason"],
    ["a blank reason", { reason: "   " }, "reason"],
    ["no reason", {}, "reason"],
    ["a reason over 500 characters", { reason: "x".repeat(501) }, "reason"],
    ["an expiry over an hour", { reason: "valid reason", expires_in_seconds: 3601 }, "expires_in_seconds"],
  ])("refuses %s with a clear error and nothing created", async (_name, extra, field) => {
    who.current = as("admin");
    const user = await newUser();
    const before = fx.lc.state.revision;
    const audits = (await auditOf("impersonateUser")).length;
    const r = await I.impersonateUserAction({ user_id: user.id, ...extra } as never);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("validation_failed");
      expect(Object.keys(r.error.fieldErrors ?? {})).toContain(field);
    }
    expect(fx.lc.state.revision).toBe(before);
    expect((await auditOf("impersonateUser")).length).toBe(audits);
  });

  it.each(["viewer", "none"] as const)(
    "%s cannot impersonate or revoke: forbidden, nothing created",
    async (role) => {
      who.current = as("admin");
      const user = await newUser();
      const made = ok(await I.impersonateUserAction({ user_id: user.id, reason: "role matrix" }));
      who.current = as(role);
      const before = fx.lc.state.revision;
      const r = await I.impersonateUserAction({ user_id: user.id, reason: "not allowed" });
      expect(r).toMatchObject({ ok: false, error: { code: "forbidden" } });
      const rv = await I.revokeImpersonationAction({ user_id: user.id, actor_token_id: made.id });
      expect(rv).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(fx.lc.state.revision).toBe(before);
      who.current = null;
      expect(await I.impersonateUserAction({ user_id: user.id, reason: "signed out" })).toMatchObject({
        ok: false,
      });
      expect(fx.lc.state.revision).toBe(before);
    },
  );

  it("the chat, MCP and REST surfaces are refused: the link is a console-only secret", async () => {
    const { consoleOnlyReason } = await import("@/lib/clerk/define-action");
    expect(consoleOnlyReason(actions.impersonateUser, { user_id: "user_x", reason: "abc" })).toMatch(
      /console/,
    );
  });
});

describe("revokeImpersonation", () => {
  it("revokes a pending token: the audit marks it revoked and it leaves the active list; a second revoke is refused", async () => {
    who.current = as("admin");
    const user = await newUser();
    const made = ok(await I.impersonateUserAction({ user_id: user.id, reason: "Ticket #7" }));
    ok(await I.revokeImpersonationAction({ user_id: user.id, actor_token_id: made.id }));
    const [row] = (await auditOf("revokeImpersonation")).filter((r) => r.targetId === user.id);
    expect(row).toMatchObject({
      outcome: "ok",
      actorUserId: adminId,
      after: { id: made.id, status: "revoked" },
    });
    expect(ok(await I.listImpersonationsAction({ user_id: user.id }))).toEqual([]);
    const all = await actions.listImpersonations.run({ user_id: user.id, include_inactive: true }, fx.ctx);
    expect(all.impersonations).toEqual([
      expect.objectContaining({ token_id: made.id, revoked: true, active: false }),
    ]);

    const before = fx.lc.state.revision;
    const again = await I.revokeImpersonationAction({ user_id: user.id, actor_token_id: made.id });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toMatch(/already revoked/);
    expect(fx.lc.state.revision).toBe(before);
  });

  it("refuses a token this console never created for that user (forged id), nothing revoked", async () => {
    who.current = as("admin");
    const user = await newUser();
    const other = await newUser();
    const made = ok(await I.impersonateUserAction({ user_id: other.id, reason: "other user" }));
    const before = fx.lc.state.revision;
    const forged = await I.revokeImpersonationAction({ user_id: user.id, actor_token_id: made.id });
    expect(forged.ok).toBe(false);
    if (!forged.ok) expect(forged.error.message).toMatch(/audit log/);
    const bad = await I.revokeImpersonationAction({ user_id: user.id, actor_token_id: "sit_123" });
    expect(bad).toMatchObject({ ok: false, error: { code: "validation_failed" } });
    expect(fx.lc.state.revision).toBe(before);
  });
});
