// revokeInvitation named by the email it was sent to, through the write executor against a real Local
// Clerk (real @clerk/backend) and PGlite: the pending invitation is resolved, the card and audit name the
// email; neither or both named, no pending invitation for the email, or two pending for it (sent with
// ignore_existing) are refused with nothing written; Clerk's query matches part of an email, so the
// exact email's invitations are found however many other emails contain it.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/db/schema";
import { setLogSink } from "@/lib/errors";
import { executeWrite } from "@/lib/writes/execute-write";
import { type ClerkFixture, failure, settle, startClerkFixture } from "@/test/support/clerk-fixture";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { proposeWrite } from "../define-action";
import { actions } from "../registry";

setLogSink(() => {});
let fx: ClerkFixture;
let tdb: TestDatabase;
const actor = { userId: "user_admin_test", email: "admin@example.com" };
const revoke = actions.revokeInvitation;
let n = 0;

beforeAll(async () => {
  [fx, tdb] = await Promise.all([startClerkFixture({ seedUsers: 5 }), createTestDatabase("pglite")]);
});
afterAll(async () => {
  await Promise.all([fx?.stop(), tdb?.destroy()]);
});

async function write(input: unknown) {
  const proposal = await proposeWrite(revoke, input, fx.ctx);
  const out = await executeWrite({
    db: tdb.db,
    ctx: fx.ctx,
    action: revoke,
    input: proposal.input,
    actor,
    source: "console",
    before: proposal.before,
  });
  return { proposal, ...out };
}

const invite = (email: string, ignoreExisting = false) =>
  fx.ctx.clerk.invitations.createInvitation({ emailAddress: email, notify: false, ignoreExisting });

async function refusesCleanly(input: unknown, pattern: RegExp, code?: string) {
  const revision = fx.lc.state.revision;
  const seq = fx.mark();
  const err = await failure(write(input));
  expect(`${err.message} ${JSON.stringify(err.fieldErrors ?? {})}`).toMatch(pattern);
  if (code) expect(err.code).toBe(code);
  expect(fx.lc.state.revision).toBe(revision);
  await settle();
  expect(fx.requestsSince(seq).filter((r) => r.method !== "GET")).toEqual([]);
}

