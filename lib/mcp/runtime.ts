import "server-only";
import { planBulkJob } from "@/lib/agent/bulk-tool";
import { agentActions } from "@/lib/agent/clerk-actions";
import { allowPrivateMetadata } from "@/lib/agent/redact";
import { type OwnerLookup, tokenOwnerLookup } from "@/lib/auth/token-auth";
import { getClerkClient } from "@/lib/clerk/client";
import type { ActionContext } from "@/lib/clerk/define-action";
import { getDb } from "@/lib/db/client";
import { decideJob } from "@/lib/jobs/decide";
import { wakeJobWorker } from "@/lib/jobs/server";
import { proposeJob } from "@/lib/jobs/service";
import { createMcpHandler } from "./handler";
import type { McpDeps } from "./server";

export async function mcpDeps(): Promise<McpDeps<ActionContext> & { lookupOwner: OwnerLookup }> {
  const db = await getDb();
  const ctx: ActionContext = { clerk: getClerkClient() };
  const lookupOwner = tokenOwnerLookup();
  return {
    db,
    ctx,
    actions: agentActions,
    actionsByName: new Map(agentActions.map((a) => [a.name, a])),
    lookupOwner,
    allowPrivateMetadata: allowPrivateMetadata(),
    decideBulkJob: async (input) => {
      const outcome = await decideJob(db, { ...input, lookupOwner });
      if (outcome.ok && input.approved) await wakeJobWorker();
      return outcome.ok ? { ok: true } : outcome;
    },
    proposeBulkJob: (input, proposer) => planBulkJob(input, ctx, proposeJob, proposer),
  };
}

const HANDLER = Symbol.for("clerk-admin-console.mcp-handler");
type WithHandler = typeof globalThis & { [HANDLER]?: (request: Request) => Promise<Response> };

/** One handler (and so one session table) per process, surviving dev-server module reloads. */
export function mcpHandler(): (request: Request) => Promise<Response> {
  const g = globalThis as WithHandler;
  g[HANDLER] ??= createMcpHandler({ deps: mcpDeps });
  return g[HANDLER];
}

/** What the console's approvals inbox needs to decide and run items (same deps as the MCP server). */
export const inboxDeps = mcpDeps;
