"use client";
import { toast } from "sonner";
import { useRunAction } from "@/components/shell/use-run-action";
import { Button } from "@/components/ui/button";
import { retryFailedTargetsAction } from "@/lib/actions/jobs";

/** Proposes a new plan over exactly this job's failed targets; it opens for review and approval. */
export function RetryFailedTargets({ jobId, failed }: { jobId: string; failed: number }) {
  const { pending, run, router } = useRunAction();
  const retry = () =>
    run(
      () => retryFailedTargetsAction({ jobId }),
      (job) => {
        toast.success(`A retry of ${job.total} targets is ready for your approval.`);
        router.push(job.url);
      },
    );
  return (
    <Button variant="outline" size="sm" onClick={retry} disabled={pending} data-testid="job-retry-failed">
      Retry failed targets ({failed})
    </Button>
  );
}
