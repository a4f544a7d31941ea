// runFiring(firingId): idempotent, its state in the database. A firing is claimed with a lease, so one
// runner at a time works on it (its workflow run's step, lib/automations/firing-workflow) and a crashed
// runner's firing is taken over once the lease ends; each write's progress is stored as it happens, and
// a write whose audit intent exists is never sent again.
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import { automationChatId, proposeAutomationWrite } from "@/lib/approvals/inbox-propose";
import type { InboxDeps } from "@/lib/approvals/inbox-types";
import type { Db } from "@/lib/db/client";
import {
  type AutomationFiringRow,
  approvals,
  auditLog,
  automationFirings,
  automationRules,
} from "@/lib/db/schema";
import { logger, toPublicError } from "@/lib/errors";
import { executeWrite } from "@/lib/writes/execute-write";
import { outsideBounds, type PlannedWrite } from "./bounds";
import { reserveWrites } from "./budget";
import type { ClerkEvent } from "./match";
import { planWrites } from "./plan";
import { automationAction } from "./rule";
import { automationsPaused, getRule, listGrants, liveGrant, ruleOf } from "./store";

export type FiringDeps = InboxDeps;

export type WriteStatus = "pending" | "ok" | "error" | "proposed" | "unknown";
export interface FiringWrite extends PlannedWrite {
  status: WriteStatus;
  auditId?: string;
  approvalId?: string;
  error?: string;
}

const LEASE_MS = 60_000;

export async function getFiring(db: Db, id: string): Promise<AutomationFiringRow | null> {
  const [row] = await db.select().from(automationFirings).where(eq(automationFirings.id, id)).limit(1);
  return row ?? null;
}

async function claim(db: Db, id: string, now: Date): Promise<AutomationFiringRow | null> {
  const [row] = await db
    .update(automationFirings)
    .set({
      status: "running",
      leaseUntil: new Date(now.getTime() + LEASE_MS),
      attempts: sql`${automationFirings.attempts} + 1`,
      updatedAt: now,
    })
    .where(and(eq(automationFirings.id, id), claimable(now)))
    .returning();
  return row ?? null;
}

async function save(db: Db, id: string, set: Partial<AutomationFiringRow>): Promise<void> {
  await db
    .update(automationFirings)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(automationFirings.id, id));
}

type Outcome = { status: AutomationFiringRow["status"]; error: string | null; writes: FiringWrite[] };

/** Runs a firing once; a firing already done (or held by another runner) is returned as it stands. */
export async function runFiring(deps: FiringDeps, firingId: string): Promise<AutomationFiringRow | null> {
  const { db } = deps;
  const now = deps.now?.() ?? new Date();
  const firing = await claim(db, firingId, now);
  if (!firing) return getFiring(db, firingId);
  let outcome: Outcome;
  try {
    outcome = await execute(deps, firing, now);
  } catch (err) {
    const message = toPublicError(err).message;
    logger.warn("automations.firing_failed", { firingId, ruleId: firing.ruleId, error: message });
    outcome = { status: "failed", error: message, writes: firing.writes as FiringWrite[] };
  }
  await save(db, firingId, {
    status: outcome.status,
    error: outcome.error,
    writes: outcome.writes,
    leaseUntil: null,
  });
  if (outcome.status !== "skipped")
    await db
      .update(automationRules)
      .set({
        lastFiredAt: now,
        ...(outcome.error && outcome.status === "failed" ? { lastError: outcome.error } : {}),
      })
      .where(eq(automationRules.id, firing.ruleId));
  logger.info("automations.fired", { firingId, ruleId: firing.ruleId, status: outcome.status });
  return getFiring(db, firingId);
}

