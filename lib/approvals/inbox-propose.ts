// Proposing: binds a machine-proposed write to its exact arguments and target state, and queues it.
import { randomUUID } from "node:crypto";
import type { AgentAction, AgentTarget } from "@/lib/agent/action-types";
import { type ApprovalCardData, targetOf } from "@/lib/agent/write-gate";
import { type ApprovalRow, approvals } from "@/lib/db/schema";
import { AppError, logger } from "@/lib/errors";
import { argsHash, targetState } from "./approvals";
import { inboxCard, isRecord, MCP_CHAT_PREFIX } from "./inbox-queries";
import type { InboxDeps, Proposer } from "./inbox-types";

export const DEFAULT_INBOX_TTL_SECONDS = 86_400;

export function inboxTtlSeconds(env: Record<string, string | undefined> = process.env): number {
  const raw = Number(env.INBOX_APPROVAL_TTL_SECONDS);
  return Number.isFinite(raw) && raw > 0 ? Math.floor(raw) : DEFAULT_INBOX_TTL_SECONDS;
}

/** Binds a proposed write (exact arguments + target before-state) and queues it for a human. */
export async function proposeInboxWrite<Ctx>(
  deps: InboxDeps<Ctx>,
  action: AgentAction<Ctx>,
  input: unknown,
  proposer: Proposer,
  ttlSeconds: number = inboxTtlSeconds(),
): Promise<{ row: ApprovalRow; card: ApprovalCardData }> {
  const now = deps.now?.() ?? new Date();
  const snapshot = action.snapshot ? await action.snapshot(input, deps.ctx) : null;
  const preview = action.preview ? action.preview(input, snapshot) : null;
  refuseOversize(preview);
  const summary = action.describe ? await action.describe(input, deps.ctx) : null;
  const bare = targetOf(action, input);
  const target: AgentTarget | null = bare
    ? { ...bare, label: bare.label ?? summary?.email ?? summary?.name ?? null }
    : null;
  const id = `apr_${randomUUID().replaceAll("-", "")}`;
  const state = targetState(snapshot);
  const [row] = await deps.db
    .insert(approvals)
    .values({
      id,
      adminUserId: proposer.userId,
      chatId: `${MCP_CHAT_PREFIX}${proposer.tokenId}`,
      toolCallId: id,
      toolName: action.name,
      argsHash: argsHash(input),
      args: (input ?? null) as object,
      targetType: target?.type ?? null,
      targetId: target?.id ?? null,
      targetLabel: target?.label ?? null,
      targetStateHash: state.hash,
      targetUpdatedAt: state.updatedAt,
      preview: { ...(isRecord(preview) ? preview : { value: preview }), targetSummary: summary },
      status: "pending",
      source: proposer.source,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
    })
    .returning();
  if (!row) throw new Error("approval insert returned no row");
  logger.info("inbox.proposed", { approvalId: id, tool: action.name, tokenId: proposer.tokenId });
  return { row, card: inboxCard(row, action.title) };
}

/**
 * A write whose metadata exceeds Clerk's 8 KB limit can never succeed, so it is refused as a typed
 * validation error instead of waiting in the inbox for an approval that would only fail.
 */
function refuseOversize(preview: unknown): void {
  if (!isRecord(preview) || !Array.isArray(preview.checks)) return;
  const failed = (preview.checks as { id?: unknown; ok?: unknown; message?: unknown }[]).filter(
    (c) => c.ok === false && typeof c.id === "string" && c.id.endsWith(".size"),
  );
  if (failed.length === 0) return;
  const fieldErrors: Record<string, string[]> = {};
  for (const c of failed) fieldErrors[String(c.id).replace(/\.size$/, "")] = [String(c.message)];
  throw AppError.validation(fieldErrors, "Metadata exceeds Clerk's 8 KB limit; nothing was proposed.");
}
