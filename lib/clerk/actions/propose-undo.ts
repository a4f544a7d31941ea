import { z } from "zod";
import { getAuditEntry, listAudit } from "@/lib/audit/audit";
import { AppError, isAppError } from "@/lib/errors";
import { defineAction } from "../define-action";
import { auditEntryFilterShape, entryForModel, resolveActor } from "./list-audit-entries";

const proposeUndoInput = z.strictObject({
  audit_entry_id: z
    .uuid("Must be an audit entry id (from listAuditEntries).")
    .optional()
    .describe("The audit entry to undo (an id from listAuditEntries). Omit it to undo the latest change."),
  ...auditEntryFilterShape,
});

function summary(changes: { path: string; before?: unknown; after?: unknown }[]): string[] {
  const show = (v: unknown) => (v === undefined ? "(none)" : JSON.stringify(v));
  return changes.slice(0, 10).map((c) => `${c.path}: ${show(c.before)} → ${show(c.after)}`);
}

export const proposeUndo = defineAction({
  name: "proposeUndo",
  title: "Propose an undo",
  description:
    'Works out how to undo one audit entry (by id, or the latest applied change matching actor/target/action: "undo my last change" is actor "me", the admin asking), from the action\'s undo rule and the target\'s current state. It writes nothing: when undoable it returns the write tool and its exact input; call that tool with that input unchanged, and the admin approves it on a card showing the diff. When not undoable it says why.',
  kind: "read",
  input: proposeUndoInput,
  run: async (input, ctx) => {
    const db = await ctx.db();
    let entry = input.audit_entry_id ? await getAuditEntry(input.audit_entry_id, db) : null;
    if (input.audit_entry_id && !entry) throw AppError.notFound("Audit entry", input.audit_entry_id);
    if (!entry) {
      const actor = resolveActor(input.actor, ctx);
      const { rows } = await listAudit(
        { actor, target: input.target, action: input.action, outcome: "ok", limit: 1 },
        db,
      );
      entry = rows[0] ?? null;
      if (!entry) throw new AppError("not_found", "No applied change matches; there is nothing to undo.");
    }
    const seen = entryForModel(entry);
    // lib/audit's undo planner reads the registry, which imports this module: load it when first used.
    const { proposeUndo: planUndo } = await import("@/lib/audit/undo-execute");
    try {
      const plan = await planUndo(entry.id, ctx, db);
      if (plan.input.private_metadata !== undefined) {
        return {
          entry: seen,
          undoable: false,
          reason:
            "This undo restores private metadata, which the assistant does not handle; undo it from the audit page.",
        };
      }
      const failed = plan.checks.filter((c) => !c.ok).map((c) => c.message);
      return {
        entry: seen,
        undoable: failed.length === 0,
        ...(failed.length > 0 ? { reason: failed.join(" ") } : {}),
        tool: plan.action,
        input: plan.input,
        changes: summary(plan.changes),
        next:
          failed.length > 0
            ? undefined
            : `Call ${plan.action} with exactly this input; the admin approves it on a card before anything is written.`,
      };
    } catch (err) {
      if (!isAppError(err) || err.code === "internal" || err.code === "upstream_unavailable") throw err;
      return { entry: seen, undoable: false, reason: err.message };
    }
  },
});
