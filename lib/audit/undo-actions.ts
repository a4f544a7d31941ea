"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth";
import { getClerkClient } from "@/lib/clerk/client";
import { isAppError, type PublicError } from "@/lib/errors";
import { executeUndo, proposeUndo, type UndoProposal } from "./undo-execute";

const entryInput = z.strictObject({ audit_id: z.uuid("Must be an audit entry id.") });
const confirmInput = z.strictObject({
  audit_id: z.uuid("Must be an audit entry id."),
  expected_hash: z.string().min(1).max(128),
});

const propose = authorizedAction("write", entryInput, (input) =>
  proposeUndo(input.audit_id, { clerk: getClerkClient() }),
);

export type ProposeUndoResult = { ok: true; data: UndoProposal } | { ok: false; error: PublicError };

/** The inverse change of an audit entry against the user's current state, for the confirm dialog (admins). */
export async function proposeUndoAction(input: unknown): Promise<ProposeUndoResult> {
  return propose(input as never);
}

type Outcome = { done: true; auditId: string } | { done: false; message: string; proposal: UndoProposal };

const confirm = authorizedAction("write", confirmInput, async (input, auth): Promise<Outcome> => {
  try {
    const r = await executeUndo(
      input.audit_id,
      auth,
      { clerk: getClerkClient() },
      {
        expectedHash: input.expected_hash,
      },
    );
    return { done: true, auditId: r.auditId };
  } catch (err) {
    if (isAppError(err) && err.details?.reason === "stale_proposal") {
      return { done: false, message: err.message, proposal: err.details.proposal as UndoProposal };
    }
    throw err;
  } finally {
    revalidatePath("/audit");
  }
});

export type UndoResultView =
  | { ok: true; data: { auditId: string } }
  | { ok: false; error: PublicError; fresh?: UndoProposal };

/**
 * Runs the undo the admin confirmed. If the user changed in between, nothing is written and the fresh
 * proposal comes back so the dialog can show the new diff (the same flow as the metadata editor).
 */
export async function undoAuditEntryAction(input: unknown): Promise<UndoResultView> {
  const r = await confirm(input as never);
  if (!r.ok) return r;
  if (!r.data.done) {
    return { ok: false, error: { code: "conflict", message: r.data.message }, fresh: r.data.proposal };
  }
  revalidatePath("/users");
  return { ok: true, data: { auditId: r.data.auditId } };
}
