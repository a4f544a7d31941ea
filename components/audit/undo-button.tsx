"use client";
import { Undo2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter, DialogPanel } from "@/components/ui/dialog";
import { MetadataDiff } from "@/components/users/metadata-diff";
import { proposeUndoAction, undoAuditEntryAction } from "@/lib/actions/audit";
import type { UndoProposal } from "@/lib/audit/undo-execute";

type State =
  | { step: "closed" }
  | { step: "loading" }
  | { step: "refused"; message: string }
  | { step: "review"; proposal: UndoProposal; conflict: string | null; error: string | null };

/**
 * Undo behind the console's confirm pattern: the server computes the inverse against the user's current
 * state, the dialog shows exactly what will change, and confirming runs it bound to that state.
 */
export function UndoButton({ entryId, what }: { entryId: string; what: string }) {
  const router = useRouter();
  const [state, setState] = useState<State>({ step: "closed" });
  const [pending, startTransition] = useTransition();

  const open = () => {
    setState({ step: "loading" });
    startTransition(async () => {
      const r = await proposeUndoAction({ audit_id: entryId });
      setState(
        r.ok
          ? { step: "review", proposal: r.data, conflict: null, error: null }
          : { step: "refused", message: r.error.message },
      );
    });
  };

  const confirm = (proposal: UndoProposal) =>
    startTransition(async () => {
      const r = await undoAuditEntryAction({ audit_id: entryId, expected_hash: proposal.snapshotHash });
      if (r.ok) {
        toast.success("Change undone.");
        setState({ step: "closed" });
        router.refresh();
        return;
      }
      toast.error(r.error.message);
      if (r.fresh) setState({ step: "review", proposal: r.fresh, conflict: r.error.message, error: null });
      else setState({ step: "review", proposal, conflict: null, error: r.error.message });
    });

  const review = state.step === "review" ? state : null;
  const blocked = review ? review.proposal.checks.filter((c) => !c.ok) : [];
  return (
    <>
      <Button variant="outline" size="sm" onClick={open} disabled={pending} data-testid="audit-undo">
        <Undo2 aria-hidden /> Undo
      </Button>
      <Dialog
        open={state.step !== "closed"}
        onOpenChange={(o) => !o && !pending && setState({ step: "closed" })}
      >
        <DialogPanel
          data-testid="audit-undo-dialog"
          title={<>Undo {what}?</>}
          description={
            review
              ? `${review.proposal.title} for ${review.proposal.targetLabel ?? review.proposal.targetId}. This is exactly what will change, from the user's current state:`
              : "Computing the inverse change against the user's current state…"
          }
        >
          {state.step === "loading" && <p className="text-sm text-muted-foreground">Loading…</p>}
          {state.step === "refused" && (
            <p
              role="alert"
              className="rounded border border-destructive/30 bg-destructive/10 p-2 text-sm text-destructive"
              data-testid="audit-undo-refused"
            >
              {state.message}
            </p>
          )}
          {review?.conflict && (
            <p
              role="alert"
              className="rounded border border-warning/50 bg-warning/10 p-2 text-sm text-foreground"
              data-testid="audit-undo-conflict"
            >
              {review.conflict}
            </p>
          )}
          {review && <MetadataDiff changes={review.proposal.changes} />}
          {blocked.map((c) => (
            <p key={c.id} role="alert" className="text-sm text-destructive">
              {c.message}
            </p>
          ))}
          {review?.error && (
            <p role="alert" className="text-sm text-destructive" data-testid="audit-undo-error">
              {review.error}
            </p>
          )}
          <DialogFooter>
            <Button variant="outline" onClick={() => setState({ step: "closed" })} disabled={pending}>
              {state.step === "refused" ? "Close" : "Cancel"}
            </Button>
            {review && (
              <Button
                onClick={() => confirm(review.proposal)}
                disabled={pending || blocked.length > 0 || review.proposal.changes.length === 0}
                aria-busy={pending}
                data-testid="audit-undo-confirm"
              >
                {pending ? "Undoing…" : "Confirm undo"}
              </Button>
            )}
          </DialogFooter>
        </DialogPanel>
      </Dialog>
    </>
  );
}
