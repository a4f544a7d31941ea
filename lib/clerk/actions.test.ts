// Every action against a real Local Clerk over HTTP with the real @clerk/backend client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError, setLogSink, toAppError } from "@/lib/errors";
import { proposeWrite, runAction } from "./define-action";
import { METADATA_LIMIT_BYTES, metadataBytes } from "./metadata";
import { actions } from "./registry";
import { type ClerkFixture, startClerkFixture } from "./test-fixture";

setLogSink(() => {});
let fx: ClerkFixture;
const settle = () => new Promise((r) => setTimeout(r, 30));

beforeAll(async () => {
  fx = await startClerkFixture({ seedUsers: 40 });
});
afterAll(() => fx.stop());

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error("expected the action to fail");
}

const MISSING_USER = "user_2doesNotExist000000000000";

describe("reads", () => {
  it("getUser returns the compact projection", async () => {
    const id = fx.userIdByEmail("admin@example.com");
    const user = await runAction(actions.getUser, { user_id: id }, fx.ctx);
    expect(user).toMatchObject({
      id,
      primary_email: "admin@example.com",
      email_addresses: ["admin@example.com"],
      banned: false,
      locked: false,
      public_metadata: { role: "admin" },
    });
    expect(Object.keys(user).sort()).toEqual(
      [
        "banned",
        "created_at",
        "email_addresses",
        "first_name",
        "id",
        "last_active_at",
        "last_name",
        "last_sign_in_at",
        "locked",
        "primary_email",
        "private_metadata",
        "public_metadata",
        "unsafe_metadata",
        "updated_at",
      ].sort(),
    );
  });

  it("getUser: a missing user is not_found, a malformed id never reaches Clerk", async () => {
    const e = await failure(runAction(actions.getUser, { user_id: MISSING_USER }, fx.ctx));
    expect(e).toMatchObject({
      code: "not_found",
      status: 404,
      message: `User ${MISSING_USER} was not found.`,
    });
    const seq = fx.mark();
    const bad = await failure(runAction(actions.getUser, { user_id: "user_../../users" }, fx.ctx));
    expect(bad.code).toBe("validation_failed");
    await settle();
    expect(fx.requestsSince(seq)).toHaveLength(0);
  });

  it("listUsers pages, counts and sorts with exactly two concurrent requests", async () => {
    const total = fx.lc.state.users.size;
    const seq = fx.mark();
    const page = await runAction(actions.listUsers, { limit: 5, order_by: "+email_address" }, fx.ctx);
    await settle();
    expect(page.total_count).toBe(total);
    expect(page.users).toHaveLength(5);
    const emails = page.users.map((u) => u.primary_email ?? "");
    expect(emails).toEqual([...emails].sort((a, b) => a.localeCompare(b)));
    expect(
      fx
        .requestsSince(seq)
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    ).toEqual(["GET /v1/users", "GET /v1/users/count"]);
  });

  it("listUsers: default limit 10, offset past the end, email filter as string or list, query", async () => {
    expect((await runAction(actions.listUsers, {}, fx.ctx)).users).toHaveLength(10);
    const past = await runAction(actions.listUsers, { offset: 10_000 }, fx.ctx);
    expect(past).toEqual({ users: [], total_count: fx.lc.state.users.size });
    const one = await runAction(actions.listUsers, { email_address: "viewer@example.com" }, fx.ctx);
    expect(one.users.map((u) => u.primary_email)).toEqual(["viewer@example.com"]);
    const two = await runAction(
      actions.listUsers,
      { email_address: ["viewer@example.com", "member@example.com"], order_by: "+email_address" },
      fx.ctx,
    );
    expect(two.users.map((u) => u.primary_email)).toEqual(["member@example.com", "viewer@example.com"]);
    const q = await runAction(actions.listUsers, { query: "admin@exa" }, fx.ctx);
    expect(q.users.map((u) => u.primary_email)).toContain("admin@example.com");
    expect(q.total_count).toBe(q.users.length);
  });

  it("listUsers: out-of-range input is refused before Clerk", async () => {
    expect((await failure(runAction(actions.listUsers, { limit: 501 }, fx.ctx))).fieldErrors).toHaveProperty(
      "limit",
    );
  });

  it("countUsers counts all or filtered", async () => {
    expect(await runAction(actions.countUsers, {}, fx.ctx)).toEqual({ total_count: fx.lc.state.users.size });
    expect(await runAction(actions.countUsers, { email_address: "admin@example.com" }, fx.ctx)).toEqual({
      total_count: 1,
    });
    expect((await failure(runAction(actions.countUsers, { query: 5 }, fx.ctx))).code).toBe(
      "validation_failed",
    );
  });

  it("listInvitations filters by status and reports total_count", async () => {
    const all = await runAction(actions.listInvitations, { limit: 500 }, fx.ctx);
    expect(all.total_count).toBeGreaterThan(0);
    const pending = await runAction(actions.listInvitations, { status: "pending", limit: 500 }, fx.ctx);
    expect(pending.invitations.every((i) => i.status === "pending")).toBe(true);
    expect(pending.total_count).toBe(pending.invitations.length);
    expect(pending.invitations[0]).toMatchObject({
      id: expect.stringMatching(/^inv_/),
      expires_at: expect.any(Number),
    });
    expect(
      (await failure(runAction(actions.listInvitations, { status: "lost" }, fx.ctx))).fieldErrors,
    ).toHaveProperty("status");
  });

  it("listSessions lists a user's sessions; an unknown user is not_found", async () => {
    const id = fx.userIdByEmail("member@example.com");
    const created = await fx.ctx.clerk.sessions.createSession({ userId: id });
    const out = await runAction(actions.listSessions, { user_id: id, status: "active" }, fx.ctx);
    expect(out.sessions.map((s) => s.id)).toContain(created.id);
    expect(out.sessions.every((s) => s.user_id === id && s.status === "active")).toBe(true);
    expect((await failure(runAction(actions.listSessions, { user_id: MISSING_USER }, fx.ctx))).code).toBe(
      "not_found",
    );
  });
});

