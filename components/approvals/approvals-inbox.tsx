"use client";

import { CheckIcon, XIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { ApprovalCard } from "@/components/chat/approval-card";
import { useRunAction } from "@/components/shell/use-run-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { decideApprovalsAction } from "@/lib/actions/approvals";
import type { ApprovalCardData } from "@/lib/agent/chat-message";
import { cn } from "@/lib/utils";

export interface PendingItem {
  card: ApprovalCardData;
  argsHash: string;
  source: string;
  proposedBy: string;
  createdAt: string;
}

type Outcome = { ok: true; status: string } | { ok: false; message: string; reason?: string };

// A `forbidden` refusal about the proposal, not the admin deciding it: say what happened to it.
const REFUSAL_TEXT: Record<string, string> = {
  token_revoked:
    "Refused: the access token that proposed this change was revoked, so it will not run. The client has to propose it again with a live token.",
  token_expired:
    "Refused: the access token that proposed this change has expired, so it will not run. The client has to propose it again with a live token.",
  proposer_not_admin:
    "Refused: the admin who proposed this change is no longer an admin, so it will not run.",
  approver_not_admin:
    "Refused: the admin who approved this change is no longer an admin, so it will not run.",
  owner_unverified: "Not applied: Clerk could not confirm the proposer's role. Try again shortly.",
};

const refusalText = (o: { message: string; reason?: string }) =>
  (o.reason && REFUSAL_TEXT[o.reason]) || o.message;

const OUTCOME_TEXT: Record<string, string> = {
  executed: "Approved and applied.",
  queued: "Approved; the job is queued.",
  approved: "Approved; the proposer can now create the link.",
  denied: "Denied.",
};

const SOURCE_LABELS: Record<string, string> = {
  mcp: "MCP client",
  agent: "Chat",
  bulk: "Bulk job",
  rest: "REST",
};

/** Pending writes with the chat's approval card; approve/deny one by one or the selected ones at once. */
export function ApprovalsInbox({ items, canDecide }: { items: PendingItem[]; canDecide: boolean }) {
  const { pending, run, router } = useRunAction();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  // Decided cards stay on screen with their outcome after the refresh drops them from `items`.
  const [decidedHere, setDecidedHere] = useState<PendingItem[]>([]);

  const decide = (ids: readonly string[], approved: boolean, reason?: string, confirm?: string) =>
    run(
      () =>
        decideApprovalsAction({
          decisions: items
            .filter((i) => ids.includes(i.card.approvalId))
            .map((i) => ({
              approvalId: i.card.approvalId,
              approved,
              argsHash: i.argsHash,
              reason,
              ...(confirm === undefined ? {} : { confirm }),
            })),
        }),
      (results) => {
        const next: Record<string, Outcome> = {};
        for (const d of results)
          next[d.approvalId] = d.ok
            ? { ok: true, status: d.status }
            : { ok: false, message: d.message, ...(d.reason ? { reason: d.reason } : {}) };
        setOutcomes((prev) => ({ ...prev, ...next }));
        setDecidedHere((prev) => [
          ...prev,
          ...items.filter(
            (i) => next[i.card.approvalId] && !prev.some((p) => p.card.approvalId === i.card.approvalId),
          ),
        ]);
        setSelected(new Set());
        const failed = results.filter((d) => !d.ok);
        const [only] = results;
        if (failed.length === 0)
          toast.success(approved ? `${results.length} change(s) applied.` : `${results.length} denied.`);
        else if (only && !only.ok && results.length === 1) toast.error(refusalText(only));
        else toast.error(`${failed.length} of ${results.length} refused; see the cards.`);
        router.refresh();
      },
    );

  const shown = [
    ...items,
    ...decidedHere.filter((d) => !items.some((i) => i.card.approvalId === d.card.approvalId)),
  ];
  if (shown.length === 0) {
    return (
      <p
        data-testid="approvals-empty"
        className="rounded-lg border border-dashed p-6 text-sm text-muted-foreground"
      >
        Nothing is waiting for approval.
      </p>
    );
  }
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const open = items.filter((i) => !outcomes[i.card.approvalId] && i.card.toolName !== "deleteUser");
  return (
    <div className="grid gap-4">
      {canDecide && (
        <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Batch decisions">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              aria-label="Select all"
              checked={open.length > 0 && open.every((i) => selected.has(i.card.approvalId))}
              onChange={(e) =>
                setSelected(e.target.checked ? new Set(open.map((i) => i.card.approvalId)) : new Set())
              }
            />
            Select all
          </label>
          <Button
            size="sm"
            disabled={pending || selected.size === 0}
            onClick={() => decide([...selected], true)}
          >
            <CheckIcon /> Approve selected ({selected.size})
          </Button>
          <Button
            size="sm"
            variant="outline"
            disabled={pending || selected.size === 0}
            onClick={() => decide([...selected], false)}
          >
            <XIcon /> Deny selected
          </Button>
        </div>
      )}
      <ul className="grid gap-3" aria-label="Pending approvals">
        {shown.map((item) => {
          const id = item.card.approvalId;
          const outcome = outcomes[id];
          return (
            <li key={id} data-testid="inbox-item" data-approval-id={id} className="grid gap-1">
              <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                {/* A delete is approved on its own card, after typing the user's email. */}
                {canDecide && !outcome && item.card.toolName !== "deleteUser" && (
                  <input
                    type="checkbox"
                    aria-label={`Select ${item.card.title} for ${item.card.target?.label ?? item.card.target?.id ?? id}`}
                    checked={selected.has(id)}
                    onChange={() => toggle(id)}
                  />
                )}
                <Badge variant="secondary">{SOURCE_LABELS[item.source] ?? item.source}</Badge>
                <span>proposed {new Date(item.createdAt).toLocaleString()}</span>
                <span className="font-mono">{id}</span>
              </div>
              {/* Without onAnswer the chat card prints its own verdict line; the inbox shows the server's outcome instead. */}
              <div
                className={cn(
                  (!canDecide || outcome) && "[&_[data-testid=approval-card]>:last-child]:hidden",
                )}
              >
                <ApprovalCard
                  data={item.card}
                  toolName={item.card.toolName}
                  input={item.card.args}
                  decision={null}
                  {...(canDecide && !outcome
                    ? {
                        onAnswer: (approved: boolean, reason?: string, confirm?: string) =>
                          decide([id], approved, reason, confirm),
                      }
                    : {})}
                />
              </div>
              {!canDecide && (
                <p className="text-xs text-muted-foreground">Only admins can approve or deny changes.</p>
              )}
              {outcome && (
                <p
                  data-testid="inbox-outcome"
                  data-reason={outcome.ok ? undefined : outcome.reason}
                  role="status"
                  className={cn("text-sm font-medium", outcome.ok ? "text-success" : "text-destructive")}
                >
                  {outcome.ok ? (OUTCOME_TEXT[outcome.status] ?? outcome.status) : refusalText(outcome)}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
