// Automation firings left for a restarted console (e2e/job-restart): a rule under a standing approval
// and, for two new users, one firing recorded but never started (its process died before starting the
// run) and one held by a runner that died (status running, its lease ending at `heldUntil`).
import { eq } from "drizzle-orm";
import { recordFirings } from "@/lib/automations/record";
import { createRule, grantStanding, setRuleState } from "@/lib/automations/store";
import type { Db } from "@/lib/db/client";
import { automationFirings } from "@/lib/db/schema";
import type { LocalClerkHandle } from "@/local-clerk/src/index";
import { clientFor } from "./jobs";

export interface LeftFiring {
  id: string;
  svixId: string;
  userId: string;
}

export async function firingsLeftWhileDown(db: Db, lc: LocalClerkHandle, heldUntil: Date) {
  const adminUser = lc.state.users.findByEmail("admin@example.com");
  const admin = { userId: adminUser?.id ?? "", email: "admin@example.com", role: "admin" as const };
  const rule = await createRule(db, admin, {
    name: "welcome while down",
    trigger: "user.created",
    conditions: [{ kind: "emailDomain", domain: "while-down.test" }],
    actions: [
      { action: "updateUserMetadata", args: { user_id: "{{user.id}}", public_metadata: { welcomed: true } } },
    ],
  });
  await grantStanding(db, admin, {
    ruleId: rule.id,
    ruleHash: rule.ruleHash,
    bounds: {
      actions: ["updateUserMetadata"],
      metadataKeys: ["welcomed"],
      maxPerHour: 10,
      maxPerDay: 10,
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    },
  });
  await setRuleState(db, admin, rule.id, { enabled: true });
  const record = async (name: string): Promise<LeftFiring> => {
    const user = await clientFor(lc).users.createUser({ emailAddress: [`${name}@while-down.test`] });
    const svixId = `msg_${name}_while_down`;
    const [id] = await recordFirings(db, svixId, {
      type: "user.created",
      data: user.raw as unknown as Record<string, unknown>,
    });
    if (!id) throw new Error(`the ${name} firing was not recorded`);
    return { id, svixId, userId: user.id };
  };
  const recorded = await record("recorded");
  const held = await record("held");
  await db
    .update(automationFirings)
    .set({ status: "running", leaseUntil: heldUntil, attempts: 1 })
    .where(eq(automationFirings.id, held.id));
  return { ruleId: rule.id, recorded, held, firings: [recorded, held] };
}
