// Test-only: one offline-model turn over the real agent tools (buildAgentTools) and a Clerk client,
// with every write tool behind an approval, and the follow-up turn that approves them all.
import { isStepCount, type ModelMessage, streamText, type ToolApprovalResponse } from "ai";
import { createOfflineModel } from "@/lib/agent/offline-model/offline-model";
import { buildAgentTools } from "@/lib/agent/tools";
import type { ConsoleRole } from "@/lib/auth/policy";
import type { ActionContext } from "@/lib/clerk/define-action";
import type { BulkJobProposal } from "@/lib/jobs/bulk-tool";

export interface ToolChatOptions {
  ctx: ActionContext;
  /** The chat's bulk tool (admins only), e.g. test/support/jobs chatBulkProposerFor. */
  proposeBulkJob?: (input: unknown) => Promise<BulkJobProposal>;
}

export type ToolChatTurn = Awaited<ReturnType<typeof toolChat>>;

export async function toolChat(opts: ToolChatOptions, role: ConsoleRole, messages: ModelMessage[]) {
  const { ctx } = opts;
  const { tools, writeToolNames } = buildAgentTools({
    auth: { role },
    ctx,
    allowPrivateMetadata: false,
    writeGate: (action, input) => action.run(input, ctx),
    ...(opts.proposeBulkJob ? { proposeBulkJob: opts.proposeBulkJob } : {}),
  });
  const result = streamText({
    model: createOfflineModel(),
    messages,
    tools,
    toolApproval: Object.fromEntries([...writeToolNames].map((n) => [n, "user-approval" as const])),
    stopWhen: isStepCount(10),
  });
  const approvals: Array<{
    approvalId: string;
    toolCall: { toolName: string; input: Record<string, unknown> };
  }> = [];
  for await (const part of result.stream)
    if (part.type === "tool-approval-request") approvals.push(part as never);
  return { approvals, text: await result.text, responseMessages: await result.responseMessages };
}

/** The next turn: every approval of `first` answered yes. */
export function approveAllOf(
  opts: ToolChatOptions,
  role: ConsoleRole,
  history: ModelMessage[],
  first: ToolChatTurn,
) {
  const answers: ToolApprovalResponse[] = first.approvals.map((a) => ({
    type: "tool-approval-response",
    approvalId: a.approvalId,
    approved: true,
  }));
  return toolChat(opts, role, [...history, ...first.responseMessages, { role: "tool", content: answers }]);
}
