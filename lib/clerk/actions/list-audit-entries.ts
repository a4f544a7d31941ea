import { z } from "zod";
import { listAudit } from "@/lib/audit/audit";
import { isPlainObject } from "@/lib/clerk/metadata";
import { AUDIT_OUTCOMES, type AuditRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { type ActionContext, defineAction } from "../define-action";
import { diffMetadata } from "../metadata";
import { offsetField } from "./shared";
import { windowOf } from "./sign-in-shared";
import { dateField, refineWindow } from "./user-filters";

const who = z.string().trim().min(1).max(320);

export const auditEntryFilterShape = {
  actor: who
    .optional()
    .describe(
      'The admin who made the change: a user id (user_…), an email or part of one ("alice"), or "me" for the admin asking.',
    ),
  target: who
    .optional()
    .describe("The changed record: a user/organization/invitation id, or an email or part of its label."),
  action: z
    .string()
    .trim()
    .regex(/^[a-zA-Z]{1,64}$/, "Must be an action name such as updateUserMetadata.")
    .optional()
    .describe("Only this action (a tool name such as updateUserMetadata, banUser, createInvitation)."),
};

const listAuditEntriesInput = z
  .strictObject({
    ...auditEntryFilterShape,
    outcome: z
      .enum(AUDIT_OUTCOMES)
      .optional()
      .describe(
        "ok = applied; error / not_applied = refused or failed; timeout / unknown / pending = unsettled.",
      ),
    from: dateField("Changes made at or after this time"),
    to: dateField("Changes made before this time"),
    limit: z.int().min(1).max(50).optional().describe("How many entries to return, 1 to 50. Default 10."),
    offset: offsetField,
  })
  .superRefine(refineWindow);

/** "me" is the admin asking (known on the chat); anything else is matched as an id or email part. */
export function resolveActor(actor: string | undefined, ctx: ActionContext): string | undefined {
  if (actor === undefined || actor.toLowerCase() !== "me") return actor;
  if (!ctx.actor) {
    throw AppError.validation(
      { actor: ['"me" is only known in the chat; give the admin\'s user id or email.'] },
      "Say which admin: a user id or email.",
    );
  }
  return ctx.actor.userId;
}

const MAX_CHANGES = 5;
const BOOKKEEPING = new Set(["id", "object", "created_at", "updated_at"]);

function show(value: unknown): string {
  if (value === undefined) return "(none)";
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/**
 * Before -> after per changed top-level field, keyed by that field so redaction (private_metadata)
 * still applies; objects as leaf changes ("plan: free -> pro"), at most a few per field.
 */
export function changeSummary(
  before: unknown,
  after: unknown,
): Record<string, string | string[]> | undefined {
  if (!isPlainObject(before) || !isPlainObject(after)) return undefined;
  const out: Record<string, string | string[]> = {};
  // The before-snapshot names the fields the write concerns; "after" may be the whole result record.
  const keys = Object.keys(before).length > 0 ? Object.keys(before) : Object.keys(after);
  for (const key of keys.filter((k) => !BOOKKEEPING.has(k))) {
    const b = before[key];
    const a = after[key];
    if (isPlainObject(b) || isPlainObject(a)) {
      const leaves = diffMetadata(isPlainObject(b) ? b : {}, isPlainObject(a) ? a : {});
      if (leaves.length === 0) continue;
      const lines = leaves
        .slice(0, MAX_CHANGES)
        .map((c) => `${c.path}: ${show(c.before)} → ${show(c.after)}`);
      if (leaves.length > MAX_CHANGES) lines.push(`… ${leaves.length - MAX_CHANGES} more`);
      out[key] = lines;
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      out[key] = `${show(b)} → ${show(a)}`;
    }
  }
  return out;
}

/** One audit entry as the model (and REST/MCP clients) see it. */
export function entryForModel(row: AuditRow) {
  return {
    id: row.id,
    when: row.createdAt.toISOString(),
    who: row.actorEmail ?? row.actorUserId,
    source: row.source,
    action: row.action,
    target: row.targetLabel ?? row.targetId ?? row.targetType,
    target_id: row.targetId ?? undefined,
    changes: changeSummary(row.before, row.after),
    outcome: row.outcome,
    error: row.outcome === "ok" ? undefined : (row.errorMessage ?? undefined),
    approval_id: row.approvalId ?? undefined,
    undo_of: row.undoOf ?? undefined,
  };
}

export const listAuditEntries = defineAction({
  name: "listAuditEntries",
  title: "List audit entries",
  description:
    'The audit log of changes made through this console (chat, console, MCP, REST, bulk jobs, undo), newest first: who changed what on which target, the before → after of each changed field, when, the outcome and the approval. Filter by actor ("me" = the admin asking), target, action, outcome and time range. Use it for "what did I change today?" or "what did Alice do to bob@acme.com?".',
  kind: "read",
  input: listAuditEntriesInput,
  run: async (input, ctx) => {
    const { rows, total } = await listAudit(
      {
        actor: resolveActor(input.actor, ctx),
        target: input.target,
        action: input.action,
        outcome: input.outcome,
        ...windowOf(input),
        limit: input.limit ?? 10,
        offset: input.offset ?? 0,
      },
      await ctx.db(),
    );
    return { entries: rows.map(entryForModel), total_count: total };
  },
});
