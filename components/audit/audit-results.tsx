import { ResultEmpty, ResultError } from "@/components/shell/result-states";
import { listAudit } from "@/lib/audit/audit";
import { auditNames } from "@/lib/audit/audit-names";
import { undosOf } from "@/lib/audit/undo";
import { undoPlan } from "@/lib/audit/undo-rules";
import { type AuditView, auditViewToFilters } from "@/lib/audit/view-params";
import { getClerkClient } from "@/lib/clerk/client";
import { toPublicError } from "@/lib/errors";
import { AuditEntry, type UndoState } from "./audit-entry";
import { AuditPagination } from "./audit-pagination";

/** Async server component: one page of audit entries (newest first) for the view in the URL. */
export async function AuditResults({ view, canWrite }: { view: AuditView; canWrite: boolean }) {
  const { filters, errors } = auditViewToFilters(view);
  let page: Awaited<ReturnType<typeof listAudit>>;
  let undone: Awaited<ReturnType<typeof undosOf>>;
  try {
    page = await listAudit({ ...filters, limit: view.size, offset: (view.page - 1) * view.size });
    undone = await undosOf(page.rows.map((r) => r.id));
  } catch (err) {
    return (
      <ResultError
        title="Could not load the audit log."
        messages={[toPublicError(err).message]}
        data-testid="audit-load-error"
      />
    );
  }
  const invalid =
    errors.length > 0 ? (
      <ResultError title="Some filters were ignored." messages={errors} data-testid="audit-filter-error" />
    ) : null;
  if (page.rows.length === 0) {
    return (
      <div className="grid gap-3">
        {invalid}
        <ResultEmpty
          data-testid="audit-empty"
          title="No audit entries match this view."
          hint={page.total > 0 ? "This page is past the end of the results." : "Try wider filters."}
        />
      </div>
    );
  }
  const names = await auditNames(page.rows, getClerkClient());
  const undoState = (row: (typeof page.rows)[number]): UndoState => {
    const done = undone.get(row.id);
    if (done) return { kind: "done", undoId: done.id, outcome: done.outcome };
    const plan = undoPlan(row);
    return plan.ok ? { kind: "available" } : { kind: "unavailable", reason: plan.reason };
  };
  return (
    <div className="grid gap-3">
      {invalid}
      <AuditPagination total={page.total} page={view.page} size={view.size} />
      <ol className="grid gap-2" aria-label="Audit entries, newest first" data-testid="audit-list">
        {page.rows.map((row) => (
          <AuditEntry key={row.id} row={row} names={names} undo={undoState(row)} canWrite={canWrite} />
        ))}
      </ol>
    </div>
  );
}
