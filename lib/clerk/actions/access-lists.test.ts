// Allow-list and block-list identifiers through the write executor against a real Local Clerk (real
// @clerk/backend) and PGlite: list, add, remove (by id or by identifier); bad input (malformed, duplicate,
// unknown id or identifier, both or neither named) refused with nothing written; an invitation to a
// blocked email refused before any Clerk write.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/db/schema";
import { setLogSink } from "@/lib/errors";
import { pacedClerk } from "@/lib/jobs/paced-clerk";
import { CLERK_PROD_LIMIT, Pacer } from "@/lib/jobs/pacer";
import { planTargets } from "@/lib/jobs/planner";
import { executeWrite } from "@/lib/writes/execute-write";
import { type ClerkFixture, failure, settle, startClerkFixture } from "@/test/support/clerk-fixture";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { parseInput, proposeWrite, type WriteAction } from "../define-action";
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

const listed = (list: "allowlist" | "blocklist") => fx.lc.state.access.list(list).map((r) => r.identifier);

async function refusesCleanly(action: WriteAction, input: unknown, pattern: RegExp) {
  const revision = fx.lc.state.revision;
  const seq = fx.mark();
  const err = await failure(write(action, input));
  expect(`${err.message} ${JSON.stringify(err.fieldErrors ?? {})}`).toMatch(pattern);
  expect(fx.lc.state.revision).toBe(revision);
  await settle();
  expect(fx.requestsSince(seq).filter((r) => r.method !== "GET")).toEqual([]);
}

describe.each([
  [
    "allowlist",
    actions.listAllowlistIdentifiers,
    actions.addAllowlistIdentifier,
    actions.removeAllowlistIdentifier,
  ],
  [
    "blocklist",
    actions.listBlocklistIdentifiers,
    actions.addBlocklistIdentifier,
    actions.removeBlocklistIdentifier,
  ],
] as const)("%s", (list, listAction, add, remove) => {
  it("adds an email, a domain and a phone, lists them, removes one", async () => {
    const email = `Person-${n++}@Access.test`;
    const domain = `*@domain${n++}.test`;
    const phone = `+1555000${String(1000 + n++)}`;
    for (const identifier of [email, domain, phone]) {
      const { proposal, result } = await write(add, { identifier });
      expect(proposal.checks.every((c) => c.ok)).toBe(true);
      expect(result).toMatchObject({ identifier: identifier.toLowerCase() });
    }
    expect(listed(list)).toEqual(expect.arrayContaining([email.toLowerCase(), domain, phone]));
    const out = (await listAction.run({}, fx.ctx)) as {
      identifiers: { id: string; identifier: string; identifier_type: string }[];
      total_count: number;
    };
    expect(out.total_count).toBe(listed(list).length);
    const entry = out.identifiers.find((i) => i.identifier === phone);
    expect(entry).toMatchObject({ identifier_type: "phone_number" });
    const id = entry?.id ?? "";

    const removed = await write(remove, { identifier_id: id });
    expect(removed.result).toEqual({ id, deleted: true });
    expect(listed(list)).not.toContain(phone);
    expect(add.applied({ identifier: email }, await add.snapshot({ identifier: email }, fx.ctx))).toBe(true);
    expect(remove.applied({ identifier_id: id }, await remove.snapshot({ identifier_id: id }, fx.ctx))).toBe(
      true,
    );
  });

  it("refuses a duplicate (any case), a malformed identifier and an unknown id, writing nothing", async () => {
    const email = `dup-${n++}@access.test`;
    await write(add, { identifier: email });
    const early = await proposeWrite(add, { identifier: email.toUpperCase() }, fx.ctx);
    expect(early.checks.find((c) => c.id === "duplicate")).toMatchObject({ ok: false });
    await refusesCleanly(add, { identifier: email.toUpperCase() }, /already on the/);
    await refusesCleanly(add, { identifier: "not an identifier" }, /email address.*domain.*phone/i);
    await refusesCleanly(add, { identifier: "+12" }, /E\.164/);
    const prefix = list === "allowlist" ? "alid" : "blid";
    await refusesCleanly(remove, { identifier_id: `${prefix}_missing000` }, /not found|No .* identifier/i);
    await refusesCleanly(remove, { identifier_id: "user_123" }, new RegExp(prefix));
    expect(() => parseInput(add, { identifier: "a@b.test", extra: 1 })).toThrow();
  });

  it("removes by the identifier as listed (any case): the entry's id is resolved, the card names it", async () => {
    const domain = `bye${n++}.test`;
    const { result: added } = (await write(add, { identifier: domain })) as { result: { id: string } };
    const seq = fx.mark();
    const removed = await write(remove, { identifier: ` ${domain.toUpperCase()}` });
    expect(remove.target({ identifier: domain.toUpperCase() })).toEqual({
      type: "access_list",
      email: domain,
    });
    expect(removed.proposal.before).toEqual({ listed: true, identifier: domain, identifier_id: added.id });
    expect(removed.proposal.checks).toEqual([
      expect.objectContaining({ ok: true, message: expect.stringContaining(domain) }),
    ]);
    expect(removed.result).toEqual({ id: added.id, deleted: true });
    expect(listed(list)).not.toContain(domain);
    const [audit] = await tdb.db.select().from(auditLog).where(eq(auditLog.id, removed.auditId));
    expect(audit).toMatchObject({ targetType: "access_list", targetId: added.id, targetLabel: domain });
    await settle();
    expect(
      fx
        .requestsSince(seq)
        .filter((r) => r.method === "DELETE")
        .map((r) => r.path),
    ).toEqual([expect.stringContaining(added.id)]);
    expect(
      remove.applied({ identifier: domain }, await remove.snapshot({ identifier: domain }, fx.ctx)),
    ).toBe(true);
  });

  it("refuses, deleting nothing, when the identifier names another entry at run than the one checked", async () => {
    const domain = `swapped${n++}.test`;
    const { result: now } = (await write(add, { identifier: domain })) as { result: { id: string } };
    const err = await failure(
      remove.run({ identifier: domain }, { ...fx.ctx, checkedTargetId: `${now.id}x` }),
    );
    expect(err).toMatchObject({ code: "conflict", details: { reason: "stale_target" } });
    expect(listed(list)).toContain(domain);
  });

  it("refuses a removal naming both, neither, an unlisted identifier or one listed twice, writing nothing", async () => {
    const prefix = list === "allowlist" ? "alid" : "blid";
    await refusesCleanly(remove, {}, /exactly one of identifier or identifier_id/);
    await refusesCleanly(
      remove,
      { identifier: "both.test", identifier_id: `${prefix}_both0000` },
      /exactly one of identifier or identifier_id/,
    );
    await refusesCleanly(remove, { identifier: `nowhere${n++}.test` }, /not found|No .* identifier/i);

    const twice = `twice${n++}.test`;
    const at = Date.now();
    const entry = (id: string, identifier: string) => ({
      id: `${prefix}_${id}`,
      list,
      identifier,
      identifier_type: "email_address" as const,
      invitation_id: null,
      created_at: at,
      updated_at: at,
    });
    fx.lc.state.access.restore({
      access_identifiers: [entry(`twicea${n}`, twice), entry(`twiceb${n}`, twice.toUpperCase())],
    });
    await refusesCleanly(
      remove,
      { identifier: twice },
      new RegExp(`${twice} is on the .* 2 times.*identifier_id`),
    );
    await write(remove, { identifier_id: `${prefix}_twiceb${n}` });
    expect(listed(list)).toContain(twice);
  });
});

