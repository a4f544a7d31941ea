import type { MetadataSnapshot } from "@/lib/clerk/actions/update-user-metadata";
import {
  type ActionContext,
  type PreCheck,
  proposeWrite,
  type WriteAction,
  type WriteProposal,
} from "@/lib/clerk/define-action";
import { deepEqual, type Metadata, type MetadataChange } from "@/lib/clerk/metadata";
import { actions, getAction } from "@/lib/clerk/registry";
import { type Db, getDb } from "@/lib/db/client";
import type { AuditRow } from "@/lib/db/schema";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { executeWrite } from "@/lib/writes/execute-write";
import { checkUndo, stillAsWritten, type UndoCheckCode } from "./undo";
import { inverseMetadataPatch, type MetadataKindKey, type UndoPlan, undoPlan } from "./undo-rules";

const { updateUserMetadata } = actions;

export interface UndoProposal {
  entryId: string;
  /** The lib/clerk write that undoes the entry. */
  action: string;
  title: string;
  input: Record<string, unknown>;
  targetId: string;
  targetLabel: string | null;
  /** Current state -> state after the undo, leaf by leaf. */
  changes: MetadataChange[];
  checks: PreCheck[];
  /** Hash of the current state the proposal was computed from; the confirm binds to it. */
  snapshotHash: string;
}

interface Planned {
  entry: AuditRow;
  view: UndoProposal;
  action: WriteAction;
  proposal: WriteProposal;
}

const label = (k: MetadataKindKey) => k.replace("_metadata", " metadata");

const CHECK_ERRORS: Record<UndoCheckCode, AppErrorCode> = {
  not_found: "not_found",
  not_succeeded: "bad_request",
  not_undoable: "bad_request",
  already_undone: "conflict",
  changed_since: "conflict",
};

function finish(entry: AuditRow, action: WriteAction, proposal: WriteProposal): Planned {
  return {
    entry,
    action,
    proposal,
    view: {
      entryId: entry.id,
      action: action.name,
      title: action.title,
      input: proposal.input as Record<string, unknown>,
      targetId: entry.targetId ?? "",
      targetLabel: entry.targetLabel,
      changes: proposal.changes,
      checks: proposal.checks,
      snapshotHash: proposal.snapshotHash,
    },
  };
}

function relevantState(plan: Extract<UndoPlan, { ok: true }>, after: Metadata): Metadata {
  if (plan.kind === "flag") return { [plan.flag]: plan.value };
  if (plan.kind === "inverse") return Object.fromEntries(plan.fields.map((k) => [k, after[k]]));
  return Object.fromEntries(plan.kinds.map((k) => [k, after[k]]));
}

/** A flag's inverse (unban for a ban) or an action's declared inverse: one write, as planned. */
function directUndo(p: Extract<UndoPlan, { kind: "flag" | "inverse" }>): {
  action: WriteAction;
  input: unknown;
} {
  if (p.kind === "flag") return { action: actions[p.inverse] as WriteAction, input: { user_id: p.userId } };
  return { action: getAction(p.action) as WriteAction, input: p.input };
}

async function plan(entryId: string, ctx: ActionContext, db?: Db): Promise<Planned> {
  let p: Extract<UndoPlan, { ok: true }> | null = null;
  let directProposal: WriteProposal | null = null;
  const check = await checkUndo(
    entryId,
    async () => {
      if (!p) throw new Error("undo plan missing");
      if (p.kind !== "metadata") {
        const direct = directUndo(p);
        directProposal = await proposeWrite(direct.action, direct.input, ctx);
        return directProposal.before;
      }
      const probe = await proposeWrite(
        updateUserMetadata,
        { user_id: p.userId, ...Object.fromEntries(p.kinds.map((k) => [k, {}])) },
        ctx,
      );
      return probe.before;
    },
    db,
    {
      relevant: (after, entry) => {
        const planned = undoPlan(entry);
        if (!planned.ok)
          throw new AppError("bad_request", planned.reason, { details: { reason: "not_undoable" } });
        p = planned;
        return relevantState(planned, after as Metadata);
      },
    },
  );
  if (!check.ok) {
    throw new AppError(CHECK_ERRORS[check.code], check.message, { details: { reason: check.code } });
  }
  const planned = p as Extract<UndoPlan, { ok: true }> | null;
  if (!planned) throw new Error("undo plan missing");
  const entry = check.entry;
  if (planned.kind !== "metadata") {
    return finish(entry, directUndo(planned).action, directProposal as unknown as WriteProposal);
  }
  const before = entry.before as Metadata;
  const current = check.current as MetadataSnapshot;
  const input: Record<string, unknown> = { user_id: planned.userId };
  for (const k of planned.kinds) input[k] = inverseMetadataPatch(current[k], before[k] as Metadata);
  const proposal = await proposeWrite(updateUserMetadata, input, ctx);
  // A write may land between the two reads: the proposal must be built on the state that was checked.
  const expected = relevantState(planned, entry.after as Metadata);
  if (!stillAsWritten(expected, proposal.before)) {
    throw AppError.conflict(
      `The ${entry.targetType} has changed since this entry. Undo was refused so that later change is not overwritten; review the current state instead.`,
      { reason: "changed_since" },
    );
  }
  for (const k of planned.kinds) {
    if (!deepEqual((proposal.after as Record<string, unknown>)[k], before[k])) {
      throw new AppError("internal", `The inverse of this change would not restore the earlier ${label(k)}.`);
    }
  }
  return finish(entry, updateUserMetadata as WriteAction, proposal);
}

/** The inverse of an audit entry against the target's current state, for the confirm dialog. Throws AppError. */
export async function proposeUndo(entryId: string, ctx: ActionContext, db?: Db): Promise<UndoProposal> {
  return (await plan(entryId, ctx, db)).view;
}

export interface UndoActor {
  userId: string;
  email?: string | null;
}

export interface UndoResult {
  /** The new audit entry (source "undo", undo_of = the original). */
  auditId: string;
  proposal: UndoProposal;
}

/**
 * Re-plans the undo against the current state, refuses if that state is no longer the one the human
 * confirmed (`expectedHash`) or no longer the entry's "after", then runs the inverse write exactly once
 * under audit. Throws AppError; a stale confirmation carries the fresh proposal in `details.proposal`.
 */
export async function executeUndo(
  entryId: string,
  actor: UndoActor,
  ctx: ActionContext,
  opts: { expectedHash?: string; db?: Db } = {},
): Promise<UndoResult> {
  const { entry, view, action, proposal } = await plan(entryId, ctx, opts.db);
  if (opts.expectedHash !== undefined && opts.expectedHash !== view.snapshotHash) {
    throw AppError.conflict(
      "The user changed since this undo was shown. Nothing was changed; review the updated undo and confirm again.",
      { reason: "stale_proposal", proposal: view },
    );
  }
  const failed = view.checks.find((c) => !c.ok);
  if (failed) throw AppError.conflict(failed.message, { reason: "check_failed" });
  const { auditId } = await executeWrite({
    db: opts.db ?? (await getDb()),
    ctx,
    action,
    input: proposal.input,
    actor: { userId: actor.userId, email: actor.email ?? null },
    source: "undo",
    before: proposal.before,
    expectedSnapshot: proposal.before,
    targetLabel: entry.targetLabel,
    undoOf: entry.id,
  });
  return { auditId, proposal: view };
}
