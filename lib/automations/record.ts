// A verified webhook event records one firing per enabled rule it matches, in the transaction that
// stores the event: the (rule, svix-id) key makes a redelivered webhook fire nothing more.
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { automationFirings, automationRules } from "@/lib/db/schema";
import { logger } from "@/lib/errors";
import { type ClerkEvent, ruleMatches } from "./match";
import { AUTOMATION_TRIGGERS } from "./rule";
import { newId, ruleOf } from "./store";

/** Inserts the firings of every enabled rule the event matches; returns the new firing ids. */
export async function recordFirings(db: Db, svixId: string, event: ClerkEvent): Promise<string[]> {
  if (!(AUTOMATION_TRIGGERS as readonly string[]).includes(event.type)) return [];
  const rules = await db.select().from(automationRules).where(eq(automationRules.enabled, true));
  const ids: string[] = [];
  for (const rule of rules) {
    let matches = false;
    try {
      matches = ruleMatches(ruleOf(rule), event);
    } catch (err) {
      logger.warn("automations.match_failed", { ruleId: rule.id, svixId, error: String(err) });
    }
    if (!matches) continue;
    const inserted = await db
      .insert(automationFirings)
      .values({
        id: newId("fir"),
        ruleId: rule.id,
        ruleHash: rule.ruleHash,
        svixId,
        eventType: event.type,
        event,
      })
      .onConflictDoNothing({ target: [automationFirings.ruleId, automationFirings.svixId] })
      .returning({ id: automationFirings.id });
    if (inserted[0]) ids.push(inserted[0].id);
  }
  return ids;
}
