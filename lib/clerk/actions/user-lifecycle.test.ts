// createUser, updateUserProfile, setPassword, revokeAllSessions and deleteUser through the one write
// executor, against a real Local Clerk (real @clerk/backend over HTTP) and a PGlite audit store: the
// write, its audit entry, its undo rule, and bad input refused with nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/lib/audit/audit";
import { executeUndo, proposeUndo } from "@/lib/audit/undo-execute";
import { setLogSink } from "@/lib/errors";
import { executeWrite } from "@/lib/writes/execute-write";
import { type ClerkFixture, failure, MISSING_USER, startClerkFixture } from "@/test/support/clerk-fixture";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { proposeWrite, SECRET_PLACEHOLDER, type WriteAction } from "../define-action";
import { actions } from "../registry";

setLogSink(() => {});
let fx: ClerkFixture;
let tdb: TestDatabase;
const actor = { userId: "user_admin_test", email: "admin@example.com" };
let n = 0;

beforeAll(async () => {
  [fx, tdb] = await Promise.all([startClerkFixture({ seedUsers: 10 }), createTestDatabase("pglite")]);
}, 60_000);
afterAll(async () => {
  await Promise.all([fx?.stop(), tdb?.destroy()]);
});

/** Proposes, then writes through the executor against the proposal's before-state (the console path). */
async function write(action: WriteAction, input: unknown) {
  const proposal = await proposeWrite(action, input, fx.ctx);
  const out = await executeWrite({
    db: tdb.db,
    ctx: fx.ctx,
    action,
    input: proposal.input,
    actor,
    source: "console",
    before: proposal.before,
  });
  return { proposal, ...out };
}

const revision = () => fx.lc.state.revision;
const fresh = () => `life-${Date.now()}-${n++}@example.com`;
const newUser = async (extra: Record<string, unknown> = {}) =>
  fx.ctx.clerk.users.createUser({ emailAddress: [fresh()], ...extra });
async function entry(auditId: string) {
  const { rows } = await listAudit({ limit: 1000 }, tdb.db);
  const row = rows.find((r) => r.id === auditId);
  if (!row) throw new Error(`no audit entry ${auditId}`);
  return row;
}

/** Bad input: a clear error and not one change in Local Clerk. */
async function refusesCleanly(action: WriteAction, input: unknown, pattern: RegExp) {
  const before = revision();
  const err = await failure(write(action, input));
  expect(`${err.message} ${JSON.stringify(err.fieldErrors ?? {})}`).toMatch(pattern);
  expect(revision()).toBe(before);
  return err;
}

