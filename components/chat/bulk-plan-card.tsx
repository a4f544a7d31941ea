"use client";

import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { useRunAction } from "@/components/shell/use-run-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { decideJobAction } from "@/lib/actions/jobs";
import type { ChatToolOutput, ToolError } from "@/lib/agent/chat-message";

type BulkJobProposal = Exclude<ChatToolOutput<"proposeBulkJob">, ToolError>;

const show = (v: unknown) => (v === undefined ? "—" : JSON.stringify(v));

function duration(seconds: number): string {
  if (seconds < 60) return `about ${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  return `about ${minutes} min`;
}

/**
 * The chat's card for a bulk plan: what changes (count, a sample of diffs, what the plan leaves alone),
 * how fast and how long it runs, and one approval for the whole plan, bound to the plan's hash.
 */
export function BulkPlanCard({ job }: { job: BulkJobProposal }) {
  const { pending, run } = useRunAction();
  const [decided, setDecided] = useState<"approved" | "denied" | null>(null);
  const decide = (approved: boolean) =>
    run(
      () => decideJobAction({ jobId: job.job_id, approved, planHash: job.plan_hash }),
      () => {
        setDecided(approved ? "approved" : "denied");
        toast.success(
          approved ? `Approved: ${job.targets} targets queued.` : "Plan denied; nothing written.",
        );
      },
    );
  const failedChecks = job.excluded - job.up_to_date;
  const noun = job.target_noun ?? "users";
  const sample = job.sample ?? [];
  return (
    <section
      aria-label={`Bulk plan: ${job.title}`}
      data-testid="bulk-plan-card"
      data-state={decided ?? "pending"}
      data-job-id={job.job_id}
      className="grid gap-2 rounded-lg border border-warning/50 bg-warning/5 p-3 text-sm"
    >
      <header className="flex flex-wrap items-center gap-2">
        <Badge variant="warning">Bulk plan · one approval</Badge>
        <h3 className="font-semibold">{job.title}</h3>
      </header>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-xs">
        <dt className="text-muted-foreground">Changes</dt>
        <dd data-testid="bulk-plan-count">
          {job.targets} {noun}
        </dd>
        <dt className="text-muted-foreground">Left alone</dt>
        <dd data-testid="bulk-plan-excluded">
          {job.up_to_date} already up to date
          {failedChecks > 0 ? ` · ${failedChecks} failed a pre-check` : ""}
        </dd>
        <dt className="text-muted-foreground">Pace</dt>
        <dd data-testid="bulk-plan-pace">{job.pace_per_10s} Clerk requests / 10 s</dd>
        <dt className="text-muted-foreground">Estimated time</dt>
        <dd data-testid="bulk-plan-eta">{duration(job.estimated_seconds)}</dd>
      </dl>
      {sample.length > 0 && (
        <div>
          <p className="mb-1 text-xs font-medium text-foreground/80">
            Sample ({sample.length} of {job.targets})
          </p>
          <ul data-testid="bulk-plan-sample" className="grid gap-1 font-mono text-xs">
            {sample.map((t) => (
              <li key={t.label} className="rounded bg-warning/10 px-2 py-1">
                {t.label}:{" "}
                {(t.changes ?? []).map((c) => `${c.path}: ${show(c.before)} → ${show(c.after)}`).join("; ")}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-2">
        {decided === null ? (
          <>
            <Button size="sm" onClick={() => decide(true)} disabled={pending} data-testid="bulk-plan-approve">
              Approve plan ({job.targets} {noun})
            </Button>
            <Button size="sm" variant="outline" onClick={() => decide(false)} disabled={pending}>
              Deny
            </Button>
          </>
        ) : (
          <p className="text-xs font-medium" data-testid="bulk-plan-decision">
            {decided === "approved" ? "Approved: the job runs paced." : "Denied: nothing was written."}
          </p>
        )}
        <Link className="text-xs underline-offset-2 hover:underline" href={job.review_url}>
          {decided === "approved" ? "Follow the job" : "Review every target"}
        </Link>
        <span className="text-xs text-muted-foreground">
          expires {new Date(job.expires_at).toLocaleTimeString()}
        </span>
      </div>
    </section>
  );
}
