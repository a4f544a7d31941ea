// Automations attacked: a rule cannot write outside its standing approval's bounds (actions, metadata
// keys, rate), a non-admin cannot grant or change anything, a forged webhook fires nothing. Writes are
// counted in Local Clerk's own request log.
import { Webhook } from "svix";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookEvents } from "@/lib/db/schema";
import { AppError, setLogSink } from "@/lib/errors";
import { handleClerkWebhook } from "@/lib/webhooks/clerk-webhook";
import { LOCAL_WEBHOOK_SECRET } from "@/local-clerk/src/app-env";
import { type AutomationHarness, startAutomationHarness } from "@/test/support/automations";
import {
  createRule,
  grantStanding,
  revokeStanding,
  setAutomationsPaused,
  setRuleState,
  updateRule,
} from "./store";

setLogSink(() => {});
let h: AutomationHarness;
beforeAll(async () => {
  h = await startAutomationHarness();
});
afterAll(async () => {
  await h?.stop();
});

const rule = (domain: string, metadata: Record<string, unknown>, action = "updateUserMetadata") => ({
  name: `rule for ${domain}`,
  trigger: "user.created",
  conditions: [{ kind: "emailDomain", domain }],
  actions: [{ action, args: { user_id: "{{user.id}}", public_metadata: metadata } }],
});
const bounds = (over: Record<string, unknown> = {}) => ({
  actions: ["updateUserMetadata"],
  metadataKeys: ["company"],
  maxPerHour: 10,
  maxPerDay: 10,
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  ...over,
});
let n = 0;
const signUp = (domain: string) =>
  h.deps.ctx.clerk.users.createUser({ emailAddress: [`adv${Date.now()}${n++}@${domain}`] });

async function enabledWithGrant(def: unknown, b: unknown) {
  const r = await createRule(h.tdb.db, h.admin, def);
  await setRuleState(h.tdb.db, h.admin, r.id, { enabled: true });
  await grantStanding(h.tdb.db, h.admin, { ruleId: r.id, ruleHash: r.ruleHash, bounds: b });
  return r;
}

async function refused(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error("expected a refusal");
}

describe("a rule cannot write outside its bounds", () => {
  it.each([
    ["a metadata key the approval does not name", "keys.test", { company: "K", plan: "x" }, bounds()],
    [
      "an action the approval does not name",
      "actions.test",
      { company: "A" },
      bounds({ actions: ["banUser"] }),
    ],
    ["more writes than the hourly bound", "rate.test", { company: "R" }, bounds({ maxPerHour: 1 })],
  ])("%s: the firing waits in the inbox, nothing is written", async (_, domain, metadata, b) => {
    const r = await enabledWithGrant(rule(domain, metadata), b);
    const first = domain === "rate.test" ? await signUp(domain) : null;
    await h.idle();
    const mark = h.mark();
    const user = await signUp(domain);
    await h.idle();
    expect(h.writesSince(mark)).toBe(1); // the sign-up only
    expect(h.lc.state.users.get(user.id)?.public_metadata).toEqual({});
    const firings = await h.firingsOf(r.id);
    const mine = firings.find((f) => (f.event as { data: { id: string } }).data.id === user.id);
    expect(mine?.status).toBe("proposed");
    if (first) expect(h.lc.state.users.get(first.id)?.public_metadata).toEqual({ company: "R" });
  });

  it("an edited rule's old approval never covers the new text", async () => {
    const r = await enabledWithGrant(rule("edit.test", { company: "E" }), bounds());
    await updateRule(h.tdb.db, h.admin, r.id, rule("edit.test", { company: "E2" }));
    const mark = h.mark();
    await signUp("edit.test");
    await h.idle();
    expect(h.writesSince(mark)).toBe(1);
    // Granting against the old text is refused: the admin must review what the rule says now.
    const err = await refused(
      grantStanding(h.tdb.db, h.admin, { ruleId: r.id, ruleHash: r.ruleHash, bounds: bounds() }),
    );
    expect(err.code).toBe("conflict");
  });

  it("a rule cannot name a deletion, a secret or an unknown action, or template anything but a path", async () => {
    for (const def of [
      rule("x.test", {}, "deleteUser"),
      rule("x.test", {}, "setPassword"),
      rule("x.test", {}, "noSuchAction"),
      {
        ...rule("x.test", {}),
        actions: [{ action: "updateUserMetadata", args: { user_id: "{{user.id.constructor}}" } }],
      },
    ])
      expect((await refused(createRule(h.tdb.db, h.admin, def))).code).toBe("validation_failed");
  });
});

