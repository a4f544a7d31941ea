// Rules, standing approvals and the kill switch in the database.
import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { type Actor, can, type Permission } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import {
  type AutomationFiringRow,
  type AutomationGrantRow,
  type AutomationPolicy,
  type AutomationRuleRow,
  automationFirings,
  automationGrants,
  automationRules,
  consoleSettings,
} from "@/lib/db/schema";
import { AppError, logger } from "@/lib/errors";
import { type Bounds, parseBounds } from "./bounds";
import { parseRule, type RuleDefinition, ruleHash } from "./rule";

const PAUSED_KEY = "automations.paused";

export const newId = (prefix: string) => `${prefix}_${randomUUID().replaceAll("-", "")}`;

function requireAdmin(actor: Pick<Actor, "role">, what: string, permission: Permission = "write"): void {
  if (!can(actor.role, permission)) throw new AppError("forbidden", `Only admins can ${what}.`);
}

export async function getRule(db: Db, id: string): Promise<AutomationRuleRow | null> {
  const [row] = await db.select().from(automationRules).where(eq(automationRules.id, id)).limit(1);
  return row ?? null;
}

export async function requireRule(db: Db, id: string): Promise<AutomationRuleRow> {
  const row = await getRule(db, id);
  if (!row) throw AppError.notFound("Automation rule", id);
  return row;
}

export function listRules(db: Db): Promise<AutomationRuleRow[]> {
  return db.select().from(automationRules).orderBy(desc(automationRules.createdAt)).limit(500);
}

export function ruleOf(row: AutomationRuleRow): RuleDefinition {
  return row.definition as RuleDefinition;
}

/** A new rule starts disabled, asking each time: nothing fires until an admin enables it. */
export async function createRule(db: Db, actor: Actor, input: unknown): Promise<AutomationRuleRow> {
  requireAdmin(actor, "create automations");
  const rule = parseRule(input);
  const [row] = await db
    .insert(automationRules)
    .values({
      id: newId("rule"),
      name: rule.name,
      definition: rule,
      ruleHash: ruleHash(rule),
      createdBy: actor.userId,
      updatedBy: actor.userId,
    })
    .returning();
  logger.info("automations.rule_created", { ruleId: row?.id, by: actor.userId });
  return row as AutomationRuleRow;
}

/** Edits the rule text; a changed text revokes every standing approval of the rule at once. */
export async function updateRule(
  db: Db,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<{ row: AutomationRuleRow; revoked: number }> {
  requireAdmin(actor, "edit automations");
  const rule = parseRule(input);
  const hash = ruleHash(rule);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(automationRules).where(eq(automationRules.id, id)).for("update");
    if (!current) throw AppError.notFound("Automation rule", id);
    if (current.ruleHash === hash) return { row: current, revoked: 0 };
    const [row] = await tx
      .update(automationRules)
      .set({
        name: rule.name,
        definition: rule,
        ruleHash: hash,
        updatedAt: new Date(),
        updatedBy: actor.userId,
      })
      .where(eq(automationRules.id, id))
      .returning();
    const revoked = await revokeGrants(tx, id, "the rule changed", new Date());
    logger.info("automations.rule_updated", { ruleId: id, by: actor.userId, revoked });
    return { row: row as AutomationRuleRow, revoked };
  });
}

export async function setRuleState(
  db: Db,
  actor: Actor,
  id: string,
  state: { enabled?: boolean; policy?: AutomationPolicy },
): Promise<AutomationRuleRow> {
  requireAdmin(actor, "change automations");
  const [row] = await db
    .update(automationRules)
    .set({ ...state, updatedAt: new Date(), updatedBy: actor.userId })
    .where(eq(automationRules.id, id))
    .returning();
  if (!row) throw AppError.notFound("Automation rule", id);
  return row;
}

export async function deleteRule(db: Db, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor, "delete automations");
  const gone = await db.delete(automationRules).where(eq(automationRules.id, id)).returning();
  if (gone.length === 0) throw AppError.notFound("Automation rule", id);
}

/**
 * An admin approves the exact rule text they saw (its hash) within bounds; the rule then runs without
 * asking, as long as the text is unchanged, the bounds hold and the approval has not expired.
 */