async function execute(deps: FiringDeps, firing: AutomationFiringRow, now: Date): Promise<Outcome> {
  const { db } = deps;
  const skip = (error: string): Outcome => ({ status: "skipped", error, writes: [] });
  if (await automationsPaused(db)) return skip("Automations were paused when this event arrived.");
  const rule = await getRule(db, firing.ruleId);
  if (!rule?.enabled) return skip("The rule was disabled.");
  if (rule.ruleHash !== firing.ruleHash) return skip("The rule changed after the event arrived.");

  let writes = firing.writes as FiringWrite[];
  if (writes.length === 0) {
    writes = planWrites(ruleOf(rule), firing.event as ClerkEvent).map((w) => ({
      ...w,
      status: "pending" as const,
    }));
    await save(db, firing.id, { writes });
  }

  let overBounds: string | null =
    rule.policy === "standing" ? "No standing approval covers this rule." : null;
  let grant: ReturnType<typeof liveGrant> = null;
  let granter: Awaited<ReturnType<typeof deps.lookupOwner>> | null = null;
  if (rule.policy === "standing") {
    grant = liveGrant(await listGrants(db, rule.id), rule, now);
    if (grant) {
      granter = await deps.lookupOwner(grant.grantedBy).catch(() => null);
      overBounds =
        granter?.role !== "admin"
          ? "The admin who granted the standing approval is no longer an admin."
          : outsideBounds(grant.parsed, writes);
      if (!overBounds && firing.grantId !== grant.id)
        overBounds = await reserveWrites(db, grant, firing.id, writes.length, now);
    }
  }
  const ids = { ruleId: rule.id, eventId: firing.svixId };
  const runs = grant && granter && !overBounds ? { grant, email: granter.email } : null;
  for (const [i, w] of writes.entries()) {
    if (w.status !== "pending") continue;
    const step = runs
      ? await applyOnce(deps, w, ids, { userId: runs.grant.grantedBy, email: runs.email }, runs.grant.id)
      : await proposeOnce(deps, w, ids, rule.createdBy, `${firing.id}:${i}`);
    Object.assign(w, step);
    await save(db, firing.id, { writes });
  }
  if (runs) {
    const failed = writes.find((w) => w.status === "error" || w.status === "unknown");
    return { status: failed ? "failed" : "applied", error: failed?.error ?? null, writes };
  }
  const failed = writes.find((w) => w.status === "error");
  return { status: failed ? "failed" : "proposed", error: failed?.error ?? overBounds, writes };
}

/** Sends a write unless an earlier attempt already recorded its intent (then its outcome stands). */
async function applyOnce(
  deps: FiringDeps,
  w: FiringWrite,
  ids: { ruleId: string; eventId: string },
  actor: { userId: string; email: string | null },
  grantId: string,
): Promise<Partial<FiringWrite>> {
  const action = automationAction(w.action);
  if (!action) return { status: "error", error: `${w.action} cannot be automated.` };
  const target = action.target(w.input as never);
  const [earlier] = await deps.db
    .select({ id: auditLog.id, outcome: auditLog.outcome, errorMessage: auditLog.errorMessage })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.ruleId, ids.ruleId),
        eq(auditLog.eventId, ids.eventId),
        eq(auditLog.action, w.action),
        target.id ? eq(auditLog.targetId, target.id) : sql`true`,
      ),
    )
    .limit(1);
  if (earlier) {
    const status: WriteStatus =
      earlier.outcome === "ok" ? "ok" : earlier.outcome === "pending" ? "unknown" : "error";
    return { status, auditId: earlier.id, ...(earlier.errorMessage ? { error: earlier.errorMessage } : {}) };
  }
  try {
    const { auditId } = await executeWrite({
      db: deps.db,
      ctx: deps.ctx,
      action,
      input: w.input,
      actor,
      source: "automation",
      decided: { approvalId: grantId, approverUserId: actor.userId },
      automation: ids,
    });
    return { status: "ok", auditId };
  } catch (err) {
    return { status: "error", error: toPublicError(err).message };
  }
}

async function proposeOnce(
  deps: FiringDeps,
  w: FiringWrite,
  ids: { ruleId: string; eventId: string },
  proposer: string,
  toolCallId: string,
): Promise<Partial<FiringWrite>> {
  const action = automationAction(w.action);
  if (!action) return { status: "error", error: `${w.action} cannot be automated.` };
  const [earlier] = await deps.db
    .select({ id: approvals.id })
    .from(approvals)
    .where(
      and(
        eq(approvals.chatId, automationChatId(ids.ruleId, ids.eventId)),
        eq(approvals.toolCallId, toolCallId),
      ),
    )
    .limit(1);
  if (earlier) return { status: "proposed", approvalId: earlier.id };
  try {
    const { row } = await proposeAutomationWrite(deps, action, w.input, {
      userId: proposer,
      ...ids,
      toolCallId,
    });
    return { status: "proposed", approvalId: row.id };
  } catch (err) {
    return { status: "error", error: toPublicError(err).message };
  }
}

/** Pending, or running under a lease that is over (its runner died). */
function claimable(now: Date) {
  return or(
    eq(automationFirings.status, "pending"),
    and(eq(automationFirings.status, "running"), lt(automationFirings.leaseUntil, now)),
  );
}

/** Firings not done yet (pending, or running under any lease) and the run that last took each over. */
export async function unfinishedFirings(db: Db): Promise<{ id: string; runId: string | null }[]> {
  return db
    .select({ id: automationFirings.id, runId: automationFirings.runId })
    .from(automationFirings)
    .where(inArray(automationFirings.status, ["pending", "running"]))
    .orderBy(automationFirings.createdAt)
    .limit(500);
}

/** The workflow run working on a firing records itself, so the boot catch-up can tell it is alive. */
export async function takeFiringOver(db: Db, id: string, runId: string): Promise<void> {
  await db
    .update(automationFirings)
    .set({ runId })
    .where(and(eq(automationFirings.id, id), inArray(automationFirings.status, ["pending", "running"])));
}
