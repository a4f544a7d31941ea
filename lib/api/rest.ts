// The REST surface over the action registry. Same rules as the MCP server (lib/mcp/server.ts):
// bearer personal access tokens, reads answer directly with the compact redacted projection, writes
// only become a pending item in the console's approvals inbox (202 + approval id) for a human.
import { projectForModel } from "@/lib/agent/tools";
import { approvalStatusForProposer, proposeInboxWrite } from "@/lib/approvals/inbox";
import { permissionFor } from "@/lib/auth/policy";
import {
  assertTokenAccess,
  type OwnerLookup,
  type TokenNeed,
  type TokenPrincipal,
  tokenAuthorizedRoute,
} from "@/lib/auth/token-auth";
import { type AnyAction, parseInput, runAction, type WriteAction } from "@/lib/clerk/define-action";
import { isPlainObject } from "@/lib/clerk/metadata";
import { getAction } from "@/lib/clerk/registry";
import { AppError, logger, zodFieldErrors } from "@/lib/errors";
import { BULK_JOB_TOOL, bulkJobInput } from "@/lib/jobs/bulk-tool";
import type { McpDeps } from "@/lib/mcp/server";
import { pendingJobReply, pendingWriteReply } from "./pending-reply";
import { approvalPath, pathParamsOf, type QueryRoute } from "./routes";
import { inputJsonSchema, type JsonSchema } from "./schemas";

export interface RestDeps extends McpDeps {
  lookupOwner: OwnerLookup;
}

export interface RestApi {
  /** GET on a resource-style read route; `params` are the decoded path parameters. */
  query(route: QueryRoute, request: Request, params: Record<string, string>): Promise<Response>;
  /** POST /api/v1/actions/{name}: reads run, writes are proposed to the inbox. */
  callAction(name: string, request: Request): Promise<Response>;
  /** GET /api/v1/approvals/{id}: the caller's own proposal. */
  approvalStatus(approvalId: string, request: Request): Promise<Response>;
}

const NO_STORE = { "Cache-Control": "no-store" };

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

function scalarFromQuery(value: string, schema: JsonSchema): unknown {
  if ((schema.type === "integer" || schema.type === "number") && /^-?\d+(\.\d+)?$/.test(value))
    return Number(value);
  if (schema.type === "boolean" && (value === "true" || value === "false")) return value === "true";
  return value;
}

/** Query strings are text: typed by the input's JSON Schema, then validated by its zod schema. */
function fromQuery(values: string[], schema: JsonSchema | undefined): unknown {
  const s = schema ?? {};
  const branches = (Array.isArray(s.anyOf) ? s.anyOf : [s]) as JsonSchema[];
  const list = branches.find((b) => b.type === "array");
  const scalar = branches.find((b) => b.type !== "array");
  if (list && (values.length > 1 || !scalar)) {
    const items = isPlainObject(list.items) ? list.items : {};
    return values.map((v) => scalarFromQuery(v, items));
  }
  if (values.length > 1) return values;
  return scalarFromQuery(values[0] ?? "", scalar ?? {});
}

export function inputFromQuery(
  action: Pick<AnyAction, "input">,
  url: URL,
  params: Record<string, string>,
): Record<string, unknown> {
  const properties = (inputJsonSchema(action).properties ?? {}) as Record<string, JsonSchema>;
  const input: Record<string, unknown> = {};
  for (const key of new Set(url.searchParams.keys())) {
    input[key] = fromQuery(url.searchParams.getAll(key), properties[key]);
  }
  return { ...input, ...params };
}

async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}

function findAction(name: string): AnyAction {
  const action = getAction(name);
  if (!action) throw new AppError("not_found", `There is no action named ${name}.`);
  return action;
}

async function runRead(
  deps: RestDeps,
  action: AnyAction,
  input: unknown,
  owner: { userId: string; email: string | null },
): Promise<Response> {
  const ctx = { ...deps.ctx, actor: { userId: owner.userId, email: owner.email } };
  return json(projectForModel(await runAction(action, input, ctx), deps.allowPrivateMetadata));
}

function accepted(body: { approval_id: string }): Response {
  return json(body, 202, { Location: approvalPath(body.approval_id) });
}

async function propose(deps: RestDeps, action: WriteAction, raw: unknown, principal: TokenPrincipal) {
  const { card } = await proposeInboxWrite(deps, action, parseInput(action, raw), {
    userId: principal.userId,
    email: principal.email,
    tokenId: principal.tokenId,
    source: "rest",
  });
  logger.info("rest.proposed", {
    approvalId: card.approvalId,
    tool: action.name,
    tokenId: principal.tokenId,
  });
  return accepted(pendingWriteReply(card, deps.allowPrivateMetadata, "rest"));
}

async function proposeBulk(deps: RestDeps, raw: unknown, principal: TokenPrincipal): Promise<Response> {
  const parsed = bulkJobInput.safeParse(raw);
  if (!parsed.success) {
    throw AppError.validation(zodFieldErrors(parsed.error), "Invalid input for a bulk job.");
  }
  const job = await deps.proposeBulkJob(parsed.data, {
    userId: principal.userId,
    tokenId: principal.tokenId,
    source: "rest",
  });
  logger.info("rest.proposed", { approvalId: job.approvalId, tool: BULK_JOB_TOOL, jobId: job.jobId });
  return accepted(pendingJobReply(job, parsed.data.action, parsed.data, deps.allowPrivateMetadata, "rest"));
}

/** Scope is decided from the action's name alone, before the body is read. */
function needOf(name: string): TokenNeed {
  return name === BULK_JOB_TOOL || getAction(name)?.kind === "write" ? "propose" : "read";
}

export function createRestApi(getDeps: () => Promise<RestDeps>): RestApi {
  return {
    query: (route, request, params) =>
      tokenAuthorizedRoute("read", getDeps, async (_request, principal, deps) => {
        const action = findAction(route.action);
        const known = new Set(pathParamsOf(route.path));
        const pathInput = Object.fromEntries(Object.entries(params).filter(([k]) => known.has(k)));
        return runRead(deps, action, inputFromQuery(action, new URL(request.url), pathInput), principal);
      })(request),

    callAction: (name, request) =>
      tokenAuthorizedRoute(needOf(name), getDeps, async (_request, principal, deps) => {
        const action = name === BULK_JOB_TOOL ? null : findAction(name);
        const body = await jsonBody(request);
        if (!isPlainObject(body))
          throw new AppError("bad_request", "The request body must be a JSON object.");
        assertTokenAccess(principal, needOf(name), action ? permissionFor(action) : "write");
        if (!action) return proposeBulk(deps, body, principal);
        return action.kind === "write"
          ? propose(deps, action, body, principal)
          : runRead(deps, action, body, principal);
      })(request),

    approvalStatus: (approvalId, request) =>
      tokenAuthorizedRoute("read", getDeps, async (_request, principal, deps) => {
        const view = await approvalStatusForProposer(
          deps.db,
          principal.userId,
          approvalId,
          deps.allowPrivateMetadata,
          deps.now?.(),
        );
        if (!view) throw AppError.notFound("Approval", approvalId);
        return json(view);
      })(request),
  };
}
