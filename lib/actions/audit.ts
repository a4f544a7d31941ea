"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { executeUndo, proposeUndo, type UndoProposal } from "@/lib/audit/undo-execute";
import { authorizedAction } from "@/lib/auth";
import { actionContext } from "@/lib/clerk/action-context";
import { isAppError, stale } from "@/lib/errors";

const auditId = z.uuid("Must be an audit entry id.");

/** The inverse change of an audit entry against the user's current state, for the confirm dialog (admins). */
export const proposeUndoAction = authorizedAction("write", z.strictObject({ audit_id: auditId }), (input) =>
  proposeUndo(input.audit_id, actionContext()),
);

/**
 * Runs the undo the admin confirmed. If the user changed in between, nothing is written and the fresh
 * proposal comes back so the dialog can show the new diff (the same flow as the metadata editor).
 */
export const undoAuditEntryAction = authorizedAction(
  "write",
  z.strictObject({ audit_id: auditId, expected_hash: z.string().min(1).max(128) }),
  async (input, auth) => {
    try {
      const r = await executeUndo(input.audit_id, auth, actionContext(), {
        expectedHash: input.expected_hash,
      });
      revalidatePath("/users");
      return { auditId: r.auditId };
    } catch (err) {
      if (isAppError(err) && err.details?.reason === "stale_proposal") {
        return stale(err.message, err.details.proposal as UndoProposal);
      }
      throw err;
    } finally {
      revalidatePath("/audit");
    }
  },
);
