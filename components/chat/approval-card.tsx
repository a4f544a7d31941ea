"use client";

import { CheckIcon, XIcon } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { MetadataDiff } from "@/components/users/metadata-diff";
import type { ApprovalCardData } from "@/lib/agent/chat-message";
import { confirmsDelete, deleteConfirmationText } from "@/lib/clerk/delete-confirmation";

type Decision = { approved: boolean; reason?: string } | null;

export function ApprovalCard({
  data,
  toolName,
  input,
  decision,
  onAnswer,
}: {
  data: ApprovalCardData | undefined;
  toolName: string;
  input: unknown;
  /** null while waiting for the admin. */
  decision: Decision;
  /** `confirm` is what the admin typed to approve a delete (the server checks it again). */
  onAnswer?: (approved: boolean, reason?: string, confirm?: string) => void;
}) {
  const [reason, setReason] = useState("");
  const [typed, setTyped] = useState("");
  const preview = data?.preview ?? null;
  const readError = preview && "error" in preview ? preview.error : null;
  const diff = preview && "changes" in preview ? preview : null;
  const checks = diff?.checks ?? [];
  const failing = checks.filter((c) => !c.ok);
  const target = data?.targetSummary;
  // A delete cannot be undone: the admin types the user's email (or id) before Approve is enabled.
  const confirmAs =
    toolName === "deleteUser" ? deleteConfirmationText(target?.email, data?.target?.id ?? "") : null;
  const confirmed = confirmAs === null || confirmsDelete(typed, confirmAs);
  return (
    <section
      aria-label={`Approval: ${data?.title ?? toolName}`}
      data-testid="approval-card"
      data-state={decision === null ? "pending" : decision.approved ? "approved" : "denied"}
      className="grid gap-2 rounded-lg border border-warning/50 bg-warning/5 p-3 text-sm"
    >
      <header className="flex flex-wrap items-center gap-2">
        <Badge variant="warning">Needs approval</Badge>
        <h3 className="font-semibold">{data?.title ?? toolName}</h3>
      </header>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-xs">
        <dt className="text-muted-foreground">Target</dt>
        <dd data-testid="approval-target">
          {[target?.name, target?.email ?? data?.target?.label, data?.target?.id]
            .filter(Boolean)
            .join(" · ") || "—"}
        </dd>
        <dt className="text-muted-foreground">Arguments</dt>
        <dd>
          <pre
            data-testid="approval-args"
            className="overflow-x-auto whitespace-pre-wrap break-all font-mono"
          >
            {JSON.stringify(data?.args ?? input, null, 2)}
          </pre>
        </dd>
      </dl>
      {readError && <p className="text-destructive">Could not read the current state: {readError.message}</p>}
      {toolName === "createInvitation" ? (
        <pre className="overflow-x-auto rounded bg-card p-2 font-mono text-xs">
          {JSON.stringify(diff?.after, null, 2)}
        </pre>
      ) : (
        diff && (
          <div>
            <p className="mb-1 text-xs font-medium text-foreground/80">Before → after (post-merge)</p>
            <MetadataDiff changes={diff.changes} />
          </div>
        )
      )}
      {checks.length > 0 && (
        <ul data-testid="approval-checks" className="grid gap-0.5 text-xs">
          {checks.map((c) => (
            <li
              key={c.id}
              data-warning={c.warning ? "true" : undefined}
              className={
                c.warning
                  ? "font-medium text-warning-foreground"
                  : c.ok
                    ? "text-success"
                    : "font-medium text-destructive"
              }
            >
              {c.warning ? "⚠" : c.ok ? "✓" : "✗"} {c.message}
            </li>
          ))}
        </ul>
      )}
      {decision === null && onAnswer ? (
        <div className="flex flex-wrap items-center gap-2">
          {confirmAs !== null && (
            <Input
              aria-label={`Type ${confirmAs} to approve`}
              placeholder={`Type ${confirmAs} to approve`}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              className="h-8 max-w-72 text-xs"
              data-testid="approval-typed-confirm"
            />
          )}
          <Input
            aria-label="Reason (optional)"
            placeholder="Reason (optional)"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="h-8 max-w-64 text-xs"
          />
          <Button
            size="sm"
            onClick={() => onAnswer(true, reason || undefined, confirmAs === null ? undefined : typed)}
            disabled={failing.length > 0 || !confirmed}
          >
            <CheckIcon /> Approve
          </Button>
          <Button size="sm" variant="outline" onClick={() => onAnswer(false, reason || undefined)}>
            <XIcon /> Deny
          </Button>
          {data && (
            <span className="text-xs text-muted-foreground">
              expires {new Date(data.expiresAt).toLocaleTimeString()}
            </span>
          )}
        </div>
      ) : (
        <p className="text-xs font-medium">
          {decision?.approved ? "Approved" : `Denied${decision?.reason ? `: ${decision.reason}` : ""}`}
        </p>
      )}
    </section>
  );
}