describe("only admins change automations", () => {
  it("a viewer cannot grant, revoke, create, edit, enable or pause", async () => {
    const r = await createRule(h.tdb.db, h.admin, rule("viewer.test", { company: "V" }));
    const attempts = [
      grantStanding(h.tdb.db, h.viewer, { ruleId: r.id, ruleHash: r.ruleHash, bounds: bounds() }),
      revokeStanding(h.tdb.db, h.viewer, r.id),
      createRule(h.tdb.db, h.viewer, rule("viewer.test", {})),
      updateRule(h.tdb.db, h.viewer, r.id, rule("viewer.test", { company: "W" })),
      setRuleState(h.tdb.db, h.viewer, r.id, { enabled: true }),
      setAutomationsPaused(h.tdb.db, h.viewer, true),
    ];
    for (const p of attempts) expect((await refused(p)).code).toBe("forbidden");
  });

  it("a standing approval granted by someone no longer admin does not stand", async () => {
    const r = await enabledWithGrant(rule("demoted.test", { company: "D" }), bounds());
    const lookup = h.deps.lookupOwner;
    h.deps.lookupOwner = async () => ({ role: "viewer", email: null });
    try {
      const mark = h.mark();
      await signUp("demoted.test");
      await h.idle();
      expect(h.writesSince(mark)).toBe(1);
      expect((await h.firingsOf(r.id))[0]?.status).toBe("proposed");
    } finally {
      h.deps.lookupOwner = lookup;
    }
  });
});

describe("a forged webhook fires nothing", () => {
  it("a bad signature, a wrong secret or a replayed signature with a changed body is refused", async () => {
    const r = await enabledWithGrant(rule("forged.test", { company: "F" }), bounds());
    const victim = await signUp("other.test");
    await h.idle();
    const body = JSON.stringify({
      type: "user.created",
      object: "event",
      data: { id: victim.id, email_addresses: [{ email_address: "x@forged.test" }] },
    });
    const id = `msg_forged${Date.now()}`;
    const at = new Date();
    const good = new Webhook(LOCAL_WEBHOOK_SECRET).sign(id, at, body);
    const wrong = new Webhook(`whsec_${Buffer.from("not the secret at all").toString("base64")}`).sign(
      id,
      at,
      body,
    );
    const post = (signature: string, payload = body) =>
      handleClerkWebhook(
        new Request("http://127.0.0.1/api/webhooks/clerk", {
          method: "POST",
          headers: {
            "svix-id": id,
            "svix-timestamp": String(Math.floor(at.getTime() / 1000)),
            "svix-signature": signature,
            "content-type": "application/json",
          },
          body: payload,
        }),
        { db: h.tdb.db, signingSecret: LOCAL_WEBHOOK_SECRET, startFirings: () => expect.fail("fired") },
      );
    const mark = h.mark();
    const before = (await h.tdb.db.select().from(webhookEvents)).length;
    expect((await post("v1,AAAA")).status).toBe(401);
    expect((await post(wrong)).status).toBe(401);
    expect((await post(good, body.replace("x@forged.test", "y@forged.test"))).status).toBe(401);
    expect((await h.tdb.db.select().from(webhookEvents)).length).toBe(before);
    expect(await h.firingsOf(r.id)).toEqual([]);
    expect(h.writesSince(mark)).toBe(0);
    expect(h.lc.state.users.get(victim.id)?.public_metadata).toEqual({});
  });
});