describe("revokeInvitation by email", () => {
  it("revokes the pending invitation sent to that email (any case); the card and audit name the email", async () => {
    const email = `bye-${n++}@invite-revoke.test`;
    const accepted = await invite(`other-${email}`);
    const inv = await invite(email);
    const seq = fx.mark();
    const { proposal, result, auditId } = await write({ email_address: email.toUpperCase() });
    expect(proposal.target).toEqual({ type: "invitation", email });
    expect(proposal.before).toMatchObject({ invitation_id: inv.id, status: "pending", email_address: email });
    expect(proposal.checks).toEqual([
      expect.objectContaining({ ok: true, message: expect.stringContaining(email) }),
    ]);
    expect(result).toMatchObject({ id: inv.id, email_address: email, status: "revoked" });
    expect(fx.lc.state.invitations.get(inv.id)?.status).toBe("revoked");
    expect(fx.lc.state.invitations.get(accepted.id)?.status).toBe("pending");
    await settle();
    expect(
      fx
        .requestsSince(seq)
        .filter((r) => r.method === "POST")
        .map((r) => r.path),
    ).toEqual([expect.stringContaining(`${inv.id}/revoke`)]);
    const [audit] = await tdb.db.select().from(auditLog).where(eq(auditLog.id, auditId));
    expect(audit).toMatchObject({
      action: "revokeInvitation",
      targetType: "invitation",
      targetId: inv.id,
      targetLabel: email,
    });
    // A fresh read after the revoke shows it (how a lost outcome is settled).
    const input = { email_address: email };
    expect(revoke.applied(input, await revoke.snapshot(input, fx.ctx))).toBe(true);
  });

  it("refuses neither, both, an email without a pending invitation and one with two pending, writing nothing", async () => {
    const exactlyOne = /exactly one of email_address or invitation_id/;
    await refusesCleanly({}, exactlyOne);
    await refusesCleanly(
      { email_address: "both@invite-revoke.test", invitation_id: "inv_both0000" },
      exactlyOne,
    );
    await refusesCleanly({ email_address: `nobody-${n++}@invite-revoke.test` }, /not found/i, "not_found");

    const revoked = `revoked-${n++}@invite-revoke.test`;
    await write({ invitation_id: (await invite(revoked)).id });
    await refusesCleanly({ email_address: revoked }, /not found/i, "not_found");

    const twice = `twice-${n++}@invite-revoke.test`;
    const first = await invite(twice);
    const second = await invite(twice, true);
    await refusesCleanly(
      { email_address: twice },
      new RegExp(
        `${twice} has 2 pending invitations \\((${first.id}, ${second.id}|${second.id}, ${first.id})\\); give invitation_id`,
      ),
    );
    await write({ invitation_id: second.id });
    expect(fx.lc.state.invitations.get(first.id)?.status).toBe("pending");
  });

  it("finds the exact email's pending invitations past the first page of emails that contain it", async () => {
    const email = `a-${n++}@partial.test`;
    const at = Date.now() + 60_000;
    const sent = (emailAddress: string, createdAt: number, ignoreExisting = false) =>
      fx.lc.state.invitations.create({ emailAddress, createdAt, ignoreExisting });
    const oldest = sent(email, at);
    // 100 newer pending invitations whose emails contain this one (xa-…, as anna@ contains a@).
    const partial = Array.from({ length: 100 }, (_, k) => sent(`x${k}${email}`, at + 1 + k));
    const newest = sent(email, at + 200, true);
    await refusesCleanly(
      { email_address: email },
      new RegExp(`${email} has 2 pending invitations \\(${newest.id}, ${oldest.id}\\); give invitation_id`),
    );
    await write({ invitation_id: newest.id });
    const { result, auditId } = await write({ email_address: email });
    expect(result).toMatchObject({ id: oldest.id, status: "revoked" });
    expect(partial.filter((i) => fx.lc.state.invitations.get(i.id)?.status !== "pending")).toEqual([]);
    const [audit] = await tdb.db.select().from(auditLog).where(eq(auditLog.id, auditId));
    expect(audit).toMatchObject({ targetId: oldest.id, targetLabel: email });
    await refusesCleanly({ email_address: email }, /not found/i, "not_found");
  });

  it("refuses, writing nothing, when the email's pending invitation is another one by the time run() reads it", async () => {
    const email = `swapped-${n++}@invite-revoke.test`;
    const approved = await invite(email);
    const proposal = await proposeWrite(revoke, { email_address: email }, fx.ctx);
    const clerk = fx.ctx.clerk;
    let reads = 0;
    let replacement = "";
    // After the executor's checked read and before run()'s own, it is revoked and another one sent.
    const list: typeof clerk.invitations.getInvitationList = async (params) => {
      const out = await clerk.invitations.getInvitationList(params);
      if (++reads === 1) {
        fx.lc.state.invitations.revoke(approved.id);
        replacement = fx.lc.state.invitations.create({ emailAddress: email }).id;
      }
      return out;
    };
    const invitations = Object.create(clerk.invitations, { getInvitationList: { value: list } });
    const ctx = { ...fx.ctx, clerk: Object.create(clerk, { invitations: { value: invitations } }) };
    const seq = fx.mark();
    const err = await failure(
      executeWrite({
        db: tdb.db,
        ctx,
        action: revoke,
        input: proposal.input,
        actor,
        source: "console",
        before: proposal.before,
      }),
    );
    expect(err).toMatchObject({
      code: "conflict",
      details: { reason: "stale_target", current: { invitation_id: replacement } },
    });
    expect(fx.lc.state.invitations.get(replacement)?.status).toBe("pending");
    await settle();
    expect(fx.requestsSince(seq).filter((r) => r.method !== "GET")).toEqual([]);
  });
});
