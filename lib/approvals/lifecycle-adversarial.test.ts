// Every user-lifecycle write (issue 16) proposed as an MCP/REST client would, then attacked in the inbox:
// a forged approval id, tampered arguments, an expired approval, a stale target and a replayed approval
// each reach Local Clerk with 0 writes (counted in Local Clerk's own request log); the one honest
// approval writes exactly once. Console-only writes (a secret in or out) cannot even be proposed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import type { WriteAction } from "@/lib/clerk/define-action";
import { setLogSink } from "@/lib/errors";
import type { ClerkFixture } from "@/test/support/clerk-fixture";
import { type InboxAdversary, startInboxAdversary } from "@/test/support/inbox-adversary";

const { actions } = await import("@/lib/clerk/registry");
const { decideInboxItems, proposeInboxWrite } = await import("./inbox");

setLogSink(() => {});
let adv: InboxAdversary;
let fx: ClerkFixture;
let admin: Actor;
let tokenId = "";
let n = 0;

beforeAll(async () => {
  adv = await startInboxAdversary();
  ({ fx, admin, tokenId } = adv);
});
afterAll(async () => {
  await adv?.stop();
});

const deps = (now?: Date) => adv.deps(now);
const writes = (since: number) => adv.writes(since);

/** A fresh target the write can change, and a way to change that target behind the approval's back. */
async function setup(
  name: string,
): Promise<{ input: Record<string, unknown>; mutate: () => Promise<unknown>; email: string }> {
  const email = `adv-${Date.now()}-${n++}@example.com`;
  const clerk = fx.ctx.clerk;
  if (name === "createUser") {
    return { input: { email }, mutate: () => clerk.users.createUser({ emailAddress: [email] }), email };
  }
  const user = await clerk.users.createUser({ emailAddress: [email], username: `adv${Date.now()}${n}` });
  const touch = () => clerk.users.updateUserMetadata(user.id, { publicMetadata: { touched: n++ } });
  const id = { user_id: user.id };
  switch (name) {
    case "updateUserProfile":
      return { input: { ...id, first_name: "Adv" }, mutate: touch, email };
    case "deleteUser":
      return { input: id, mutate: touch, email };
    case "revokeAllSessions":
      await clerk.sessions.createSession({ userId: user.id });
      return { input: id, mutate: () => clerk.sessions.createSession({ userId: user.id }), email };
    case "disableMfa":
      await clerk.users.updateUser(user.id, { totpSecret: "JBSWY3DPEHPK3PXP" });
      return { input: id, mutate: touch, email };
    case "removeProfileImage": {
      const file = new File([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])], "a.png", {
        type: "image/png",
      });
      await clerk.users.updateUserProfileImage(user.id, { file });
      return { input: id, mutate: touch, email };
    }
    case "addEmailAddress":
      return { input: { ...id, email_address: `x-${email}` }, mutate: touch, email };
    case "addPhoneNumber":
      return { input: { ...id, phone_number: `+4792${String(100000 + n).slice(-6)}` }, mutate: touch, email };
    default: {
      const isEmail = name.endsWith("EmailAddress");
      const value = isEmail ? `x-${email}` : `+4793${String(100000 + n).slice(-6)}`;
      const verified = !name.startsWith("verify");
      if (isEmail)
        await clerk.emailAddresses.createEmailAddress({ userId: user.id, emailAddress: value, verified });
      else {
        await clerk.phoneNumbers.createPhoneNumber({ userId: user.id, phoneNumber: value, verified });
        await clerk.phoneNumbers.createPhoneNumber({
          userId: user.id,
          phoneNumber: `+4794${String(100000 + n++).slice(-6)}`,
          verified: true,
          primary: true,
        });
      }
      return { input: { ...id, [isEmail ? "email_address" : "phone_number"]: value }, mutate: touch, email };
    }
  }
}

async function propose(action: WriteAction, input: Record<string, unknown>) {
  const proposer = { userId: admin.userId, email: admin.email, tokenId, source: "mcp" as const };
  return (await proposeInboxWrite(deps(), action, input, proposer)).row;
}

const LIFECYCLE = [
  "createUser",
  "updateUserProfile",
  "revokeAllSessions",
  "deleteUser",
  "disableMfa",
  "removeProfileImage",
  "addEmailAddress",
  "verifyEmailAddress",
  "setPrimaryEmailAddress",
  "removeEmailAddress",
  "addPhoneNumber",
  "verifyPhoneNumber",
  "setPrimaryPhoneNumber",
  "removePhoneNumber",
] as const;