describe("createUser", () => {
  it("creates the user, previews it, audits without the password, and refuses undo with a reason", async () => {
    const email = fresh();
    const input = {
      email,
      first_name: "Jane",
      last_name: "Doe",
      username: `jane${n}`,
      password: "correct-horse-battery",
      public_metadata: { plan: "pro" },
      private_metadata: { note: "vip" },
    };
    const { proposal, result, auditId } = await write(actions.createUser, input);
    expect(proposal.checks.every((c) => c.ok)).toBe(true);
    expect(proposal.after).toMatchObject({ email_address: email, password: "set (hidden)" });
    expect(result).toMatchObject({
      primary_email: email,
      first_name: "Jane",
      public_metadata: { plan: "pro" },
    });
    const stored = fx.lc.state.users.findByEmail(email);
    expect(stored?.username).toBe(input.username);
    expect(fx.lc.state.users.verifyPassword(stored?.id ?? "", "correct-horse-battery")).toBe(true);
    const row = await entry(auditId);
    expect(row.arguments).toMatchObject({ email, password: SECRET_PLACEHOLDER });
    expect(JSON.stringify(row)).not.toContain("correct-horse-battery");
    expect(actions.createUser.applied(input, await actions.createUser.snapshot(input, fx.ctx))).toBe(true);
    const undo = await failure(proposeUndo(auditId, fx.ctx, tdb.db));
    expect(undo.message).toMatch(/Delete user/);
  });

  it("creates a user without a password", async () => {
    const email = fresh();
    const { result } = await write(actions.createUser, { email, skip_password_requirement: true });
    expect(result).toMatchObject({ primary_email: email });
    expect(fx.lc.state.users.findByEmail(email)?.password_hash).toBeNull();
  });

  it.each([
    ["an invalid email", { email: "not-an-email" }, /email/i],
    ["a hostile email", { email: "a@b.c\r\nBcc: x@evil.com" }, /email/i],
    ["a weak password", { email: "weak@example.com", password: "short" }, /8 characters/],
    ["an oversize password", { email: "long@example.com", password: "x".repeat(73) }, /72/],
    ["a control character in a name", { email: "ctl@example.com", first_name: "Ja\u0000ne" }, /control/],
    ["a bidi override in a name", { email: "bidi@example.com", last_name: "Doe\u202Egnp.exe" }, /control/],
    ["a username with spaces", { email: "sp@example.com", username: "jane doe" }, /letters, digits/],
    ["an unknown field", { email: "x@example.com", role: "admin" }, /Unrecognized|role/],
    [
      "oversize metadata",
      { email: "big@example.com", public_metadata: { pad: "x".repeat(9000) } },
      /8 KB|8192/,
    ],
  ])("refuses %s with nothing written", async (_name, input, pattern) => {
    await refusesCleanly(actions.createUser, input, pattern);
  });

  it("refuses a taken email and a duplicate username (the pre-check says why; Clerk refuses too)", async () => {
    const taken = await newUser({ username: `taken${n}` });
    const email = taken.emailAddresses[0]?.emailAddress ?? "";
    const dupEmail = await proposeWrite(actions.createUser, { email }, fx.ctx);
    expect(dupEmail.checks.find((c) => c.id === "email_free")).toMatchObject({ ok: false });
    await refusesCleanly(actions.createUser, { email }, /taken/i);
    const dupName = { email: fresh(), username: taken.username ?? "" };
    expect((await proposeWrite(actions.createUser, dupName, fx.ctx)).checks).toContainEqual(
      expect.objectContaining({ id: "username_free", ok: false }),
    );
    await refusesCleanly(actions.createUser, dupName, /username is taken/i);
  });
});

describe("updateUserProfile", () => {
  it("changes only the given fields, and its undo restores them", async () => {
    const user = await newUser({ firstName: "Old", lastName: "Name", username: `prof${n}` });
    const input = { user_id: user.id, first_name: "New", external_id: "crm-42", username: null };
    const { proposal, result, auditId } = await write(actions.updateUserProfile, input);
    expect(proposal.changes.map((c) => c.path).sort()).toEqual(["external_id", "first_name", "username"]);
    expect(result).toMatchObject({
      first_name: "New",
      last_name: "Name",
      external_id: "crm-42",
      username: null,
    });
    const undo = await proposeUndo(auditId, fx.ctx, tdb.db);
    expect(undo.input).toEqual({
      user_id: user.id,
      first_name: "Old",
      external_id: null,
      username: `prof${n - 1}`,
    });
    await executeUndo(auditId, actor, fx.ctx, { expectedHash: undo.snapshotHash, db: tdb.db });
    const back = fx.lc.state.users.get(user.id);
    expect([back?.first_name, back?.external_id, back?.username]).toEqual(["Old", null, `prof${n - 1}`]);
  });

  it.each([
    ["an unknown id", { user_id: MISSING_USER, first_name: "X" }, /not found/i],
    ["a malformed id", { user_id: "../admin", first_name: "X" }, /user id/i],
    ["no field", { user_id: MISSING_USER }, /at least one/],
    ["a hostile name", { user_id: MISSING_USER, first_name: "\u0007bell" }, /control/],
  ])("refuses %s with nothing written", async (_name, input, pattern) => {
    await refusesCleanly(actions.updateUserProfile, input, pattern);
  });

  it("refuses a duplicate username with nothing written", async () => {
    const a = await newUser({ username: `dupa${n}` });
    const b = await newUser();
    await refusesCleanly(actions.updateUserProfile, { user_id: b.id, username: a.username }, /taken/i);
  });
});

