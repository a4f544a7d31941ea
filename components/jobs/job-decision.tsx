"use client";
import { useRunAction } from "@/components/shell/use-run-action";
import { Button } from "@/components/ui/button";
import { controlJobAction, decideJobAction, takeOverJobAction } from "@/lib/actions/jobs";
import type { BulkJobStatus } from "@/lib/db/schema";

/** Approve / deny the whole plan at once; the plan hash binds the decision to what is on screen. */
export function JobDecision({ jobId, planHash, total }: { jobId: string; planHash: string; total: number }) {
  const { pending, run, refreshWith } = useRunAction();
  const decide = (approved: boolean) =>
    run(
      () => decideJobAction({ jobId, approved, planHash }),
      refreshWith(approved ? `Approved: ${total} targets queued.` : "Plan denied; nothing was written."),
    );
  return (
    <div className="flex flex-wrap gap-2">
      <Button onClick={() => decide(true)} disabled={pending} data-testid="job-approve">
        Approve plan ({total} targets)
      </Button>
      <Button variant="outline" onClick={() => decide(false)} disabled={pending} data-testid="job-deny">
        Deny
      </Button>
    </div>
  );
}

const CONTROLS = { pause: "Pause", resume: "Resume", cancel: "Cancel job" } as const;

export function JobControls({ jobId, status }: { jobId: string; status: BulkJobStatus }) {
  const { pending, run, router } = useRunAction();
  const active = status === "queued" || status === "running";
  const shown = { pause: active, resume: status === "paused", cancel: active || status === "paused" };
  return (
    <div className="flex flex-wrap gap-2">
      {(Object.keys(CONTROLS) as (keyof typeof CONTROLS)[])
        .filter((c) => shown[c])
        .map((c) => (
          <Button
            key={c}
            variant={c === "cancel" ? "destructive" : "outline"}
            size="sm"
            onClick={() =>
              run(
                () => controlJobAction({ jobId, control: c }),
                () => router.refresh(),
              )
            }
            disabled={pending}
            data-testid={`job-${c}`}
          >
            {CONTROLS[c]}
          </Button>
        ))}
    </div>
  );
}

/** For an admin who did not propose the job: controlling it takes an explicit, audited take-over. */
export function JobTakeOver({ jobId }: { jobId: string }) {
  const { pending, run, refreshWith } = useRunAction();
  const takeOver = () =>
    run(() => takeOverJobAction({ jobId }), refreshWith("You took this job over; the audit log records it."));
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="job-take-over">
      <span className="text-xs text-muted-foreground">Another admin proposed this job.</span>
      <Button variant="outline" size="sm" onClick={takeOver} disabled={pending}>
        Take over
      </Button>
    </div>
  );
}
