"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { toast } from "sonner";
import { useRunAction } from "@/components/shell/use-run-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { approveAutomationProposalAction } from "@/lib/actions/automations";
import type { ChatToolOutput, ToolError } from "@/lib/agent/chat-message";

type Proposal = Exclude<ChatToolOutput<"proposeAutomation">, ToolError>;

/**
 * The chat's card for a proposed automation: the rule, its dry run and the bounds of a standing
 * approval. Approving enables the rule (bound to the rule's hash); until then it is saved disabled.
 */
export function AutomationCard({ proposal }: { proposal: Proposal }) {
  const { pending, run } = useRunAction();
  const [decided, setDecided] = useState<"standing" | "ask" | null>(null);
  const b = {
    actions: [] as string[],
    metadata_keys: [] as string[],
    max_per_hour: 10,
    max_per_day: 100,
    expires_in_days: 30,
    ...proposal.suggested_bounds,
  };
  const [perHour, setPerHour] = useState(String(b.max_per_hour));
  const id = useId();
  const dry = { examined: 0, matched: 0, would_write: 0, ...proposal.dry_run };
  const approve = (policy: "standing" | "ask") =>
    run(
      () =>
        approveAutomationProposalAction({
          id: proposal.rule_id,
          ruleHash: proposal.rule_hash,
          policy,
          ...(policy === "standing"
            ? {
                bounds: {
                  actions: b.actions,
                  metadataKeys: b.metadata_keys ?? [],
                  maxPerHour: perHour,
                  maxPerDay: Math.max(b.max_per_day, Number(perHour) || 0),
                  expiresAt: new Date(Date.now() + b.expires_in_days * 86_400_000).toISOString(),
                },
              }
            : {}),
        }),
      () => {
        setDecided(policy);
        toast.success(
          policy === "standing"
            ? "Rule enabled with a standing approval."
            : "Rule enabled; each firing asks.",
        );
      },
    );
  return (
    <section
      aria-label={`Automation: ${proposal.name}`}
      data-testid="automation-card"
      data-state={decided ?? "pending"}
      data-rule-id={proposal.rule_id}
      className="grid gap-2 rounded-lg border border-warning/50 bg-warning/5 p-3 text-sm"
    >
      <header className="flex flex-wrap items-center gap-2">
        <Badge variant="warning">Automation · needs approval</Badge>
        <Link className="font-medium underline-offset-2 hover:underline" href={proposal.review_url}>
          {proposal.name}
        </Link>
      </header>
      <p>
        When <code>{proposal.trigger}</code> arrives
        {(proposal.conditions ?? []).length > 0 && (
          <>
            {" "}
            and <code>{JSON.stringify(proposal.conditions)}</code>
          </>
        )}
        :
      </p>
      <pre
        data-testid="automation-actions"
        className="overflow-x-auto rounded bg-muted/50 p-2 font-mono text-xs"
      >
        {JSON.stringify(proposal.actions, null, 2)}
      </pre>
      <p data-testid="automation-dry-run">
        Dry run: matched {dry.matched ?? 0} of the last {dry.examined ?? 0} events; {dry.would_write ?? 0}{" "}
        write
        {dry.would_write === 1 ? "" : "s"} would be made. Nothing was written.
      </p>
      {(dry.samples ?? []).length > 0 && (
        <ul className="grid gap-0.5 text-xs text-muted-foreground">
          {(dry.samples ?? []).map((s) => (
            <li key={`${s.label}:${JSON.stringify(s.writes)}`}>
              {s.label ?? "(no email)"}: {JSON.stringify(s.writes)}
            </li>
          ))}
        </ul>
      )}
      <div data-testid="automation-bounds" className="grid gap-1">
        <p>
          Standing approval bounds: {b.actions.join(", ")} on metadata keys{" "}
          {(b.metadata_keys ?? []).join(", ")}, at most {b.max_per_day} writes a day, for {b.expires_in_days}{" "}
          days.
        </p>
        <label htmlFor={id} className="flex items-center gap-2">
          At most
          <Input
            id={id}
            data-testid="automation-per-hour"
            className="h-8 w-20"
            inputMode="numeric"
            value={perHour}
            disabled={decided !== null}
            onChange={(e) => setPerHour(e.target.value)}
          />
          writes per hour
        </label>
      </div>
      {decided ? (
        <p data-testid="automation-decided" className="font-medium">
          {decided === "standing"
            ? "Enabled with a standing approval."
            : "Enabled; each firing asks in the inbox."}
        </p>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            data-testid="automation-approve-standing"
            disabled={pending}
            onClick={() => approve("standing")}
          >
            Approve with standing approval
          </Button>
          <Button
            size="sm"
            variant="outline"
            data-testid="automation-approve-ask"
            disabled={pending}
            onClick={() => approve("ask")}
          >
            Enable, ask each time
          </Button>
        </div>
      )}
    </section>
  );
}
