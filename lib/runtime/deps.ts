import "server-only";
// The composition root: every surface (chat, MCP, REST, the approvals inbox) gets its process-wide
// dependencies here, wired once: the database, the Clerk client, the owner lookup, the job service.
import type { ChatHandlerDeps, ModelInfo } from "@/lib/agent/chat-handler";
import { resolveChatModel } from "@/lib/agent/model";
import { allowPrivateMetadata } from "@/lib/agent/redact";
import { createRestApi, type RestApi, type RestDeps } from "@/lib/api/rest";
import type { Actor } from "@/lib/auth/policy";
import { tokenOwnerLookup } from "@/lib/auth/token-auth";
import { chatAutomationProposer } from "@/lib/automations/chat-tool";
import { actionContext } from "@/lib/clerk/action-context";
import { getDb } from "@/lib/db/client";
import { chatBulkProposer, planBulkJob } from "@/lib/jobs/bulk-tool";
import { decideJobFor, proposeJob } from "@/lib/jobs/service";
import { createMcpHandler } from "@/lib/mcp/handler";

/** What the machine surfaces and the approvals inbox run on (one shape: RestDeps ⊇ McpDeps ⊇ InboxDeps). */
export async function surfaceDeps(): Promise<RestDeps> {
  const db = await getDb();
  const ctx = actionContext({ db });
  return {
    db,
    ctx,
    lookupOwner: tokenOwnerLookup(),
    allowPrivateMetadata: allowPrivateMetadata(),
    decideBulkJob: async (input) => {
      const outcome = await decideJobFor(input);
      return outcome.ok ? { ok: true } : outcome;
    },
    proposeBulkJob: (input, proposer) => planBulkJob(input, ctx, proposeJob, proposer),
  };
}

const HANDLER = Symbol.for("clerk-admin-console.mcp-handler");
type WithHandler = typeof globalThis & { [HANDLER]?: (request: Request) => Promise<Response> };

/** One MCP handler (and so one session table) per process, surviving dev-server module reloads. */
export function mcpHandler(): (request: Request) => Promise<Response> {
  const g = globalThis as WithHandler;
  g[HANDLER] ??= createMcpHandler({ deps: surfaceDeps });
  return g[HANDLER];
}

let api: RestApi | null = null;

export function restApi(): RestApi {
  api ??= createRestApi(surfaceDeps);
  return api;
}

export function activeModel(): ModelInfo & { model: ChatHandlerDeps["model"] } {
  const { model, id, label, kind } = resolveChatModel();
  return { model, id, label, kind };
}

/** Everything the chat handler needs for one request. */
export async function chatDeps(auth: Actor, body: unknown, signal: AbortSignal): Promise<ChatHandlerDeps> {
  const { model, ...modelInfo } = activeModel();
  const db = await getDb();
  const ctx = actionContext({ db });
  return {
    auth,
    body,
    db,
    ctx,
    ...(auth.role === "admin"
      ? {
          proposeBulkJob: chatBulkProposer(auth.userId, ctx, proposeJob),
          proposeAutomation: chatAutomationProposer(auth, ctx.db, ctx),
        }
      : {}),
    model,
    modelInfo,
    approvalSecret: process.env.TOOL_APPROVAL_SECRET,
    allowPrivateMetadata: allowPrivateMetadata(),
    signal,
  };
}
