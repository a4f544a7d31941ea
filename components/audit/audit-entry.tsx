import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { MetadataDiff } from "@/components/users/metadata-diff";
import { entryChanges, formatAuditTime, outcomeView } from "@/lib/audit/view-entry";
import type { AuditRow } from "@/lib/db/schema";
import { UndoButton } from "./undo-button";

export type UndoState =
  | { kind: "available" }
  | { kind: "done"; undoId: string; outcome: string }
  | { kind: "unavailable"; reason: string };

function Json({ value, testId }: { value: unknown; testId: string }) {
  return (
    <pre className="max-h-64 overflow-auto rounded bg-muted/50 p-2 text-xs" data-testid={testId}>
      {value === null || value === undefined ? "—" : JSON.stringify(value, null, 2)}
    </pre>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words text-sm">{children}</dd>
    </div>
  );
}

function Target({ row }: { row: AuditRow }) {
  const text = row.targetLabel ? `${row.targetLabel} (${row.targetId ?? "?"})` : (row.targetId ?? "—");
  const href =
    row.targetType === "user" && row.targetId?.startsWith("user_")
      ? `/users/${row.targetId}`
      : row.targetType === "organization" && row.targetId?.startsWith("org_")
        ? `/organizations/${row.targetId}`
        : null;
  if (href) {
    return (
      <Link href={href} className="underline underline-offset-2" data-testid="audit-target">
        {text}
      </Link>
    );
  }
  return <span data-testid="audit-target">{text}</span>;
}

/** One audit entry: the who/what/outcome line, and an expandable before/after diff with the raw states. */
export function AuditEntry({
  row,
  names,
  undo,
  canWrite,
}: {
  row: AuditRow;
  names: Map<string, string>;
  undo: UndoState;
  canWrite: boolean;
}) {
  const outcome = outcomeView(row);
  const changes = entryChanges(row.before, row.after);
  const approver = row.approverUserId ? (names.get(row.approverUserId) ?? row.approverUserId) : null;
  return (
    <li
      className="grid gap-2 rounded-lg border border-border p-3"
      data-testid="audit-entry"
      data-entry-id={row.id}
      data-action={row.action}
      data-source={row.source}
      data-outcome={row.outcome}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <time dateTime={row.createdAt.toISOString()} className="tabular-nums text-muted-foreground">
          {formatAuditTime(row.createdAt)}
        </time>
        <span className="font-medium" data-testid="audit-actor" title={row.actorUserId}>
          {row.actorEmail ?? row.actorUserId}
        </span>
        <Badge variant="outline" data-testid="audit-source">
          {row.source}
        </Badge>
        <code className="text-xs" data-testid="audit-action">
          {row.action}
        </code>
        <span className="text-muted-foreground">on</span>
        <Target row={row} />
        <Badge variant={outcome.tone} data-testid="audit-outcome">
          {outcome.label}
        </Badge>
        <span className="ml-auto">
          {undo.kind === "available" && canWrite && <UndoButton entryId={row.id} what={row.action} />}
          {undo.kind === "done" && (
            <span className="text-xs text-muted-foreground" data-testid="audit-undone">
              {undo.outcome === "ok" ? "Undone" : "Undo in progress"} ({undo.undoId.slice(0, 8)})
            </span>
          )}
        </span>
      </div>
      {(row.errorMessage || row.clerkTraceId) && (
        <p className="text-xs text-foreground/80" data-testid="audit-error">
          {row.errorMessage}
          {row.clerkTraceId && (
            <span className="ml-2 text-muted-foreground">
              Clerk trace id: <code data-testid="audit-trace-id">{row.clerkTraceId}</code>
            </span>
          )}
        </p>
      )}
      {(row.approvalId || row.chatId || row.prompt || row.ruleId) && (
        <div className="grid gap-1 text-xs text-foreground/80">
          {row.ruleId && (
            <p>
              Automation{" "}
              <Link href={`/automations/${row.ruleId}`}>
                <code data-testid="audit-rule">{row.ruleId}</code>
              </Link>{" "}
              · event <code data-testid="audit-event">{row.eventId}</code>
            </p>
          )}
          {row.approvalId && (
            <p>
              Approval <code data-testid="audit-approval">{row.approvalId}</code>
              {approver && <span data-testid="audit-approver"> · approved by {approver}</span>}
            </p>
          )}
          {row.chatId && (
            <p>
              Chat <code data-testid="audit-chat">{row.chatId}</code>
            </p>
          )}
          {row.prompt && (
            <blockquote className="border-l-2 pl-2 text-sm text-foreground/80" data-testid="audit-prompt">
              <span className="sr-only">Agent prompt: </span>
              {row.prompt}
            </blockquote>
          )}
        </div>
      )}
      <details className="group text-sm">
        <summary className="cursor-pointer select-none text-foreground/80" data-testid="audit-expand">
          {changes.length > 0 ? `${changes.length} change${changes.length === 1 ? "" : "s"}` : "Details"}
        </summary>
        <div className="mt-2 grid gap-3">
          {changes.length > 0 ? (
            <MetadataDiff changes={changes} />
          ) : (
            <p className="text-sm text-muted-foreground">
              {row.outcome === "ok" ? "No field changed." : "No after-state: the write did not complete."}
            </p>
          )}
          <dl className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
            <Field label="Entry id">
              <code className="text-xs">{row.id}</code>
            </Field>
            <Field label="Completed">{row.completedAt ? formatAuditTime(row.completedAt) : "—"}</Field>
            {row.undoOf && (
              <Field label="Undo of">
                <code className="text-xs" data-testid="audit-undo-of">
                  {row.undoOf}
                </code>
              </Field>
            )}
            {undo.kind === "unavailable" && canWrite && <Field label="Undo">{undo.reason}</Field>}
          </dl>
          <div className="grid gap-2 lg:grid-cols-3">
            <Field label="Arguments">
              <Json value={row.arguments} testId="audit-arguments" />
            </Field>
            <Field label="Before">
              <Json value={row.before} testId="audit-before" />
            </Field>
            <Field label="After">
              <Json value={row.after} testId="audit-after" />
            </Field>
          </div>
        </div>
      </details>
    </li>
  );
}