describe("updateUserMetadata", () => {
  it("deep-merges, deletes nulls, and matches the proposal's preview", async () => {
    const id = fx.userIdByEmail("member@example.com");
    await fx.ctx.clerk.users.updateUserMetadata(id, {
      publicMetadata: { billing: { seats: 3, card: "visa" } },
    });
    const input = {
      user_id: id,
      public_metadata: { billing: { card: null, vat: "NO" }, plan: "team" },
      private_metadata: { note: "vip" },
    };
    const proposal = await proposeWrite(actions.updateUserMetadata, input, fx.ctx);
    expect(proposal.target).toEqual({ type: "user", id });
    expect(proposal.changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      "added private_metadata.note",
      "removed public_metadata.billing.card",
      "added public_metadata.billing.vat",
      "changed public_metadata.plan",
    ]);
    expect(proposal.checks.every((c) => c.ok)).toBe(true);
    const out = await runAction(actions.updateUserMetadata, input, fx.ctx, {
      expectedSnapshot: proposal.before,
    });
    expect(out.public_metadata).toEqual(proposal.after.public_metadata);
    expect(out.private_metadata).toEqual(proposal.after.private_metadata);
    expect(fx.lc.state.users.get(id)?.public_metadata).toEqual({
      plan: "team",
      billing: { seats: 3, vat: "NO" },
    });
  });

  it("accepts exactly 8192 bytes after the merge and refuses 8193 without calling the write", async () => {
    const id = fx.userIdByEmail("viewer@example.com");
    await fx.ctx.clerk.users.updateUserMetadata(id, { unsafeMetadata: { keep: "k" } });
    const base = { keep: "k", pad: "" };
    const padFor = (bytes: number) => "x".repeat(bytes - metadataBytes(base));
    const ok = await runAction(
      actions.updateUserMetadata,
      { user_id: id, unsafe_metadata: { pad: padFor(8192) } },
      fx.ctx,
    );
    expect(metadataBytes(ok.unsafe_metadata)).toBe(METADATA_LIMIT_BYTES);

    const seq = fx.mark();
    const e = await failure(
      runAction(actions.updateUserMetadata, { user_id: id, unsafe_metadata: { pad: padFor(8193) } }, fx.ctx),
    );
    await settle();
    expect(e.code).toBe("validation_failed");
    expect(e.fieldErrors?.unsafe_metadata?.[0]).toContain("8193 bytes");
    expect(fx.requestsSince(seq, { method: "PATCH" })).toHaveLength(0);
    expect(metadataBytes(fx.lc.state.users.get(id)?.unsafe_metadata)).toBe(8192);
  });

  it("agrees with Local Clerk's own limit: Clerk takes 8192 bytes and refuses 8193 (mapped to validation_failed)", async () => {
    const id = fx.userIdByEmail("viewer@example.com");
    const current = fx.lc.state.users.get(id)?.private_metadata ?? {};
    const clear = Object.fromEntries(Object.keys(current).map((k) => [k, null]));
    const sized = (bytes: number) => ({ k: "y".repeat(bytes - metadataBytes({ k: "" })) });
    await fx.ctx.clerk.users.updateUserMetadata(id, { privateMetadata: { ...clear, ...sized(8192) } });
    expect(metadataBytes(fx.lc.state.users.get(id)?.private_metadata)).toBe(8192);
    const raw = await fx.ctx.clerk.users
      .updateUserMetadata(id, { privateMetadata: sized(8193) })
      .catch((e: unknown) => e);
    const e = toAppError(raw);
    expect(e).toMatchObject({
      code: "validation_failed",
      fieldErrors: { private_metadata: [expect.any(String)] },
    });
    expect(metadataBytes(fx.lc.state.users.get(id)?.private_metadata)).toBe(8192);
  });

  it("refuses a stale approval: the user changed after the proposal, nothing is written", async () => {
    const id = fx.userIdByEmail("admin@example.com");
    const input = { user_id: id, public_metadata: { plan: "pro" } };
    const proposal = await proposeWrite(actions.updateUserMetadata, input, fx.ctx);
    await fx.ctx.clerk.users.updateUserMetadata(id, { publicMetadata: { plan: "enterprise-2" } });
    const seq = fx.mark();
    const e = await failure(
      runAction(actions.updateUserMetadata, input, fx.ctx, { expectedSnapshot: proposal.before }),
    );
    await settle();
    expect(e.code).toBe("conflict");
    expect(e.details?.reason).toBe("stale_target");
    expect(fx.requestsSince(seq, { method: "PATCH" })).toHaveLength(0);
    expect(fx.lc.state.users.get(id)?.public_metadata.plan).toBe("enterprise-2");
  });

  it("a missing user is not_found", async () => {
    const e = await failure(
      runAction(actions.updateUserMetadata, { user_id: MISSING_USER, public_metadata: { a: 1 } }, fx.ctx),
    );
    expect(e.code).toBe("not_found");
    expect(
      (
        await failure(
          proposeWrite(actions.updateUserMetadata, { user_id: MISSING_USER, public_metadata: {} }, fx.ctx),
        )
      ).code,
    ).toBe("not_found");
  });
});

