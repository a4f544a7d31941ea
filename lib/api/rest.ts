// The REST surface over the action registry. Same rules as the MCP server (lib/mcp/server.ts):
// bearer personal access tokens, reads answer directly with the compact redacted projection, writes
// only become a pending item in the console's approvals inbox (202 + approval id) for a human.
import type { AgentAction } from "@/lib/agent/action-types";
import { BULK_JOB_TOOL, bulkJobInput } from "@/lib/agent/bulk-tool";
import { projectForModel } from "@/lib/agent/tools";
import { approvalStatusForProposer, type InboxDeps, proposeInboxWrite } from "@/lib/approvals/inbox";
import { bulkJobPending, redactChanges } from "@/lib/approvals/pending-reply";
import {
  assertTokenAccess,
  authenticateToken,
  type OwnerLookup,
  type TokenPrincipal,
  tokenErrorResponse,
} from "@/lib/auth/token-auth";
import { AppError, logger, zodFieldErrors } from "@/lib/errors";
import type { ProposeBulkJob } from "@/lib/mcp/server";
import { approvalPath, pathParamsOf, type QueryRoute } from "./routes";
import { inputJsonSchema, type JsonSchema } from "./schemas";

export interface RestDeps<Ctx> extends InboxDeps<Ctx> {
  actions: readonly AgentAction<Ctx>[];
  lookupOwner: OwnerLookup;
  proposeBulkJob: ProposeBulkJob;
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

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
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
    const items = isRecord(list.items) ? list.items : {};
    return values.map((v) => scalarFromQuery(v, items));
  }
  if (values.length > 1) return values;
  return scalarFromQuery(values[0] ?? "", scalar ?? {});
}

export function inputFromQuery(
  action: Pick<AgentAction, "input">,
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

export function createRestApi<Ctx>(getDeps: () => Promise<RestDeps<Ctx>>): RestApi {
  async function guarded(
    request: Request,
    handle: (deps: RestDeps<Ctx>, principal: TokenPrincipal) => Promise<Response>,
  ): Promise<Response> {
    try {
      const deps = await getDeps();
      const principal = await authenticateToken(deps.db, request, deps.lookupOwner, deps.now?.());
      return await handle(deps, principal);
    } catch (err) {
      return tokenErrorResponse(err);
    }
  }

  const findAction = (deps: RestDeps<Ctx>, name: string): AgentAction<Ctx> => {
    const action = deps.actionsByName.get(name);
    if (!action) throw new AppError("not_found", `There is no action named ${name}.`);
    return action;
  };

  async function runRead(deps: RestDeps<Ctx>, action: AgentAction<Ctx>, input: unknown): Promise<Response> {
    return json(projectForModel(await action.run(input, deps.ctx), deps.allowPrivateMetadata));
  }

  async function propose(
    deps: RestDeps<Ctx>,
    action: AgentAction<Ctx>,
    raw: unknown,
    principal: TokenPrincipal,
  ): Promise<Response> {
    const parsed = action.input.safeParse(raw);
    if (!parsed.success) {
      throw AppError.validation(zodFieldErrors(parsed.error), `Invalid input for ${action.title}.`);
    }
    const { row, card } = await proposeInboxWrite(deps, action, parsed.data, {
      userId: principal.userId,
      email: principal.email,
      tokenId: principal.tokenId,
      source: "rest",
    });
    const preview = card.preview && "changes" in card.preview ? card.preview : null;
    const statusUrl = approvalPath(row.id);
    logger.info("rest.proposed", { approvalId: row.id, tool: action.name, tokenId: principal.tokenId });
    return json(
      {
        status: "pending_approval",
        approval_id: row.id,
        tool: action.name,
        target: card.target,
        arguments: projectForModel(card.args, deps.allowPrivateMetadata),
        changes: redactChanges(preview?.changes, deps.allowPrivateMetadata),
        checks: preview?.checks ?? [],
        expires_at: card.expiresAt,
        status_url: statusUrl,
        message: `Nothing has been written yet. An admin must approve this in the console's approvals inbox; poll GET ${statusUrl}.`,
      },
      202,
      { Location: statusUrl },
    );
  }

  async function proposeBulk(
    deps: RestDeps<Ctx>,
    raw: unknown,
    principal: TokenPrincipal,
  ): Promise<Response> {
    const parsed = bulkJobInput.safeParse(raw);
    if (!parsed.success) {
      throw AppError.validation(zodFieldErrors(parsed.error), "Invalid input for a bulk job.");
    }
    const job = await deps.proposeBulkJob(parsed.data, {
      userId: principal.userId,
      tokenId: principal.tokenId,
      source: "rest",
    });
    const statusUrl = approvalPath(job.approvalId);
    logger.info("rest.proposed", { approvalId: job.approvalId, tool: BULK_JOB_TOOL, jobId: job.jobId });
    return json(
      {
        ...bulkJobPending(job, parsed.data.action, parsed.data, deps.allowPrivateMetadata),
        status_url: statusUrl,
        message: `Nothing has been written yet. The plan (${job.total - job.skipped} targets change, ${job.skipped} excluded) waits for one admin approval in the console's approvals inbox; poll GET ${statusUrl}.`,
      },
      202,
      { Location: statusUrl },
    );
  }

  return {
    query: (route, request, params) =>
      guarded(request, async (deps, principal) => {
        assertTokenAccess(principal, "read");
        const action = findAction(deps, route.action);
        const known = new Set(pathParamsOf(route.path));
        const pathInput = Object.fromEntries(Object.entries(params).filter(([k]) => known.has(k)));
        return runRead(deps, action, inputFromQuery(action, new URL(request.url), pathInput));
      }),

    callAction: (name, request) =>
      guarded(request, async (deps, principal) => {
        const bulk = name === BULK_JOB_TOOL;
        const action = bulk ? null : findAction(deps, name);
        const write = bulk || action?.kind === "write";
        // Scope before the body is even read: a read-only token learns nothing about the write.
        assertTokenAccess(principal, write ? "propose" : "read");
        const body = await jsonBody(request);
        if (!isRecord(body)) throw new AppError("bad_request", "The request body must be a JSON object.");
        if (!action) return proposeBulk(deps, body, principal);
        return write ? propose(deps, action, body, principal) : runRead(deps, action, body);
      }),

    approvalStatus: (approvalId, request) =>
      guarded(request, async (deps, principal) => {
        assertTokenAccess(principal, "read");
        const view = await approvalStatusForProposer(
          deps.db,
          principal.userId,
          approvalId,
          deps.allowPrivateMetadata,
          deps.now?.(),
        );
        if (!view) throw AppError.notFound("Approval", approvalId);
        return json(view);
      }),
  };
}
