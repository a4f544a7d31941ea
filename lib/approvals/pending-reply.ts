// What a machine client (MCP tool, REST 202) is told about a proposal waiting in the approvals inbox.
import { BULK_JOB_TOOL, type ProposedBulkJob } from "@/lib/agent/bulk-tool";
import { REDACTED } from "@/lib/agent/redact";
import { projectForModel } from "@/lib/agent/tools";

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

/** A diff over private metadata would show its current values; the client gets the shape only. */
export function redactChanges(changes: unknown, allowPrivate: boolean): unknown[] {
  if (!Array.isArray(changes)) return [];
  return changes.map((c: unknown) => {
    if (!isRecord(c) || allowPrivate) return c;
    const segments = c.segments;
    if (!Array.isArray(segments) || segments[0] !== "private_metadata") return c;
    return { ...c, before: REDACTED, after: REDACTED };
  });
}

/** A planned bulk job: one approval for the whole plan, reviewed target by target in the console. */
export function bulkJobPending(job: ProposedBulkJob, action: string, args: unknown, allowPrivate: boolean) {
  return {
    status: "pending_approval" as const,
    approval_id: job.approvalId,
    tool: BULK_JOB_TOOL,
    target: { type: "bulk_job", id: job.jobId, label: job.title },
    arguments: projectForModel(args, allowPrivate),
    changes: [] as unknown[],
    checks: [] as unknown[],
    expires_at: job.expiresAt,
    job: {
      job_id: job.jobId,
      action,
      targets: job.total,
      excluded: job.skipped,
      review_url: job.url,
    },
  };
}
