// What a machine client (MCP tool result, REST 202 body) is told about a proposal waiting in the
// approvals inbox: one builder for both surfaces, which differ only in how to poll.
import { REDACTED } from "@/lib/agent/redact";
import { projectForModel } from "@/lib/agent/tools";
import type { ApprovalCardData } from "@/lib/approvals/proposal";
import { isPlainObject } from "@/lib/clerk/metadata";
import { BULK_JOB_TOOL, type ProposedBulkJob } from "@/lib/jobs/bulk-tool";
import { APPROVAL_STATUS_TOOL, approvalPath } from "./routes";

export type PollSurface = "mcp" | "rest";

/** A diff over private metadata would show its current values; the client gets the shape only. */
export function redactChanges(changes: unknown, allowPrivate: boolean): unknown[] {
  if (!Array.isArray(changes)) return [];
  return changes.map((c: unknown) => {
    if (!isPlainObject(c) || allowPrivate) return c;
    const segments = c.segments;
    if (!Array.isArray(segments) || segments[0] !== "private_metadata") return c;
    return { ...c, before: REDACTED, after: REDACTED };
  });
}

function poll(surface: PollSurface, approvalId: string) {
  return surface === "mcp"
    ? { how: `poll ${APPROVAL_STATUS_TOOL} with approval_id ${approvalId}`, extra: {} }
    : { how: `poll GET ${approvalPath(approvalId)}`, extra: { status_url: approvalPath(approvalId) } };
}

/** A proposed single write: the exact arguments, the post-merge diff and the pre-checks. */
export function pendingWriteReply(card: ApprovalCardData, allowPrivate: boolean, surface: PollSurface) {
  const preview = card.preview && "changes" in card.preview ? card.preview : null;
  const { how, extra } = poll(surface, card.approvalId);
  return {
    status: "pending_approval" as const,
    approval_id: card.approvalId,
    tool: card.toolName,
    target: card.target,
    arguments: projectForModel(card.args, allowPrivate),
    changes: redactChanges(preview?.changes, allowPrivate),
    checks: preview?.checks ?? [],
    expires_at: card.expiresAt,
    ...extra,
    message: `Nothing has been written yet. An admin must approve this in the console's approvals inbox; ${how}.`,
  };
}

/** A planned bulk job: one approval for the whole plan, reviewed target by target in the console. */
export function pendingJobReply(
  job: ProposedBulkJob,
  action: string,
  args: unknown,
  allowPrivate: boolean,
  surface: PollSurface,
) {
  const { how, extra } = poll(surface, job.approvalId);
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
    ...extra,
    message: `Nothing has been written yet. The plan (${job.total - job.skipped} targets change, ${job.skipped} excluded) waits for one admin approval in the console's approvals inbox; ${how}.`,
  };
}
