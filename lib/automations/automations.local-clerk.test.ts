// Rules fired by Local Clerk's real webhooks: a standing approval of 3 writes per hour applies 3 sign-ups
// and sends the 4th to the inbox; a webhook delivered 5 times applies once; an edit revokes the standing
// approval; the kill switch stops firing; every write is audited with its rule and event.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideInboxItems } from "@/lib/approvals/inbox";
import { approvals, auditLog } from "@/lib/db/schema";
import { setLogSink } from "@/lib/errors";
import { LOCAL_SECRET_KEY } from "@/local-clerk/src/app-env";
import { type AutomationHarness, startAutomationHarness } from "@/test/support/automations";
import { dryRunRule } from "./dry-run";
import {
  createRule,
  grantStanding,
  listGrants,
  setAutomationsPaused,
  setRuleState,
  updateRule,
} from "./store";

setLogSink(() => {});
let h: AutomationHarness;
const RULE = {
  name: "Acme sign-ups",
  trigger: "user.created",
  conditions: [{ kind: "emailDomain", domain: "acme.com" }],
  actions: [
    {
      action: "updateUserMetadata",
      args: { user_id: "{{user.id}}", public_metadata: { company: "Acme", plan: "enterprise" } },
    },
  ],
};
const BOUNDS = {
  actions: ["updateUserMetadata"],
  metadataKeys: ["company", "plan"],
  maxPerHour: 3,
  maxPerDay: 10,
  expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
};

beforeAll(async () => {
  h = await startAutomationHarness();
});
afterAll(async () => {
  await h?.stop();
});

let n = 0;
async function signUp(domain = "acme.com"): Promise<string> {
  const user = await h.deps.ctx.clerk.users.createUser({
    emailAddress: [`auto${Date.now()}${n++}@${domain}`],
  });
  return user.id;
}
const metadataOf = (id: string) => h.lc.state.users.get(id)?.public_metadata as Record<string, unknown>;

describe("automations on Local Clerk's webhooks", () => {
  let ruleId = "";

  it("applies 3 sign-ups under a standing approval of 3 per hour; the 4th waits in the inbox", async () => {
    const rule = await createRule(h.tdb.db, h.admin, RULE);
    ruleId = rule.id;
    await setRuleState(h.tdb.db, h.admin, rule.id, { enabled: true });
    await grantStanding(h.tdb.db, h.admin, { ruleId: rule.id, ruleHash: rule.ruleHash, bounds: BOUNDS });

    const other = await signUp("other.com");
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await signUp());
    await h.idle();

    const firings = await h.firingsOf(rule.id);
    expect(firings).toHaveLength(4);
    expect(firings.filter((f) => f.status === "applied")).toHaveLength(3);
    const waiting = firings.filter((f) => f.status === "proposed");
    expect(waiting).toHaveLength(1);
    expect(waiting[0]?.error).toMatch(/3 writes per hour/);
    const applied = ids.filter((id) => metadataOf(id).company === "Acme");
    expect(applied).toHaveLength(3);
    expect(metadataOf(other)).toEqual({});

    const audit = await h.tdb.db.select().from(auditLog).where(eq(auditLog.ruleId, rule.id));
    expect(audit).toHaveLength(3);
    for (const entry of audit) {
      expect(entry).toMatchObject({ source: "automation", outcome: "ok", action: "updateUserMetadata" });
      expect(firings.map((f) => f.svixId)).toContain(entry.eventId);
    }

    // The 4th, approved from the inbox, runs through the write executor and keeps the rule and event.
    const [item] = await h.tdb.db
      .select()
      .from(approvals)
      .where(and(eq(approvals.source, "automation"), eq(approvals.status, "pending")));
    expect(item).toBeDefined();
    const [decision] = await decideInboxItems(h.deps, h.admin, [
      { approvalId: item!.id, approved: true, argsHash: item!.argsHash },
    ]);
    expect(decision).toMatchObject({ ok: true, status: "executed" });
    expect(ids.filter((id) => metadataOf(id).company === "Acme")).toHaveLength(4);
    const [last] = await h.tdb.db.select().from(auditLog).where(eq(auditLog.approvalId, item!.id));
    expect(last).toMatchObject({ ruleId: rule.id, eventId: waiting[0]!.svixId, source: "automation" });
  });

  it("applies a webhook delivered 5 times once", async () => {
    const id = await signUp();
    await h.idle();
    const firing = (await h.firingsOf(ruleId)).find(
      (f) => (f.event as { data: { id: string } }).data.id === id,
    );
    expect(firing).toBeDefined();
    const mark = h.mark();
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${h.lc.url}/__local_clerk/webhooks/${firing!.svixId}/redeliver`, {
        method: "POST",
        headers: { Authorization: `Bearer ${LOCAL_SECRET_KEY}` },
      });
      expect(await res.json()).toMatchObject({ id: firing!.svixId, lastStatus: 200 });
    }
    await h.idle();
    expect(h.responses.filter((r) => r.svixId === firing!.svixId).length).toBeGreaterThanOrEqual(5);
    expect((await h.firingsOf(ruleId)).filter((f) => f.svixId === firing!.svixId)).toHaveLength(1);
    // One run started for the 5 deliveries: a redelivery records no firing, so it starts nothing.
    expect(h.started.filter((started) => started === firing!.id)).toHaveLength(1);
    // No write reached Clerk for the redeliveries (the hourly budget is spent: the firing is in the inbox).
    expect(h.writesSince(mark)).toBe(0);
  });

  it("a dry run shows what the rule would write for recent sign-ups, writing nothing", async () => {
    const mark = h.mark();
    const result = await dryRunRule(h.tdb.db, h.deps.ctx, RULE as never, 10);
    expect(result.matched).toBeGreaterThanOrEqual(5);
    const sample = result.samples.find((s) => s.matched);
    expect(sample?.writes?.[0]).toMatchObject({
      action: "updateUserMetadata",
      input: { public_metadata: { company: "Acme", plan: "enterprise" } },
    });
    expect(h.writesSince(mark)).toBe(0);
  });

  it("an edit of the rule revokes its standing approval", async () => {
    const { revoked } = await updateRule(h.tdb.db, h.admin, ruleId, {
      ...RULE,
      name: "Acme sign-ups (edited)",
    });
    expect(revoked).toBe(1);
    const grants = await listGrants(h.tdb.db, ruleId);
    expect(grants.every((g) => g.revokedAt !== null)).toBe(true);
    const mark = h.mark();
    await signUp();
    await h.idle();
    const newest = (await h.firingsOf(ruleId)).sort((a, b) => +b.createdAt - +a.createdAt)[0];
    expect(newest).toMatchObject({ status: "proposed" });
    expect(h.writesSince(mark)).toBe(1); // the sign-up itself
  });

  it("the kill switch stops firing", async () => {
    await setAutomationsPaused(h.tdb.db, h.admin, true);
    const mark = h.mark();
    await signUp();
    await h.idle();
    const newest = (await h.firingsOf(ruleId)).sort((a, b) => +b.createdAt - +a.createdAt)[0];
    expect(newest).toMatchObject({ status: "skipped" });
    expect(newest?.writes).toEqual([]);
    expect(h.writesSince(mark)).toBe(1);
    await setAutomationsPaused(h.tdb.db, h.admin, false);
  });
});
