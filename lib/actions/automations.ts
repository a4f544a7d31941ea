"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth";
import { dryRunRule } from "@/lib/automations/dry-run";
import { parseRule } from "@/lib/automations/rule";
import {
  createRule,
  deleteRule,
  grantStanding,
  requireRule,
  revokeStanding,
  ruleOf,
  setAutomationsPaused,
  setRuleState,
  updateRule,
} from "@/lib/automations/store";
import { actionContext } from "@/lib/clerk/action-context";
import { getDb } from "@/lib/db/client";
import { AUTOMATION_POLICIES } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

const ruleId = z.string().regex(/^rule_[a-f0-9]{32}$/, "not a rule id");
/** The rule as the editor's JSON text, or as an object. */
const definition = z.union([z.string().max(20_000), z.record(z.string(), z.unknown())]);

function parseDefinition(value: string | Record<string, unknown>): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    throw AppError.validation({ definition: ["Not valid JSON."] }, "The rule is not valid JSON.");
  }
}

function refresh(id?: string): void {
  revalidatePath("/automations");
  if (id) revalidatePath(`/automations/${id}`);
}

export const createAutomationRuleAction = authorizedAction(
  "write",
  z.strictObject({ definition }),
  async (input, auth) => {
    const row = await createRule(await getDb(), auth, parseDefinition(input.definition));
    refresh();
    return { id: row.id };
  },
);

export const updateAutomationRuleAction = authorizedAction(
  "write",
  z.strictObject({ id: ruleId, definition }),
  async (input, auth) => {
    const { row, revoked } = await updateRule(
      await getDb(),
      auth,
      input.id,
      parseDefinition(input.definition),
    );
    refresh(input.id);
    return { id: row.id, ruleHash: row.ruleHash, revoked };
  },
);

export const setAutomationRuleStateAction = authorizedAction(
  "write",
  z.strictObject({
    id: ruleId,
    enabled: z.boolean().optional(),
    policy: z.enum(AUTOMATION_POLICIES).optional(),
  }),
  async (input, auth) => {
    const row = await setRuleState(await getDb(), auth, input.id, {
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(input.policy ? { policy: input.policy } : {}),
    });
    refresh(input.id);
    return { id: row.id, enabled: row.enabled, policy: row.policy };
  },
);

export const deleteAutomationRuleAction = authorizedAction(
  "write",
  z.strictObject({ id: ruleId }),
  async (input, auth) => {
    await deleteRule(await getDb(), auth, input.id);
    refresh();
    return { id: input.id };
  },
);

export const grantStandingApprovalAction = authorizedAction(
  "approve",
  z.strictObject({
    id: ruleId,
    ruleHash: z.string().regex(/^[a-f0-9]{64}$/),
    bounds: z.record(z.string(), z.unknown()),
  }),
  async (input, auth) => {
    const grant = await grantStanding(await getDb(), auth, {
      ruleId: input.id,
      ruleHash: input.ruleHash,
      bounds: input.bounds,
    });
    refresh(input.id);
    return { id: grant.id, expiresAt: grant.expiresAt.toISOString() };
  },
);

export const revokeStandingApprovalAction = authorizedAction(
  "approve",
  z.strictObject({ id: ruleId }),
  async (input, auth) => {
    const revoked = await revokeStanding(await getDb(), auth, input.id);
    refresh(input.id);
    return { revoked };
  },
);

export const setAutomationsPausedAction = authorizedAction(
  "write",
  z.strictObject({ paused: z.boolean() }),
  async (input, auth) => {
    await setAutomationsPaused(await getDb(), auth, input.paused);
    refresh();
    return { paused: input.paused };
  },
);

/** A read: what the rule (saved, or the editor's unsaved text) would do with the last N events. */
export const dryRunAutomationRuleAction = authorizedAction(
  "read",
  z.strictObject({
    id: ruleId.optional(),
    definition: definition.optional(),
    n: z.coerce.number().int().min(1).max(200).default(20),
  }),
  async (input) => {
    const db = await getDb();
    const rule =
      input.definition !== undefined
        ? parseRule(parseDefinition(input.definition))
        : input.id
          ? ruleOf(await requireRule(db, input.id))
          : null;
    if (!rule) throw AppError.validation({ id: ["Give a rule or its text."] });
    return dryRunRule(db, actionContext({ db }), rule, input.n);
  },
);

/** The chat card's approval: enable the drafted rule, with a standing approval of these bounds or asking each time. */
export const approveAutomationProposalAction = authorizedAction(
  "approve",
  z.strictObject({
    id: ruleId,
    ruleHash: z.string().regex(/^[a-f0-9]{64}$/),
    policy: z.enum(AUTOMATION_POLICIES),
    bounds: z.record(z.string(), z.unknown()).optional(),
  }),
  async (input, auth) => {
    const db = await getDb();
    const rule = await requireRule(db, input.id);
    if (rule.ruleHash !== input.ruleHash)
      throw AppError.conflict("The rule changed since the card was shown; review it on its page.", {
        reason: "rule_changed",
      });
    if (input.policy === "standing") {
      if (!input.bounds) throw AppError.validation({ bounds: ["Give the standing approval's bounds."] });
      await grantStanding(db, auth, { ruleId: input.id, ruleHash: input.ruleHash, bounds: input.bounds });
    }
    const row = await setRuleState(db, auth, input.id, { enabled: true, policy: input.policy });
    refresh(input.id);
    return { id: row.id, enabled: row.enabled, policy: row.policy };
  },
);
