import { type Schema, type Tool, type ToolSet, tool, zodSchema } from "ai";
import type { z } from "zod";
import { toToolError } from "@/lib/errors";
import type { AgentAction, AgentAuth, AgentRole } from "./action-types";
import { compactForModel, modelView, redactForModel, untrustedEnvelope } from "./redact";

/** Runs an approved write; implemented by the chat handler on top of lib/approvals/approvals. */
export type WriteGate<Ctx> = (
  action: AgentAction<Ctx>,
  input: unknown,
  call: { toolCallId: string },
) => Promise<unknown>;

export interface AgentToolsOptions<Ctx> {
  auth: Pick<AgentAuth, "role">;
  actions: readonly AgentAction<Ctx>[];
  ctx: Ctx;
  allowPrivateMetadata: boolean;
  writeGate: WriteGate<Ctx>;
}

export interface AgentTools<Ctx> {
  tools: ToolSet;
  writeToolNames: ReadonlySet<string>;
  actionsByName: ReadonlyMap<string, AgentAction<Ctx>>;
}

/** Which actions a role may see as tools: admins everything, viewers reads only, anyone else nothing. */
export function actionsForRole<Ctx>(
  role: AgentRole,
  actions: readonly AgentAction<Ctx>[],
): AgentAction<Ctx>[] {
  if (role === "admin") return [...actions];
  if (role === "viewer") return actions.filter((a) => a.kind === "read");
  return [];
}

/** The compact, redacted projection the model (and the chat transcript) receives. */
export function projectForModel(result: unknown, allowPrivateMetadata: boolean): unknown {
  return compactForModel(redactForModel(result, allowPrivateMetadata));
}

export function buildAgentTools<Ctx>(opts: AgentToolsOptions<Ctx>): AgentTools<Ctx> {
  const tools: ToolSet = {};
  const writeToolNames = new Set<string>();
  const actionsByName = new Map<string, AgentAction<Ctx>>();
  for (const action of actionsForRole(opts.auth.role, opts.actions)) {
    actionsByName.set(action.name, action);
    if (action.kind === "write") writeToolNames.add(action.name);
    tools[action.name] = toTool(action, opts);
  }
  return { tools, writeToolNames, actionsByName };
}

// The AI SDK wraps a bare zod schema anew on every step and converts it to JSON Schema each time
// (measured: about a fifth of the chat route's own time per step); one wrapper per action schema keeps
// the converted JSON Schema for the life of the process.
const inputSchemas = new WeakMap<z.ZodType, Schema<unknown>>();

export function toolInputSchema(input: z.ZodType): Schema<unknown> {
  let schema = inputSchemas.get(input);
  if (!schema) {
    schema = zodSchema(input) as Schema<unknown>;
    inputSchemas.set(input, schema);
  }
  return schema;
}

function toTool<Ctx>(action: AgentAction<Ctx>, opts: AgentToolsOptions<Ctx>): Tool {
  const description =
    action.kind === "write"
      ? `${action.description} This is a write: it runs only after the admin approves the exact arguments.`
      : action.description;
  return tool({
    title: action.title,
    description,
    inputSchema: toolInputSchema(action.input),
    execute: async (input: unknown, { toolCallId }: { toolCallId: string }) => {
      if (action.kind === "write") {
        // Refusals throw, so the transcript shows an error part and the model is told nothing was written.
        const result = await opts.writeGate(action, input, { toolCallId });
        return projectForModel(result, opts.allowPrivateMetadata);
      }
      try {
        return projectForModel(await action.run(input, opts.ctx), opts.allowPrivateMetadata);
      } catch (err) {
        return toToolError(err);
      }
    },
    toModelOutput: ({ output }: { output: unknown }) => ({
      type: "json",
      value: untrustedEnvelope(modelView(output)) as never,
    }),
  } as never) as Tool;
}