describe("invitations", () => {
  it("createInvitation creates a pending invitation; pre-checks and refusals for duplicates", async () => {
    const email = "new.person@invite-test.example";
    const proposal = await proposeWrite(
      actions.createInvitation,
      { email, public_metadata: { role: "editor" } },
      fx.ctx,
    );
    expect(proposal.before).toEqual({ existing_user_id: null, pending_invitation_id: null });
    expect(proposal.checks.every((c) => c.ok)).toBe(true);

    const inv = await runAction(
      actions.createInvitation,
      { email, public_metadata: { role: "editor" }, redirect_url: "/welcome" },
      fx.ctx,
    );
    expect(inv).toMatchObject({
      id: expect.stringMatching(/^inv_/),
      email_address: email,
      status: "pending",
      expires_at: expect.any(Number),
    });
    expect(fx.lc.state.invitations.get(inv.id)?.public_metadata).toEqual({ role: "editor" });

    const again = await proposeWrite(actions.createInvitation, { email }, fx.ctx);
    expect(again.before.pending_invitation_id).toBe(inv.id);
    expect(again.checks.find((c) => c.id === "pending_invitation")?.ok).toBe(false);
    const dup = await failure(runAction(actions.createInvitation, { email }, fx.ctx));
    expect(dup.code).toBe("conflict");

    const existing = await proposeWrite(actions.createInvitation, { email: "admin@example.com" }, fx.ctx);
    expect(existing.before.existing_user_id).toBe(fx.userIdByEmail("admin@example.com"));
    const refused = await failure(
      runAction(actions.createInvitation, { email: "admin@example.com" }, fx.ctx),
    );
    expect(refused).toMatchObject({
      code: "conflict",
      fieldErrors: { email: [expect.stringContaining("admin@example.com")] },
    });
  });

  it("createInvitation validates before Clerk", async () => {
    const e = await failure(
      runAction(
        actions.createInvitation,
        { email: "x@y.co", public_metadata: { p: "z".repeat(9000) } },
        fx.ctx,
      ),
    );
    expect(e.fieldErrors).toHaveProperty("public_metadata");
    expect(
      (await failure(runAction(actions.createInvitation, { email: "nope" }, fx.ctx))).fieldErrors,
    ).toHaveProperty("email");
  });

  it("revokeInvitation revokes once, then conflicts; a missing invitation is not_found", async () => {
    const inv = await runAction(actions.createInvitation, { email: "to.revoke@invite-test.example" }, fx.ctx);
    const proposal = await proposeWrite(actions.revokeInvitation, { invitation_id: inv.id }, fx.ctx);
    expect(proposal.before).toMatchObject({
      status: "pending",
      email_address: "to.revoke@invite-test.example",
    });
    expect(proposal.changes).toEqual([
      { path: "status", segments: ["status"], kind: "changed", before: "pending", after: "revoked" },
    ]);
    const out = await runAction(actions.revokeInvitation, { invitation_id: inv.id }, fx.ctx, {
      expectedSnapshot: proposal.before,
    });
    expect(out).toMatchObject({ id: inv.id, status: "revoked" });
    expect(fx.lc.state.invitations.get(inv.id)?.status).toBe("revoked");
    expect((await failure(runAction(actions.revokeInvitation, { invitation_id: inv.id }, fx.ctx))).code).toBe(
      "conflict",
    );
    const missing = "inv_2doesNotExist000000000000";
    expect(
      (await failure(runAction(actions.revokeInvitation, { invitation_id: missing }, fx.ctx))).code,
    ).toBe("not_found");
    expect(
      (await failure(proposeWrite(actions.revokeInvitation, { invitation_id: missing }, fx.ctx))).code,
    ).toBe("not_found");
  });
});