describe("setPassword", () => {
  it("sets it, signs out of every session on request, and never stores the password", async () => {
    const user = await newUser();
    await fx.ctx.clerk.sessions.createSession({ userId: user.id });
    await fx.ctx.clerk.sessions.createSession({ userId: user.id });
    const input = { user_id: user.id, password: "s3cret-Passphrase!", sign_out_of_other_sessions: true };
    const { proposal, auditId } = await write(actions.setPassword, input);
    expect(proposal.after).toEqual({ password_enabled: true, active_sessions: 0 });
    expect(fx.lc.state.users.verifyPassword(user.id, "s3cret-Passphrase!")).toBe(true);
    const active = await fx.ctx.clerk.sessions.getSessionList({ userId: user.id, status: "active" });
    expect(active.data).toHaveLength(0);
    const row = await entry(auditId);
    expect(JSON.stringify(row)).not.toContain("s3cret-Passphrase!");
    expect((await failure(proposeUndo(auditId, fx.ctx, tdb.db))).message).toMatch(/only a hash/);
  });

  it("keeps the sessions unless asked", async () => {
    const user = await newUser();
    await fx.ctx.clerk.sessions.createSession({ userId: user.id });
    await write(actions.setPassword, { user_id: user.id, password: "another-good-one" });
    const active = await fx.ctx.clerk.sessions.getSessionList({ userId: user.id, status: "active" });
    expect(active.data).toHaveLength(1);
  });

  it.each([
    ["a weak password", { password: "1234567" }, /8 characters/],
    ["a missing password", {}, /password/i],
    ["an unknown id", { user_id: MISSING_USER, password: "long-enough-1" }, /not found/i],
  ])("refuses %s with nothing written", async (_name, extra, pattern) => {
    const user = await newUser();
    await refusesCleanly(actions.setPassword, { user_id: user.id, ...extra }, pattern);
  });
});

describe("revokeAllSessions", () => {
  it("revokes every active session, and says why it cannot be undone", async () => {
    const user = await newUser();
    for (let i = 0; i < 3; i++) await fx.ctx.clerk.sessions.createSession({ userId: user.id });
    const { proposal, result, auditId } = await write(actions.revokeAllSessions, { user_id: user.id });
    expect(proposal.checks[0]).toMatchObject({ ok: true, message: "3 active sessions will be revoked." });
    expect((result as { revoked_session_ids: string[] }).revoked_session_ids).toHaveLength(3);
    const snap = await actions.revokeAllSessions.snapshot({ user_id: user.id }, fx.ctx);
    expect(actions.revokeAllSessions.applied({ user_id: user.id }, snap)).toBe(true);
    expect((await failure(proposeUndo(auditId, fx.ctx, tdb.db))).message).toMatch(/cannot be restored/);
  });

  it("refuses an unknown id with nothing written", async () => {
    await refusesCleanly(actions.revokeAllSessions, { user_id: MISSING_USER }, /not found/i);
  });
});

describe("deleteUser", () => {
  it("shows what is lost, deletes, keeps the snapshot in the audit, and refuses undo with the reason", async () => {
    const user = await newUser({ firstName: "Gone", privateMetadata: { note: "keep me" } });
    const email = user.emailAddresses[0]?.emailAddress ?? "";
    await fx.ctx.clerk.sessions.createSession({ userId: user.id });
    const { proposal, result, auditId } = await write(actions.deleteUser, { user_id: user.id });
    const messages = proposal.checks.map((c) => c.message).join("\n");
    expect(messages).toContain(`Email addresses deleted: ${email}.`);
    expect(messages).toContain("Active sessions ended: 1.");
    expect(messages).toContain("private (1 key)");
    expect(result).toEqual({ id: user.id, deleted: true });
    expect(fx.lc.state.users.get(user.id)).toBeUndefined();
    const row = await entry(auditId);
    expect(row.before).toMatchObject({
      exists: true,
      primary_email: email,
      private_metadata: { note: "keep me" },
    });
    const now = await actions.deleteUser.snapshot({ user_id: user.id }, fx.ctx);
    expect(actions.deleteUser.applied({ user_id: user.id }, now)).toBe(true);
    expect((await failure(proposeUndo(auditId, fx.ctx, tdb.db))).message).toMatch(/cannot be restored/);
  });

  it("refuses an unknown id with a clear error and nothing written", async () => {
    await refusesCleanly(actions.deleteUser, { user_id: MISSING_USER }, /not found/i);
  });

  it("refuses when the user changed after the preview (stale), nothing deleted", async () => {
    const user = await newUser();
    const proposal = await proposeWrite(actions.deleteUser, { user_id: user.id }, fx.ctx);
    await fx.ctx.clerk.users.updateUserMetadata(user.id, { publicMetadata: { late: true } });
    const err = await failure(
      executeWrite({
        db: tdb.db,
        ctx: fx.ctx,
        action: actions.deleteUser,
        input: { user_id: user.id },
        actor,
        source: "console",
        before: proposal.before,
      }),
    );
    expect(err.details?.reason).toBe("stale_target");
    expect(fx.lc.state.users.get(user.id)).toBeDefined();
  });
});

