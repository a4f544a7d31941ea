// Proposing: binds a machine-proposed write to its exact arguments and target state, and queues it.
import { randomUUID } from "node:crypto";
import { refuseSecrets, secretsIn, type WriteAction } from "@/lib/clerk/define-action";
import { isPlainObject } from "@/lib/clerk/metadata";
import { type ApprovalRow, type AuditSource, MCP_CHAT_PREFIX } from "@/lib/db/schema";
import { positiveNumber } from "@/lib/env";
import { AppError, logger } from "@/lib/errors";
import { recordProposal } from "./approvals";
import { inboxCard } from "./inbox-queries";
import type { InboxDeps, Proposer } from "./inbox-types";
import { type ApprovalCardData, prepareCard } from "./proposal";

export const DEFAULT_INBOX_TTL_SECONDS = 86_400;

export function inboxTtlSeconds(env: Record<string, string | undefined> = process.env): number {
  return Math.floor(positiveNumber(env.INBOX_APPROVAL_TTL_SECONDS) ?? DEFAULT_INBOX_TTL_SECONDS);
}

/** Binds a proposed write (exact arguments + target before-state) and queues it for a human. */
export async function proposeInboxWrite(
  deps: InboxDeps,
  action: WriteAction,
  input: unknown,
  proposer: Proposer,
  ttlSeconds: number = inboxTtlSeconds(),
): Promise<{ row: ApprovalRow; card: ApprovalCardData }> {
  const chatId = `${MCP_CHAT_PREFIX}${proposer.tokenId}`;
  const out = await queueProposal(deps, action, input, { ...proposer, chatId }, ttlSeconds);
  logger.info("inbox.proposed", { approvalId: out.row.id, tool: action.name, tokenId: proposer.tokenId });
  return out;
}

/**
 * An automation's write waiting for a human: bound like any inbox item; its chat id names the rule
 * and the webhook event (`automation:<ruleId>:<svixId>`) so the write's audit entry carries both.
 */
export async function proposeAutomationWrite(
  deps: InboxDeps,
  action: WriteAction,
  input: unknown,
  proposal: { userId: string; ruleId: string; eventId: string; toolCallId: string },
  ttlSeconds: number = inboxTtlSeconds(),
): Promise<{ row: ApprovalRow; card: ApprovalCardData }> {
  const chatId = automationChatId(proposal.ruleId, proposal.eventId);
  return queueProposal(deps, action, input, { ...proposal, chatId, source: "automation" }, ttlSeconds);
}

export const CONSOLE_REQUEST_PREFIX = "console:";

/**
 * A console user's request for a write their role may only propose (lib/auth/policy `approval`: support's
 * impersonation). Any admin but the proposer approves it in the inbox; the proposer then runs it from
 * the console under the same last gate, so a secret it returns (the link) goes to them alone, once.
 */
export async function proposeConsoleRequest(
  deps: Pick<InboxDeps, "db" | "ctx" | "now">,
  action: WriteAction,
  input: unknown,
  proposer: { userId: string },
  ttlSeconds: number = inboxTtlSeconds(),
): Promise<{ row: ApprovalRow; card: ApprovalCardData }> {
  const chatId = `${CONSOLE_REQUEST_PREFIX}${proposer.userId}`;
  const p = { userId: proposer.userId, chatId, source: "console" } as const;
  const out = await queueProposal(deps, action, input, p, ttlSeconds);
  logger.info("inbox.proposed", { approvalId: out.row.id, tool: action.name, console: proposer.userId });
  return out;
}

export const AUTOMATION_CHAT_PREFIX = "automation:";

export function automationChatId(ruleId: string, eventId: string): string {
  return `${AUTOMATION_CHAT_PREFIX}${ruleId}:${eventId}`;
}

/** The rule and event of an automation's approval, from its chat id. */
export function automationOfChatId(chatId: string | null): { ruleId: string; eventId: string } | null {
  if (!chatId?.startsWith(AUTOMATION_CHAT_PREFIX)) return null;
  const rest = chatId.slice(AUTOMATION_CHAT_PREFIX.length);
  const cut = rest.indexOf(":");
  return cut > 0 ? { ruleId: rest.slice(0, cut), eventId: rest.slice(cut + 1) } : null;
}

async function queueProposal(
  deps: Pick<InboxDeps, "db" | "ctx" | "now">,
  action: WriteAction,
  input: unknown,
  p: {
    chatId: string;
    /** An automation's firing names its own; otherwise the approval's id stands in. */
    toolCallId?: string;
    userId: string;
    source: Extract<AuditSource, "mcp" | "rest" | "automation" | "console">;
  },
  ttlSeconds: number,
): Promise<{ row: ApprovalRow; card: ApprovalCardData }> {
  // A console request is run by its proposer in the console, so only a secret *input* is refused.
  if (p.source !== "console" || secretsIn(action, input).length > 0) refuseSecrets(action, input);
  const id = `apr_${randomUUID().replaceAll("-", "")}`;
  const now = deps.now?.() ?? new Date();
  const { snapshot, preview, target, summary } = await prepareCard(action, input, deps.ctx, {
    tolerant: false,
  });
  refuseOversize(preview);
  const row = await recordProposal(deps.db, {
    approvalId: id,
    auth: { userId: p.userId },
    chatId: p.chatId,
    toolCallId: p.toolCallId ?? id,
    toolName: action.name,
    args: input,
    target,
    snapshot,
    preview: { ...preview, targetSummary: summary },
    now,
    ttlSeconds,
    source: p.source,
  });
  return { row, card: inboxCard(row, action.title) };
}

/**
 * A write whose metadata exceeds Clerk's 8 KB limit can never succeed, so it is refused as a typed
 * validation error instead of waiting in the inbox for an approval that would only fail.
 */
function refuseOversize(preview: unknown): void {
  if (!isPlainObject(preview) || !Array.isArray(preview.checks)) return;
  const failed = (preview.checks as { id?: unknown; ok?: unknown; message?: unknown }[]).filter(
    (c) => c.ok === false && typeof c.id === "string" && c.id.endsWith(".size"),
  );
  if (failed.length === 0) return;
  const fieldErrors: Record<string, string[]> = {};
  for (const c of failed) fieldErrors[String(c.id).replace(/\.size$/, "")] = [String(c.message)];
  throw AppError.validation(fieldErrors, "Metadata exceeds Clerk's 8 KB limit; nothing was proposed.");
}
