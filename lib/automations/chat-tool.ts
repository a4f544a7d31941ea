// The chat's automation tool: the model proposes a rule; it is saved disabled (nothing fires), dry-run
// against recent events, and shown as a card with the rule, the dry run and suggested bounds. Only the
// admin's approval on the card (or the rule's page) enables it.
import { z } from "zod";
import type { Actor } from "@/lib/auth/policy";
import type { ActionContext } from "@/lib/clerk/define-action";
import type { Db } from "@/lib/db/client";
import { dryRunRule } from "./dry-run";
import { AUTOMATION_TRIGGERS, conditionSchema, metadataKeysOf, ruleActionSchema } from "./rule";
import { createRule, ruleOf } from "./store";

export const AUTOMATION_TOOL = "proposeAutomation";

export const automationToolInput = z
  .strictObject({
    name: z.string().min(1).max(120).describe("A short name for the rule."),
    trigger: z
      .enum(AUTOMATION_TRIGGERS)
      .describe("The Clerk webhook that fires the rule; a sign-up is user.created."),
    conditions: z
      .array(conditionSchema)
      .max(10)
      .describe('All must hold, e.g. [{"kind":"emailDomain","domain":"acme.com"}].'),
    actions: z
      .array(ruleActionSchema)
      .min(1)
      .max(5)
      .describe(
        'Registry writes with templated arguments, e.g. {"action":"updateUserMetadata","args":{"user_id":"{{user.id}}","public_metadata":{"plan":"pro"}}}.',
      ),
  })
  .describe("An automation rule proposed for the admin's approval.");

export const automationTool = {
  name: AUTOMATION_TOOL,
  title: "Propose an automation",
  description:
    "Propose a rule that runs writes when Clerk sends a webhook (e.g. when someone from acme.com signs up, set company=Acme). Nothing runs now: the rule is saved disabled, dry-run against recent events, and the admin approves it on a card, with a standing approval's bounds or asking each time.",
  kind: "write",
  input: automationToolInput,
} as const;

export interface AutomationProposal {
  rule_id: string;
  rule_hash: string;
  name: string;
  trigger: string;
  conditions: unknown[];
  actions: unknown[];
  dry_run: {
    examined: number;
    matched: number;
    would_write: number;
    errors: number;
    samples: { label: string | null; writes: unknown[] }[];
  };
  suggested_bounds: {
    actions: string[];
    metadata_keys: string[];
    max_per_hour: number;
    max_per_day: number;
    expires_in_days: number;
  };
  review_url: string;
  message: string;
}

export function chatAutomationProposer(
  actor: Actor,
  db: () => Promise<Db>,
  ctx: ActionContext,
): (raw: unknown) => Promise<AutomationProposal> {
  return async (raw) => {
    const store = await db();
    const row = await createRule(store, actor, raw);
    const rule = ruleOf(row);
    const dry = await dryRunRule(store, ctx, rule, 20);
    const matched = dry.samples.filter((s) => s.matched);
    return {
      rule_id: row.id,
      rule_hash: row.ruleHash,
      name: rule.name,
      trigger: rule.trigger,
      conditions: rule.conditions,
      actions: rule.actions,
      dry_run: {
        examined: dry.examined,
        matched: dry.matched,
        would_write: dry.wouldWrite,
        errors: dry.errors,
        samples: matched.slice(0, 5).map((s) => ({ label: s.label, writes: s.writes ?? [] })),
      },
      suggested_bounds: {
        actions: [...new Set(rule.actions.map((a) => a.action))],
        metadata_keys: [...new Set(rule.actions.flatMap((a) => metadataKeysOf(a.args)))],
        max_per_hour: 10,
        max_per_day: 100,
        expires_in_days: 30,
      },
      review_url: `/automations/${row.id}`,
      message: `Saved the rule disabled; the dry run matched ${dry.matched} of the last ${dry.examined} events. Nothing runs until the admin approves it on its card or at /automations/${row.id}.`,
    };
  };
}