describe("sessions and user flags", () => {
  it("revokeSession revokes; a missing session is not_found", async () => {
    const id = fx.userIdByEmail("member@example.com");
    const s = await fx.ctx.clerk.sessions.createSession({ userId: id });
    const proposal = await proposeWrite(actions.revokeSession, { session_id: s.id }, fx.ctx);
    expect(proposal.before).toMatchObject({ status: "active", user_id: id });
    const out = await runAction(actions.revokeSession, { session_id: s.id }, fx.ctx);
    expect(out).toMatchObject({ id: s.id, status: "revoked", user_id: id });
    expect(fx.lc.state.sessions.getSession(s.id)?.status).toBe("revoked");
    const missing = "sess_2doesNotExist000000000000";
    expect((await failure(runAction(actions.revokeSession, { session_id: missing }, fx.ctx))).code).toBe(
      "not_found",
    );
  });

  it.each([
    ["banUser", "banned", true],
    ["unbanUser", "banned", false],
    ["lockUser", "locked", true],
    ["unlockUser", "locked", false],
  ] as const)("%s sets %s=%s in Clerk", async (name, flag, value) => {
    const id = fx.userIdByEmail("member@example.com");
    const action = actions[name];
    const proposal = await proposeWrite(action, { user_id: id }, fx.ctx);
    expect(proposal.after).toEqual({ [flag]: value });
    const out = await runAction(action, { user_id: id }, fx.ctx, { expectedSnapshot: proposal.before });
    expect(out).toMatchObject({ id, [flag]: value, updated_at: expect.any(Number) });
    expect(fx.lc.state.users.get(id)?.[flag]).toBe(value);
    expect((await failure(runAction(action, { user_id: MISSING_USER }, fx.ctx))).code).toBe("not_found");
    expect((await failure(runAction(action, { user_id: "nope" }, fx.ctx))).code).toBe("validation_failed");
  });
});