export async function grantStanding(
  db: Db,
  actor: Actor,
  input: { ruleId: string; ruleHash: string; bounds: unknown },
  now: Date = new Date(),
): Promise<AutomationGrantRow> {
  requireAdmin(actor, "grant a standing approval", "approve");
  const bounds = parseBounds(input.bounds, now);
  return db.transaction(async (tx) => {
    const [rule] = await tx
      .select()
      .from(automationRules)
      .where(eq(automationRules.id, input.ruleId))
      .for("update");
    if (!rule) throw AppError.notFound("Automation rule", input.ruleId);
    if (rule.ruleHash !== input.ruleHash)
      throw AppError.conflict("The rule changed since you read it; review it again.", {
        reason: "rule_changed",
      });
    await revokeGrants(tx, rule.id, "replaced by a new standing approval", now);
    const [grant] = await tx
      .insert(automationGrants)
      .values({
        id: newId("grant"),
        ruleId: rule.id,
        ruleHash: rule.ruleHash,
        bounds: { ...bounds, expiresAt: bounds.expiresAt.toISOString() },
        expiresAt: bounds.expiresAt,
        grantedBy: actor.userId,
        grantedAt: now,
      })
      .returning();
    await tx
      .update(automationRules)
      .set({ policy: "standing", updatedAt: now })
      .where(eq(automationRules.id, rule.id));
    logger.info("automations.standing_granted", { ruleId: rule.id, grantId: grant?.id, by: actor.userId });
    return grant as AutomationGrantRow;
  });
}

export async function revokeStanding(
  db: Db,
  actor: Actor,
  ruleId: string,
  now = new Date(),
): Promise<number> {
  requireAdmin(actor, "revoke a standing approval", "approve");
  return revokeGrants(db, ruleId, `revoked by ${actor.email ?? actor.userId}`, now);
}

/** Revokes the rule's live standing approvals; returns how many. */
async function revokeGrants(db: Db, ruleId: string, reason: string, now: Date): Promise<number> {
  const rows = await db
    .update(automationGrants)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(automationGrants.ruleId, ruleId), isNull(automationGrants.revokedAt)))
    .returning({ id: automationGrants.id });
  return rows.length;
}

export function listFirings(db: Db, ruleId: string, limit = 50): Promise<AutomationFiringRow[]> {
  return db
    .select()
    .from(automationFirings)
    .where(eq(automationFirings.ruleId, ruleId))
    .orderBy(desc(automationFirings.createdAt))
    .limit(limit);
}

export function listGrants(db: Db, ruleId: string): Promise<AutomationGrantRow[]> {
  return db
    .select()
    .from(automationGrants)
    .where(eq(automationGrants.ruleId, ruleId))
    .orderBy(desc(automationGrants.grantedAt))
    .limit(50);
}

/** The grant that lets this rule text run now, if any. */
export function liveGrant(
  grants: readonly AutomationGrantRow[],
  rule: Pick<AutomationRuleRow, "id" | "ruleHash">,
  now: Date = new Date(),
): (AutomationGrantRow & { parsed: Bounds }) | null {
  const g = grants.find(
    (x) =>
      x.ruleId === rule.id &&
      x.ruleHash === rule.ruleHash &&
      !x.revokedAt &&
      x.expiresAt.getTime() > now.getTime(),
  );
  if (!g) return null;
  const b = g.bounds as Bounds & { expiresAt: string };
  return { ...g, parsed: { ...b, expiresAt: new Date(b.expiresAt) } };
}

export async function automationsPaused(db: Db): Promise<boolean> {
  const [row] = await db.select().from(consoleSettings).where(eq(consoleSettings.key, PAUSED_KEY)).limit(1);
  return row?.value === true;
}

/** The kill switch: while paused, no rule fires (events that arrive are recorded as skipped). */
export async function setAutomationsPaused(db: Db, actor: Actor, paused: boolean): Promise<void> {
  requireAdmin(actor, "pause or resume automations");
  await db
    .insert(consoleSettings)
    .values({ key: PAUSED_KEY, value: paused, updatedBy: actor.userId })
    .onConflictDoUpdate({
      target: consoleSettings.key,
      set: { value: paused, updatedBy: actor.userId, updatedAt: new Date() },
    });
  logger.info("automations.kill_switch", { paused, by: actor.userId });
}
