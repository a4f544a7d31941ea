// Every console server action, called as the browser would call it, for every role: authorization first,
// then the action's zod validation, then the real write against an in-process Local Clerk with the audit
// row on PGlite. Only the identity source (Clerk's auth() in a Next request) is replaced.
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
const U = await import("./users");
const I = await import("./invitations");
const S = await import("./sessions");

let fx: Awaited<ReturnType<typeof startConsoleActionFixture>>;
let seq = 0;

beforeAll(async () => {
  fx = await startConsoleActionFixture();
}, 120_000);

afterAll(async () => {
  await fx?.stop();
});

const subject = (role: ConsoleAuth["role"]) => authAs(role, "user_actor");

async function newUser(extra: Record<string, unknown> = {}) {
  const email = `act-${Date.now()}-${seq++}@example.com`;
  const user = await fx.ctx.clerk.users.createUser({ emailAddress: [email], ...extra });
  return { id: user.id, email, updatedAt: user.updatedAt };
}

type Case = {
  name: string;
  // A method, so its parameter is checked bivariantly: the cases send hand-crafted input, as any client can.
  call(input: unknown): Promise<ActionResult<unknown, unknown>>;
  valid: () => Promise<unknown>;
  invalid: unknown;
  invalidField: string;
};

const CASES: Case[] = [
  {
    name: "banUserAction",
    call: U.banUserAction,
    valid: async () => ({ user_id: (await newUser()).id }),
    invalid: { user_id: "bob" },
    invalidField: "user_id",
  },
  {
    name: "unbanUserAction",
    call: U.unbanUserAction,
    valid: async () => {
      const u = await newUser();
      await fx.ctx.clerk.users.banUser(u.id);
      return { user_id: u.id };
    },
    invalid: {},
    invalidField: "user_id",
  },
  {
    name: "lockUserAction",
    call: U.lockUserAction,
    valid: async () => ({ user_id: (await newUser()).id }),
    invalid: { user_id: 42 },
    invalidField: "user_id",
  },
  {
    name: "unlockUserAction",
    call: U.unlockUserAction,
    valid: async () => {
      const u = await newUser();
      await fx.ctx.clerk.users.lockUser(u.id);
      return { user_id: u.id };
    },
    invalid: { user_id: "user_x", extra: 1 },
    invalidField: "_form",
  },
  {
    name: "saveUserMetadataAction",
    call: U.saveUserMetadataAction,
    valid: async () => {
      const u = await newUser();
      return { user_id: u.id, kind: "public", patch: '{"plan":"pro"}', expected_updated_at: u.updatedAt };
    },
    invalid: { user_id: "user_abc", kind: "secret", patch: "{}", expected_updated_at: 1 },
    invalidField: "kind",
  },
  {
    name: "revokeSessionAction",
    call: S.revokeSessionAction,
    valid: async () => ({
      session_id: (await fx.ctx.clerk.sessions.createSession({ userId: (await newUser()).id })).id,
    }),
    invalid: { session_id: "'; DROP TABLE users; --" },
    invalidField: "session_id",
  },
  {
    name: "createInvitationAction",
    call: I.createInvitationAction,
    valid: async () => ({
      email: `inv-${Date.now()}-${seq++}@example.com`,
      public_metadata: '{"role":"viewer"}',
      expires_in_days: 7,
      notify: false,
    }),
    invalid: { email: "x@example.com", expires_in_days: 0 },
    invalidField: "expires_in_days",
  },
  {
    name: "revokeInvitationAction",
    call: I.revokeInvitationAction,
    valid: async () => ({
      invitation_id: (
        await fx.ctx.clerk.invitations.createInvitation({
          emailAddress: `rv-${Date.now()}-${seq++}@example.com`,
        })
      ).id,
    }),
    invalid: { invitation_id: "inv-!" },
    invalidField: "invitation_id",
  },
  {
    name: "bulkInviteAction",
    call: I.bulkInviteAction,
    valid: async () => ({ text: `bulk-${Date.now()}-${seq++}@example.com` }),
    invalid: { text: 5 },
    invalidField: "text",
  },
];

const writesSince = (mark: number) => fx.requestsSince(mark).filter((r) => r.method !== "GET");

