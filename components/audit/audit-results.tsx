import { AlertTriangle, SearchX } from "lucide-react";
import { listAudit } from "@/lib/audit/audit";
import { undosOf } from "@/lib/audit/undo";
import { undoPlan } from "@/lib/audit/undo-rules";
import { emailsById } from "@/lib/audit/view-entry";
import { type AuditView, auditViewToFilters } from "@/lib/audit/view-params";
import { toPublicError } from "@/lib/errors";
import { AuditEntry, type UndoState } from "./audit-entry";
import { AuditPagination } from "./audit-pagination";

function ErrorBox({ title, messages, testId }: { title: string; messages: string[]; testId: string }) {
  return (
    <div
      role="alert"
      data-testid={testId}
      className="flex items-start gap-3 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900"
    >
      <AlertTriangle aria-hidden className="mt-0.5 size-4" />
      <div>
        <p className="font-medium">{title}</p>
        {messages.map((m) => (
          <p key={m}>{m}</p>
        ))}
      </div>
    </div>
  );
}

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
      <ErrorBox
        title="Could not load the audit log."
        messages={[toPublicError(err).message]}
        testId="audit-load-error"
      />
    );
  }
  const invalid =
    errors.length > 0 ? (
      <ErrorBox title="Some filters were ignored." messages={errors} testId="audit-filter-error" />
    ) : null;
  if (page.rows.length === 0) {
    return (
      <div className="grid gap-3">
        {invalid}
        <div
          data-testid="audit-empty"
          className="grid justify-items-center gap-2 rounded-md border border-dashed p-10 text-sm text-zinc-600"
        >
          <SearchX aria-hidden className="size-6" />
          <p className="font-medium text-zinc-900">No audit entries match this view.</p>
          <p>{page.total > 0 ? "This page is past the end of the results." : "Try wider filters."}</p>
        </div>
      </div>
    );
  }
  const names = emailsById(page.rows);
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
