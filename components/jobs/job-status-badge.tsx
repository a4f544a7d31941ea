import type { ComponentProps } from "react";
import { Badge } from "@/components/ui/badge";
import type { BulkJobStatus, BulkTargetStatus } from "@/lib/db/schema";

type Look = { label: string; variant: ComponentProps<typeof Badge>["variant"] };

const JOB: Record<BulkJobStatus, Look> = {
  awaiting_approval: { label: "Awaiting approval", variant: "warning" },
  queued: { label: "Queued", variant: "secondary" },
  running: { label: "Running", variant: "default" },
  paused: { label: "Paused", variant: "warning" },
  cancelled: { label: "Cancelled", variant: "outline" },
  completed: { label: "Completed", variant: "success" },
  completed_with_errors: { label: "Completed with errors", variant: "destructive" },
  failed: { label: "Failed", variant: "destructive" },
  denied: { label: "Denied", variant: "outline" },
};

const TARGET: Record<BulkTargetStatus, Look> = {
  pending: { label: "Pending", variant: "secondary" },
  running: { label: "Running", variant: "default" },
  ok: { label: "Applied", variant: "success" },
  error: { label: "Failed", variant: "destructive" },
  skipped: { label: "Skipped", variant: "outline" },
};

export function JobStatusBadge({ status }: { status: BulkJobStatus }) {
  const s = JOB[status];
  return (
    <Badge variant={s.variant} data-testid="job-status" data-status={status}>
      {s.label}
    </Badge>
  );
}

export function TargetStatusBadge({ status }: { status: BulkTargetStatus }) {
  const s = TARGET[status];
  return (
    <Badge variant={s.variant} data-status={status}>
      {s.label}
    </Badge>
  );
}
