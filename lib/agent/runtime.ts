import "server-only";
import { getClerkClient } from "@/lib/clerk/client";
import type { ActionContext } from "@/lib/clerk/define-action";
import { getDb } from "@/lib/db/client";
import { proposeJob } from "@/lib/jobs/service";
import type { AgentAuth } from "./action-types";
import { bulkJobAgentAction } from "./bulk-tool";
import type { ChatHandlerDeps, ModelInfo } from "./chat-handler";
import { agentActions } from "./clerk-actions";
import { resolveChatModel } from "./model";
import { allowPrivateMetadata } from "./redact";

export function activeModel(): ModelInfo & { model: ChatHandlerDeps<ActionContext>["model"] } {
  const resolved = resolveChatModel();
  return {
    model: resolved.model as ChatHandlerDeps<ActionContext>["model"],
    id: resolved.id,
    label: resolved.label,
    kind: resolved.kind,
  };
}

/** Everything the pure chat handler needs, wired from the environment (the Next route's only job). */
export async function chatDeps(
  auth: AgentAuth,
  body: unknown,
  signal: AbortSignal,
): Promise<ChatHandlerDeps<ActionContext>> {
  const { model, ...modelInfo } = activeModel();
  return {
    auth,
    body,
    db: await getDb(),
    actions: auth.role === "admin" ? [...agentActions, bulkJobAgentAction(auth, proposeJob)] : agentActions,
    ctx: { clerk: getClerkClient() },
    model,
    modelInfo,
    approvalSecret: process.env.TOOL_APPROVAL_SECRET,
    allowPrivateMetadata: allowPrivateMetadata(),
    signal,
  };
}
