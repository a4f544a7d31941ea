// Dry run: what a rule would do with the last N events of its trigger (received webhooks), topped up
// with recent users for user triggers when fewer events were received. Nothing is written.
import { desc, eq } from "drizzle-orm";
import type { ActionContext } from "@/lib/clerk/define-action";
import type { Db } from "@/lib/db/client";
import { webhookEvents } from "@/lib/db/schema";
import type { PlannedWrite } from "./bounds";
import { type ClerkEvent, eventEmails, ruleMatches } from "./match";
import { tryPlanWrites } from "./plan";
import type { RuleDefinition } from "./rule";

export interface DryRunSample {
  from: "event" | "user";
  ref: string;
  label: string | null;
  matched: boolean;
  writes?: PlannedWrite[];
  error?: string;
}

export interface DryRunResult {
  examined: number;
  matched: number;
  wouldWrite: number;
  errors: number;
  samples: DryRunSample[];
}

export const DRY_RUN_MAX = 200;

async function recentUsersAsEvents(ctx: ActionContext, type: string, limit: number): Promise<ClerkEvent[]> {
  const { data } = await ctx.clerk.users.getUserList({ limit, orderBy: "-created_at" });
  return data.flatMap((u) => (u.raw ? [{ type, data: u.raw as unknown as Record<string, unknown> }] : []));
}

export async function dryRunRule(
  db: Db,
  ctx: ActionContext,
  rule: RuleDefinition,
  n = 20,
): Promise<DryRunResult> {
  const limit = Math.max(1, Math.min(DRY_RUN_MAX, Math.floor(n)));
  const rows = await db
    .select()
    .from(webhookEvents)
    .where(eq(webhookEvents.type, rule.trigger))
    .orderBy(desc(webhookEvents.id))
    .limit(limit);
  const items: { from: DryRunSample["from"]; ref: string; event: ClerkEvent }[] = rows.map((r) => ({
    from: "event",
    ref: r.svixId,
    event: r.payload as ClerkEvent,
  }));
  if (items.length < limit && (rule.trigger === "user.created" || rule.trigger === "user.updated")) {
    const seen = new Set(rows.map((r) => r.objectId));
    for (const event of await recentUsersAsEvents(ctx, rule.trigger, limit - items.length)) {
      const id = String(event.data.id);
      if (!seen.has(id)) items.push({ from: "user", ref: id, event });
    }
  }
  const samples: DryRunSample[] = items.map(({ from, ref, event }) => {
    const label = eventEmails(event)[0] ?? null;
    if (!ruleMatches(rule, event)) return { from, ref, label, matched: false };
    const plan = tryPlanWrites(rule, event);
    return plan.ok
      ? { from, ref, label, matched: true, writes: plan.writes }
      : { from, ref, label, matched: true, error: plan.error };
  });
  const matched = samples.filter((s) => s.matched);
  return {
    examined: samples.length,
    matched: matched.length,
    wouldWrite: matched.reduce((n, s) => n + (s.writes?.length ?? 0), 0),
    errors: matched.filter((s) => s.error).length,
    samples,
  };
}
