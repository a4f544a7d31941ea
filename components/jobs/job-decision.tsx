"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { controlJobAction, decideJobAction, takeOverJobAction } from "@/lib/actions/jobs";
import type { BulkJobStatus } from "@/lib/db/schema";

/** Approve / deny the whole plan at once; the plan hash binds the decision to what is on screen. */
export function JobDecision({ jobId, planHash, total }: { jobId: string; planHash: string; total: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const decide = (approved: boolean) =>
    start(async () => {
      const r = await decideJobAction({ jobId, approved, planHash });
      if (r.ok) {
        toast.success(approved ? `Approved: ${total} targets queued.` : "Plan denied; nothing was written.");
        router.refresh();
      } else toast.error(r.error.message);
    });
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

export function JobControls({ jobId, status }: { jobId: string; status: BulkJobStatus }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const control = (c: "pause" | "resume" | "cancel") =>
    start(async () => {
      const r = await controlJobAction({ jobId, control: c });
      if (r.ok) router.refresh();
      else toast.error(r.error.message);
    });
  const active = status === "queued" || status === "running";
  return (
    <div className="flex flex-wrap gap-2">
      {active && (
        <Button
          variant="outline"
          size="sm"
          onClick={() => control("pause")}
          disabled={pending}
          data-testid="job-pause"
        >
          Pause
        </Button>
      )}
      {status === "paused" && (
        <Button
          variant="outline"
          size="sm"
          onClick={() => control("resume")}
          disabled={pending}
          data-testid="job-resume"
        >
          Resume
        </Button>
      )}
      {(active || status === "paused") && (
        <Button
          variant="destructive"
          size="sm"
          onClick={() => control("cancel")}
          disabled={pending}
          data-testid="job-cancel"
        >
          Cancel job
        </Button>
      )}
    </div>
  );
}

/** For an admin who did not propose the job: controlling it takes an explicit, audited take-over. */
export function JobTakeOver({ jobId }: { jobId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const takeOver = () =>
    start(async () => {
      const r = await takeOverJobAction({ jobId });
      if (r.ok) {
        toast.success("You took this job over; the audit log records it.");
        router.refresh();
      } else toast.error(r.error.message);
    });
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="job-take-over">
      <span className="text-xs text-muted-foreground">Another admin proposed this job.</span>
      <Button variant="outline" size="sm" onClick={takeOver} disabled={pending}>
        Take over
      </Button>
    </div>
  );
}
