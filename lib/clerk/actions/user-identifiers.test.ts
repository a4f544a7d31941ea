// Email addresses and phone numbers of a user through the write executor, against a real Local Clerk
// (real @clerk/backend) and PGlite: add, verify, set primary (and its undo), remove; bad input refused
// with nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeUndo, proposeUndo } from "@/lib/audit/undo-execute";
import { setLogSink } from "@/lib/errors";
import { executeWrite } from "@/lib/writes/execute-write";
import { type ClerkFixture, failure, MISSING_USER, startClerkFixture } from "@/test/support/clerk-fixture";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { proposeWrite, type WriteAction } from "../define-action";
import { actions } from "../registry";

setLogSink(() => {});
let fx: ClerkFixture;
let tdb: TestDatabase;
const actor = { userId: "user_admin_test", email: "admin@example.com" };
let n = 0;

beforeAll(async () => {
  [fx, tdb] = await Promise.all([startClerkFixture({ seedUsers: 5 }), createTestDatabase("pglite")]);
});
afterAll(async () => {
  await Promise.all([fx?.stop(), tdb?.destroy()]);
});

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

const fresh = (tag = "idn") => `${tag}-${Date.now()}-${n++}@example.com`;
const emailsOf = (id: string) =>
  Object.fromEntries(
    (fx.lc.state.users.get(id)?.emails ?? []).map((e) => [e.email_address, e.verified ?? null]),
  );
const primaryOf = (id: string) => {
  const u = fx.lc.state.users.get(id);
  return u?.emails.find((e) => e.id === u.primary_email_address_id)?.email_address;
};

async function refusesCleanly(action: WriteAction, input: unknown, pattern: RegExp) {
  const before = fx.lc.state.revision;
  const err = await failure(write(action, input));
  expect(`${err.message} ${JSON.stringify(err.fieldErrors ?? {})}`).toMatch(pattern);
  expect(fx.lc.state.revision).toBe(before);
}

describe("email addresses", () => {
  it("add -> verify -> set primary -> undo the primary -> remove the old one", async () => {
    const first = fresh("first");
    const user = await fx.ctx.clerk.users.createUser({ emailAddress: [first] });
    const extra = fresh("extra");
    const added = await write(actions.addEmailAddress, { user_id: user.id, email_address: extra });
    expect(added.proposal.changes).toEqual([expect.objectContaining({ kind: "added", after: "unverified" })]);
    expect(Object.keys(emailsOf(user.id))).toContain(extra);

    const early = await proposeWrite(
      actions.setPrimaryEmailAddress,
      { user_id: user.id, email_address: extra },
      fx.ctx,
    );
    expect(early.checks.find((c) => c.id === "verified")).toMatchObject({ ok: false });

    await write(actions.verifyEmailAddress, { user_id: user.id, email_address: extra });
    const { auditId } = await write(actions.setPrimaryEmailAddress, {
      user_id: user.id,
      email_address: extra,
    });
    expect(primaryOf(user.id)).toBe(extra);

    const undo = await proposeUndo(auditId, fx.ctx, tdb.db);
    expect(undo.input).toEqual({ user_id: user.id, email_address: first });
    await executeUndo(auditId, actor, fx.ctx, { expectedHash: undo.snapshotHash, db: tdb.db });
    expect(primaryOf(user.id)).toBe(first);

    await write(actions.removeEmailAddress, { user_id: user.id, email_address: extra });
    expect(Object.keys(emailsOf(user.id))).toEqual([first]);
  });

  it("refuses removing the primary address, with nothing written", async () => {
    const email = fresh();
    const user = await fx.ctx.clerk.users.createUser({ emailAddress: [email] });
    const p = await proposeWrite(
      actions.removeEmailAddress,
      { user_id: user.id, email_address: email },
      fx.ctx,
    );
    expect(p.checks.find((c) => c.id === "not_primary")).toMatchObject({ ok: false });
    await refusesCleanly(actions.removeEmailAddress, { user_id: user.id, email_address: email }, /primary/);
  });

  it.each([
    ["an invalid email", (id: string) => ({ user_id: id, email_address: "nope" }), /email/i],
    ["a hostile email", (id: string) => ({ user_id: id, email_address: "x@y.z\r\nBcc: a@b.c" }), /email/i],
    ["an unknown user", () => ({ user_id: MISSING_USER, email_address: "a@example.com" }), /not found/i],
    [
      "an address the user does not have",
      (id: string) => ({ user_id: id, email_address: "other@example.com" }),
      /has no email/,
    ],
  ])("refuses %s with nothing written", async (name, make, pattern) => {
    const user = await fx.ctx.clerk.users.createUser({ emailAddress: [fresh()] });
    const action = name.includes("does not have") ? actions.verifyEmailAddress : actions.addEmailAddress;
    await refusesCleanly(action, make(user.id), pattern);
  });

  it("refuses an address another user has (Clerk says it is taken), with nothing written", async () => {
    const taken = fresh("taken");
    await fx.ctx.clerk.users.createUser({ emailAddress: [taken] });
    const user = await fx.ctx.clerk.users.createUser({ emailAddress: [fresh()] });
    await refusesCleanly(
      actions.addEmailAddress,
      { user_id: user.id, email_address: taken },
      /taken|exists/i,
    );
  });
});

describe("phone numbers", () => {
  it("adds a verified primary number and removes a second one", async () => {
    const user = await fx.ctx.clerk.users.createUser({ emailAddress: [fresh()] });
    await write(actions.addPhoneNumber, {
      user_id: user.id,
      phone_number: "+4790000001",
      verified: true,
      primary: true,
    });
    await write(actions.addPhoneNumber, { user_id: user.id, phone_number: "+4790000002" });
    const snap = await actions.removePhoneNumber.snapshot(
      { user_id: user.id, phone_number: "+4790000002" },
      fx.ctx,
    );
    expect(snap.phone_numbers).toEqual({ "+4790000001": "verified, primary", "+4790000002": "unverified" });
    await write(actions.removePhoneNumber, { user_id: user.id, phone_number: "+4790000002" });
    expect(fx.lc.state.users.get(user.id)?.phones?.map((p) => p.phone_number)).toEqual(["+4790000001"]);
  });

  it.each([["12345"], ["+47 900 00 001"], ["+4790000001; DROP TABLE users"]])(
    "refuses the malformed number %j with nothing written",
    async (phone) => {
      const user = await fx.ctx.clerk.users.createUser({ emailAddress: [fresh()] });
      await refusesCleanly(actions.addPhoneNumber, { user_id: user.id, phone_number: phone }, /E\.164/);
    },
  );
});
