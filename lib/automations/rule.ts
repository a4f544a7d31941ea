// An automation rule: which Clerk webhook fires it, which events it applies to, and which registry
// writes it runs with templated arguments. The canonical form (parsed, keys sorted) is hashed: a
// standing approval is bound to that hash, so any edit of the rule ends the approval.
import { z } from "zod";
import { consoleOnlyReason, type WriteAction } from "@/lib/clerk/define-action";
import { isPlainObject } from "@/lib/clerk/metadata";
import { getAction } from "@/lib/clerk/registry";
import { stableHash } from "@/lib/clerk/stable-hash";
import { AppError, zodFieldErrors } from "@/lib/errors";
import { parsePath, templatePaths } from "./template";

export const AUTOMATION_TRIGGERS = [
  "user.created",
  "user.updated",
  "invitation.accepted",
  "organizationMembership.created",
  "session.created",
] as const;

/** Writes an automation may never run: deletions, and actions whose inputs or outputs are secrets. */
const REFUSED_ACTIONS = new Set(["deleteUser", "deleteOrganization", "proposeUndo"]);

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "a domain such as acme.com");
const scalar = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

export const conditionSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("emailDomain"), domain }),
  z.strictObject({
    kind: z.literal("metadata"),
    field: z.enum(["public_metadata", "unsafe_metadata"]),
    key: z
      .string()
      .max(200)
      .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, "a key such as plan or billing.tier"),
    equals: scalar,
  }),
  z.strictObject({ kind: z.literal("organization"), organization: z.string().min(1).max(200) }),
  z.strictObject({ kind: z.literal("role"), role: z.string().min(1).max(200) }),
]);
export type Condition = z.output<typeof conditionSchema>;

export const ruleActionSchema = z.strictObject({
  action: z.string().min(1).max(100),
  args: z.record(z.string(), z.unknown()),
});

export const ruleDefinitionSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  trigger: z.enum(AUTOMATION_TRIGGERS),
  conditions: z.array(conditionSchema).max(10).default([]),
  actions: z.array(ruleActionSchema).min(1).max(5),
});
export type RuleDefinition = z.output<typeof ruleDefinitionSchema>;

/** The write actions a rule may run. */
export function automationAction(name: string): WriteAction | null {
  const action = getAction(name);
  if (action?.kind !== "write" || REFUSED_ACTIONS.has(name)) return null;
  if (action.secretFields?.length || action.secretOutputs?.length) return null;
  return action;
}

/** Parses and checks a rule: known writable actions, well-formed template paths. Throws validation_failed. */
export function parseRule(input: unknown): RuleDefinition {
  const parsed = ruleDefinitionSchema.safeParse(input);
  if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error), "The rule is not valid.");
  const rule = parsed.data;
  const errors: Record<string, string[]> = {};
  rule.actions.forEach((a, i) => {
    const action = automationAction(a.action);
    if (!action) {
      errors[`actions.${i}.action`] = [`${a.action} is not a write an automation can run.`];
      return;
    }
    if (consoleOnlyReason(action, a.args)) errors[`actions.${i}.args`] = ["Secrets cannot be automated."];
    for (const path of templatePaths(a.args)) {
      try {
        parsePath(path);
      } catch {
        errors[`actions.${i}.args`] = [`{{${path}}} is not a path like user.id.`];
      }
    }
  });
  if (Object.keys(errors).length > 0) throw AppError.validation(errors, "The rule is not valid.");
  return rule;
}

export function ruleHash(rule: RuleDefinition): string {
  return stableHash(rule);
}

/** Metadata keys a rule's writes set (top-level keys of every *_metadata argument). */
export function metadataKeysOf(args: Record<string, unknown>): string[] {
  const keys: string[] = [];
  for (const [field, value] of Object.entries(args)) {
    if (!field.endsWith("metadata")) continue;
    if (isPlainObject(value)) keys.push(...Object.keys(value));
  }
  return keys;
}