describe("disableMfa", () => {
  it("turns off the user's second factors, and says why it cannot be undone", async () => {
    const user = await newUser({ totpSecret: "JBSWY3DPEHPK3PXP" });
    const { proposal, auditId } = await write(actions.disableMfa, { user_id: user.id });
    expect(proposal.checks[0]).toMatchObject({ id: "has_mfa", ok: true });
    expect(fx.lc.state.users.get(user.id)?.totp_enabled).toBe(false);
    expect((await failure(proposeUndo(auditId, fx.ctx, tdb.db))).message).toMatch(/re-enrolled/);
  });

  it("flags a user without MFA in the pre-check, and refuses an unknown id", async () => {
    const user = await newUser();
    const proposal = await proposeWrite(actions.disableMfa, { user_id: user.id }, fx.ctx);
    expect(proposal.checks[0]).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no second factor/),
    });
    await refusesCleanly(actions.disableMfa, { user_id: MISSING_USER }, /not found/i);
  });
});

describe("removeProfileImage", () => {
  it("removes an uploaded image; a user without one is a failed pre-check and a clear conflict", async () => {
    const user = await newUser();
    const file = new File([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])], "a.png", {
      type: "image/png",
    });
    await fx.ctx.clerk.users.updateUserProfileImage(user.id, { file });
    const { result } = await write(actions.removeProfileImage, { user_id: user.id });
    expect(result).toMatchObject({ has_image: false });
    const again = await proposeWrite(actions.removeProfileImage, { user_id: user.id }, fx.ctx);
    expect(again.checks[0]).toMatchObject({ ok: false });
    await refusesCleanly(actions.removeProfileImage, { user_id: user.id }, /no uploaded image/);
  });
});

describe("createSignInToken", () => {
  it("returns the link once; the audit keeps neither the link nor the token", async () => {
    const user = await newUser();
    const { result, auditId } = await write(actions.createSignInToken, {
      user_id: user.id,
      expires_in_seconds: 600,
    });
    const out = result as { url: string; token: string; expires_at: number };
    expect(out.url).toMatch(/^https?:\/\//);
    expect(out.token.length).toBeGreaterThan(10);
    const row = await entry(auditId);
    expect(row.after).toMatchObject({ url: SECRET_PLACEHOLDER, token: SECRET_PLACEHOLDER });
    expect(JSON.stringify(row)).not.toContain(out.token);
    expect((await failure(proposeUndo(auditId, fx.ctx, tdb.db))).message).toMatch(/expires on its own/);
  });

  it.each([
    ["too short an expiry", { expires_in_seconds: 5 }, /60|greater/i],
    ["too long an expiry", { expires_in_seconds: 30 * 24 * 3600 }, /604800|less/i],
    ["an unknown id", { user_id: MISSING_USER }, /not found/i],
  ])("refuses %s with nothing written", async (_name, extra, pattern) => {
    const user = await newUser();
    await refusesCleanly(actions.createSignInToken, { user_id: user.id, ...extra }, pattern);
  });
});