describe("invitations and the block-list", () => {
  it("refuses an invitation to a block-listed email, by address or by domain, before any Clerk write", async () => {
    const domain = `blocked${n++}.test`;
    await write(actions.addBlocklistIdentifier, { identifier: domain });
    const email = `Someone+news@${domain}`;
    const proposal = await proposeWrite(actions.createInvitation, { email }, fx.ctx);
    expect(proposal.checks.find((c) => c.id === "blocklist")).toMatchObject({
      ok: false,
      message: expect.stringContaining("block-list"),
    });
    await refusesCleanly(actions.createInvitation, { email }, /block-list/);

    const org = await fx.ctx.clerk.organizations.createOrganization({
      name: `Blocked ${n++}`,
      createdBy: fx.userIdByEmail("admin@example.com"),
    });
    const orgProposal = await proposeWrite(
      actions.createOrganizationInvitation,
      { organization_id: org.id, email, role: "org:member" },
      fx.ctx,
    );
    expect(orgProposal.checks.find((c) => c.id === "blocklist")).toMatchObject({ ok: false });
    await refusesCleanly(
      actions.createOrganizationInvitation,
      { organization_id: org.id, email, role: "org:member" },
      /block-list/,
    );
  });

  it("reads the block-list once per write (re-read and run share it) and once per bulk plan", async () => {
    const blockReads = async (work: () => Promise<unknown>) => {
      const seq = fx.mark();
      await work();
      await settle();
      return fx.requestsSince(seq, { method: "GET", pathPrefix: "/v1/blocklist_identifiers" }).length;
    };
    const email = `once-${n++}@ok.test`;
    const proposal = await proposeWrite(actions.createInvitation, { email }, fx.ctx);
    const written = await blockReads(() =>
      executeWrite({
        db: tdb.db,
        ctx: fx.ctx,
        action: actions.createInvitation,
        input: proposal.input,
        actor,
        source: "console",
        before: proposal.before,
      }),
    );
    expect(written).toBe(1);
    expect([...fx.lc.state.invitations.all()].some((i) => i.email_address === email)).toBe(true);

    const emails = Array.from({ length: 5 }, () => ({ email: `plan-${n++}@ok.test` }));
    const paced = pacedClerk(fx.ctx.clerk, new Pacer(CLERK_PROD_LIMIT));
    let plans: Awaited<ReturnType<typeof planTargets>> = [];
    const planned = await blockReads(async () => {
      plans = await planTargets("createInvitation", emails, paced);
    });
    expect(planned).toBe(1);
    expect(plans.map((p) => p.checks.find((c) => c.id === "blocklist")?.ok)).toEqual(emails.map(() => true));
  });

  it("passes the check for an email that is not blocked", async () => {
    const proposal = await proposeWrite(actions.createInvitation, { email: `fine-${n++}@ok.test` }, fx.ctx);
    expect(proposal.checks.find((c) => c.id === "blocklist")).toMatchObject({ ok: true });
  });
});
