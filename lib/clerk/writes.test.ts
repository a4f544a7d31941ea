// Write actions against a real Local Clerk over HTTP with the real @clerk/backend client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogSink, toAppError } from "@/lib/errors";
import {
  type ClerkFixture,
  failure,
  MISSING_USER,
  settle,
  startClerkFixture,
} from "@/test/support/clerk-fixture";
import { proposeWrite, runAction } from "./define-action";
import { METADATA_LIMIT_BYTES, metadataBytes } from "./metadata";
import { actions } from "./registry";

setLogSink(() => {});
let fx: ClerkFixture;

beforeAll(async () => {
  fx = await startClerkFixture({ seedUsers: 40 });
});
afterAll(() => fx.stop());

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
    expect(proposal.before).toEqual({
      existing_user_id: null,
      pending_invitation_id: null,
      blocked_by: null,
    });
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
