// runFiring is idempotent and its state is in the database: a firing a dead process left behind (still
// pending, or running with an expired lease) is taken over by the run the boot catch-up starts and applied
// once; a write whose audit intent exists (the process died after sending it) is never sent again.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { automationFirings } from "@/lib/db/schema";
import { setLogSink } from "@/lib/errors";
import { executeWrite } from "@/lib/writes/execute-write";
import { type AutomationHarness, runFirings, startAutomationHarness } from "@/test/support/automations";
import { recordFirings } from "./record";
import { automationAction } from "./rule";
import { runFiring, unfinishedFirings } from "./run";
import { createRule, grantStanding, setRuleState } from "./store";

setLogSink(() => {});
let h: AutomationHarness;
beforeAll(async () => {
  h = await startAutomationHarness();
});
afterAll(async () => {
  await h?.stop();
});

const RULE = {
  name: "boot catch-up",
  trigger: "user.created",
  actions: [
    { action: "updateUserMetadata", args: { user_id: "{{user.id}}", public_metadata: { seen: true } } },
  ],
};

async function setup(domain: string) {
  const rule = await createRule(h.tdb.db, h.admin, {
    ...RULE,
    conditions: [{ kind: "emailDomain", domain }],
  });
  await grantStanding(h.tdb.db, h.admin, {
    ruleId: rule.id,
    ruleHash: rule.ruleHash,
    bounds: {
      actions: ["updateUserMetadata"],
      metadataKeys: ["seen"],
      maxPerHour: 100,
      maxPerDay: 100,
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    },
  });
  // Enabled only now, so Local Clerk's own webhook for the users below fires nothing by itself.
  const users = [];
  for (let i = 0; i < 2; i++)
    users.push(
      await h.deps.ctx.clerk.users.createUser({ emailAddress: [`boot${Date.now()}${i}@${domain}`] }),
    );
  await h.idle();
  await setRuleState(h.tdb.db, h.admin, rule.id, { enabled: true });
  return { rule, users };
}

const eventOf = (u: { raw: unknown }) => ({ type: "user.created", data: u.raw as Record<string, unknown> });

describe("runFiring after a crash", () => {
  it("the catch-up pass applies a left-behind firing once; running it again changes nothing", async () => {
    const { rule, users } = await setup("boot-a.test");
    const [user] = users;
    const [id] = await recordFirings(h.tdb.db, "msg_boot_pending", eventOf(user!));
    // A runner that died holding the firing: running, lease already over.
    await h.tdb.db
      .update(automationFirings)
      .set({ status: "running", leaseUntil: new Date(Date.now() - 1000) })
      .where(eq(automationFirings.id, id!));
    const unfinished = (await unfinishedFirings(h.tdb.db)).map((f) => f.id);
    expect(unfinished).toContain(id);
    const mark = h.mark();
    await runFirings(unfinished, h.deps);
    await runFirings([id!], h.deps);
    await runFiring(h.deps, id!);
    expect(h.writesSince(mark)).toBe(1);
    const [row] = await h.firingsOf(rule.id);
    expect(row?.status).toBe("applied");
    expect(h.lc.state.users.get(user!.id)?.public_metadata).toEqual({ seen: true });
  });

  it("a write whose audit intent was recorded before the crash is not sent again", async () => {
    const { rule, users } = await setup("boot-b.test");
    const user = users[1]!;
    const [id] = await recordFirings(h.tdb.db, "msg_boot_sent", eventOf(user));
    // The dead process had sent the write (audited with the rule and event) but not saved its progress.
    const action = automationAction("updateUserMetadata")!;
    await executeWrite({
      db: h.tdb.db,
      ctx: h.deps.ctx,
      action,
      input: { user_id: user.id, public_metadata: { seen: true } },
      actor: { userId: h.admin.userId, email: h.admin.email },
      source: "automation",
      automation: { ruleId: rule.id, eventId: "msg_boot_sent" },
    });
    await h.tdb.db
      .update(automationFirings)
      .set({
        status: "running",
        leaseUntil: new Date(Date.now() - 1000),
        writes: [
          {
            action: "updateUserMetadata",
            input: { user_id: user.id, public_metadata: { seen: true } },
            status: "pending",
          },
        ],
      })
      .where(eq(automationFirings.id, id!));
    const mark = h.mark();
    const done = await runFiring(h.deps, id!);
    expect(done?.status).toBe("applied");
    expect(h.writesSince(mark)).toBe(0);
  });
});
