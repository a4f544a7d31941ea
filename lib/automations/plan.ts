// From a rule and an event to the exact writes (templates rendered, inputs validated): shared by a
// firing and by the dry run, so what the dry run shows is what a firing would send.
import { AppError, toPublicError, zodFieldErrors } from "@/lib/errors";
import type { PlannedWrite } from "./bounds";
import { type ClerkEvent, eventScope } from "./match";
import { automationAction, type RuleDefinition } from "./rule";
import { renderTemplate } from "./template";

export function planWrites(rule: RuleDefinition, event: ClerkEvent): PlannedWrite[] {
  const scope = eventScope(event);
  return rule.actions.map((a, i) => {
    const action = automationAction(a.action);
    if (!action) throw AppError.validation({ [`actions.${i}.action`]: [`${a.action} cannot be automated.`] });
    const input = renderTemplate(a.args, scope) as Record<string, unknown>;
    const parsed = action.input.safeParse(input);
    if (!parsed.success)
      throw AppError.validation(
        zodFieldErrors(parsed.error),
        `The rendered arguments of ${a.action} are not valid for this event.`,
      );
    return { action: a.action, input };
  });
}

export type PlanResult = { ok: true; writes: PlannedWrite[] } | { ok: false; error: string };

export function tryPlanWrites(rule: RuleDefinition, event: ClerkEvent): PlanResult {
  try {
    return { ok: true, writes: planWrites(rule, event) };
  } catch (err) {
    return { ok: false, error: toPublicError(err).message };
  }
}