/** Approving a delete also needs the user's email typed (the card's check, made again on the server). */
const typed = (name: string, email: string) => (name === "deleteUser" ? { confirm: email } : {});

describe("lifecycle writes under attack in the inbox", () => {
  it.each(LIFECYCLE)("%s: forged, tampered, expired, stale and replayed -> 0 writes", async (name) => {
    const action = actions[name] as WriteAction;

    const a = await setup(name);
    const rowA = await propose(action, a.input);
    let mark = fx.mark();
    const [forged] = await decideInboxItems(deps(), admin, [
      {
        approvalId: `apr_${"f".repeat(32)}`,
        approved: true,
        argsHash: rowA.argsHash,
        ...typed(name, a.email),
      },
    ]);
    const [tampered] = await decideInboxItems(deps(), admin, [
      {
        approvalId: rowA.id,
        approved: true,
        argsHash: `${rowA.argsHash.slice(0, -1)}${rowA.argsHash.endsWith("0") ? "1" : "0"}`,
        ...typed(name, a.email),
      },
    ]);
    const later = new Date(rowA.expiresAt.getTime() + 1000);
    const [expired] = await decideInboxItems(deps(later), admin, [
      { approvalId: rowA.id, approved: true, argsHash: rowA.argsHash, ...typed(name, a.email) },
    ]);
    expect([forged?.ok, tampered?.ok, expired?.ok]).toEqual([false, false, false]);
    expect(expired).toMatchObject({ code: "expired" });
    expect(writes(mark)).toBe(0);

    const b = await setup(name);
    const rowB = await propose(action, b.input);
    await b.mutate();
    mark = fx.mark();
    const [stale] = await decideInboxItems(deps(), admin, [
      { approvalId: rowB.id, approved: true, argsHash: rowB.argsHash, ...typed(name, b.email) },
    ]);
    expect(stale).toMatchObject({ ok: false, code: "stale_target" });
    expect(writes(mark)).toBe(0);

    const c = await setup(name);
    const rowC = await propose(action, c.input);
    mark = fx.mark();
    const decision = {
      approvalId: rowC.id,
      approved: true,
      argsHash: rowC.argsHash,
      ...typed(name, c.email),
    };
    const [honest] = await decideInboxItems(deps(), admin, [decision]);
    expect(honest).toMatchObject({ ok: true, status: "executed" });
    const honestWrites = writes(mark);
    expect(honestWrites).toBeGreaterThanOrEqual(1);
    const [replayed] = await decideInboxItems(deps(), admin, [decision]);
    expect(replayed).toMatchObject({ ok: false, code: "already_decided" });
    expect(writes(mark)).toBe(honestWrites);
  });

  it("deleteUser from the inbox: approving without the typed email, or with another, deletes nothing", async () => {
    const action = actions.deleteUser as WriteAction;
    const a = await setup("deleteUser");
    const row = await propose(action, a.input);
    const mark = fx.mark();
    const base = { approvalId: row.id, approved: true, argsHash: row.argsHash };
    const refusals = await decideInboxItems(deps(), admin, [
      base,
      { ...base, confirm: "" },
      { ...base, confirm: `other-${a.email}` },
      { ...base, confirm: String(a.input.user_id) },
    ]);
    for (const r of refusals) expect(r).toMatchObject({ ok: false, code: "confirmation_required" });
    expect(writes(mark)).toBe(0);
    const [ok] = await decideInboxItems(deps(), admin, [{ ...base, confirm: `  ${a.email.toUpperCase()} ` }]);
    expect(ok).toMatchObject({ ok: true, status: "executed" });
    expect(writes(mark)).toBe(1);
  });

  it.each(["setPassword", "createSignInToken"] as const)("%s cannot be proposed at all", async (name) => {
    const user = await fx.ctx.clerk.users.createUser({
      emailAddress: [`adv-${Date.now()}-${n++}@example.com`],
    });
    const mark = fx.mark();
    const input =
      name === "setPassword" ? { user_id: user.id, password: "never-stored-1" } : { user_id: user.id };
    await expect(propose(actions[name] as WriteAction, input)).rejects.toThrow(/console/);
    expect(writes(mark)).toBe(0);
  });
});
