"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { retryFailedTargetsAction } from "@/lib/actions/jobs";

/** Proposes a new plan over exactly this job's failed targets; it opens for review and approval. */
export function RetryFailedTargets({ jobId, failed }: { jobId: string; failed: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const retry = () =>
    start(async () => {
      const r = await retryFailedTargetsAction({ jobId });
      if (r.ok) {
        toast.success(`A retry of ${r.data.total} targets is ready for your approval.`);
        router.push(r.data.url);
      } else toast.error(r.error.message);
    });
  return (
    <Button variant="outline" size="sm" onClick={retry} disabled={pending} data-testid="job-retry-failed">
      Retry failed targets ({failed})
    </Button>
  );
}