describe.each(CASES)("$name", (c) => {
  it.each([
    ["signed out", null, "unauthenticated"],
    ["no console role", subject("none"), "forbidden"],
    ["viewer", subject("viewer"), "forbidden"],
  ] as const)("refuses %s before touching Clerk", async (_label, actor, code) => {
    const input = await c.valid();
    who.current = actor;
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
      expect(Object.keys((r.error as { fieldErrors?: object }).fieldErrors ?? {})).toContain(c.invalidField);
    }
    expect(fx.requestsSince(mark)).toEqual([]);
  });

  it("runs for an admin, writes once and records an audit entry from the console", async () => {
    const input = await c.valid();
    who.current = subject("admin");
    const mark = fx.mark();
    const r = await c.call(input);
    expect(r).toMatchObject({ ok: true });
    expect(writesSince(mark).length).toBeGreaterThanOrEqual(1);
    const action = c.name
      .replace(/Action$/, "")
      .replace("saveUserMetadata", "updateUserMetadata")
      .replace("bulkInvite", "createInvitation");
    const { rows } = await listAudit({ action, source: "console", limit: 5 });
    expect(rows[0]).toMatchObject({ actorUserId: "user_actor", outcome: "ok" });
  });
});

describe("refusals that protect data", () => {
  it("saveUserMetadataAction refuses a stale updated_at with conflict + fresh state, and writes nothing", async () => {
    who.current = subject("admin");
    const u = await newUser();
    await new Promise((r) => setTimeout(r, 5));
    await fx.ctx.clerk.users.updateUserMetadata(u.id, { publicMetadata: { plan: "enterprise" } });
    const mark = fx.mark();
    const r = await U.saveUserMetadataAction({
      user_id: u.id,
      kind: "public",
      patch: '{"plan":"pro"}',
      expected_updated_at: u.updatedAt,
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: "conflict", message: expect.stringContaining("changed meanwhile") },
    });
    if (!r.ok) expect(r.fresh?.public).toEqual({ plan: "enterprise" });
    expect(writesSince(mark)).toEqual([]);
    expect((await fx.ctx.clerk.users.getUser(u.id)).publicMetadata).toEqual({ plan: "enterprise" });
  });

  it.each([
    ['{"plan": pro}', /Invalid JSON/],
    ["[1]", /must be a JSON object/],
    [JSON.stringify({ blob: "x".repeat(8200) }), /8192/],
  ])("saveUserMetadataAction refuses %s with a clear message", async (patch, message) => {
    who.current = subject("admin");
    const u = await newUser();
    const mark = fx.mark();
    const r = await U.saveUserMetadataAction({
      user_id: u.id,
      kind: "private",
      patch,
      expected_updated_at: u.updatedAt,
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: "validation_failed", message: expect.stringMatching(message) },
    });
    expect(writesSince(mark)).toEqual([]);
  });

  it("revokeSessionAction refuses a session that is no longer active (pre-check), and writes nothing", async () => {
    who.current = subject("admin");
    const session = await fx.ctx.clerk.sessions.createSession({ userId: (await newUser()).id });
    await fx.ctx.clerk.sessions.revokeSession(session.id);
    const mark = fx.mark();
    const r = await S.revokeSessionAction({ session_id: session.id });
    expect(r).toMatchObject({
      ok: false,
      error: { code: "conflict", message: expect.stringContaining("already revoked") },
    });
    expect(writesSince(mark)).toEqual([]);
  });

  it("createInvitationAction refuses an existing user's email and a second pending invitation", async () => {
    who.current = subject("admin");
    const u = await newUser();
    const existing = await I.createInvitationAction({ email: u.email });
    expect(existing).toMatchObject({
      ok: false,
      error: { code: "conflict", fieldErrors: { email: [expect.stringContaining("already exists")] } },
    });
    const email = `twice-${Date.now()}@example.com`;
    expect(await I.createInvitationAction({ email, notify: false })).toMatchObject({ ok: true });
    expect(await I.createInvitationAction({ email, notify: false })).toMatchObject({
      ok: false,
      error: { code: "conflict", message: expect.stringContaining("pending invitation") },
    });
  });

  it("bulkInviteAction reports the bad row and invites the rest", async () => {
    who.current = subject("admin");
    const a = `bulk-a-${Date.now()}@example.com`;
    const b = `bulk-b-${Date.now()}@example.com`;
    const r = await I.bulkInviteAction({ text: `${a}\nnot-an-email\n${b}`, notify: false });
    expect(r).toMatchObject({
      ok: true,
      data: [
        { row: 1, email: a, status: "invited" },
        { row: 2, email: "not-an-email", status: "skipped", message: "Not a valid email address" },
        { row: 3, email: b, status: "invited" },
      ],
    });
    const { data } = await fx.ctx.clerk.invitations.getInvitationList({ status: "pending", limit: 500 });
    expect(data.map((i) => i.emailAddress)).toEqual(expect.arrayContaining([a, b]));
  });
});
