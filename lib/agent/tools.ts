import { type Schema, type Tool, type ToolSet, tool, zodSchema } from "ai";
import type { z } from "zod";
import { type ConsoleRole, can, mayAsk, permissionFor } from "@/lib/auth/policy";
import { AUTOMATION_TOOL, type AutomationProposal, automationTool } from "@/lib/automations/chat-tool";
import { type ActionContext, type AnyAction, runAction, type WriteAction } from "@/lib/clerk/define-action";
import { actionList } from "@/lib/clerk/registry";
import { AppError, toToolError } from "@/lib/errors";
import { BULK_JOB_TOOL, type BulkJobProposal, bulkJobTool } from "@/lib/jobs/bulk-tool";
import type { IdHandles } from "./id-handles";
import { modelText } from "./model-text";
import { compactForModel, redactForModel } from "./redact";
import { TOOL_VIEWS } from "./tool-views";

/** Runs an approved write (the chat handler's is lib/writes executeWrite under the chat's approval). */
export type WriteGate = (
  action: WriteAction,
  input: unknown,
  call: { toolCallId: string },
) => Promise<unknown>;

export interface AgentToolsOptions {
  auth: { role: ConsoleRole };
  ctx: ActionContext;
  allowPrivateMetadata: boolean;
  writeGate: WriteGate;
  /** Admins only: plans a bulk job (nothing is written; the plan waits for one approval). */
  proposeBulkJob?: (input: unknown) => Promise<BulkJobProposal>;
  /** Admins only: saves a disabled automation rule with its dry run (enabled only from its card). */
  proposeAutomation?: (input: unknown) => Promise<AutomationProposal>;
  /**
   * The chat's id handles: results show known ids as handles, and calls may name records by them
   * (with `refineToolInput` passed to streamText). Without it the model reads full ids.
   */
  handles?: IdHandles;
}

export interface AgentTools {
  tools: ToolSet;
  writeToolNames: ReadonlySet<string>;
  actionsByName: ReadonlyMap<string, AnyAction>;
  /**
   * streamText's `experimental_refineToolInput`: swaps the chat's id handles in a validated call for
   * the ids they stand for, before the call is emitted, so the approval, its card, the audit and the
   * write only ever see real ids (on approval the SDK re-validates and re-refines the model's raw
   * input and requires the same result). A handle of no record, or of two, makes the call invalid.
   */
  refineToolInput: Record<string, (input: unknown) => unknown>;
}

/** Which actions a role may see as tools: those lib/auth/policy lets it run or propose. */
export function actionsForRole(role: ConsoleRole, actions: readonly AnyAction[] = actionList): AnyAction[] {
  return actions.filter((a) => mayAsk(role, permissionFor(a)));
}

/** The compact, redacted projection the model (and the chat transcript) receives. */
export function projectForModel(result: unknown, allowPrivateMetadata: boolean): unknown {
  return compactForModel(redactForModel(result, allowPrivateMetadata));
}

export function buildAgentTools(opts: AgentToolsOptions): AgentTools {
  const tools: ToolSet = {};
  const writeToolNames = new Set<string>();
  const actionsByName = new Map<string, AnyAction>();
  for (const action of actionsForRole(opts.auth.role)) {
    actionsByName.set(action.name, action);
    if (action.kind === "write") writeToolNames.add(action.name);
    tools[action.name] = toTool(action, opts);
  }
  const bulk = opts.proposeBulkJob;
  if (bulk && can(opts.auth.role, "write")) {
    tools[BULK_JOB_TOOL] = modelTool(
      bulkJobTool,
      `${bulkJobTool.description} The admin approves the plan once, on its card in the chat or its jobs page; use this instead of many single writes when more than a few targets change.`,
      (input) => bulk(input),
      opts,
    );
  }
  const automation = opts.proposeAutomation;
  if (automation && opts.auth.role === "admin") {
    tools[AUTOMATION_TOOL] = modelTool(
      automationTool,
      automationTool.description,
      (input) => automation(input),
      opts,
    );
  }
  const handles = opts.handles;
  const resolve = (input: unknown) => (handles ? handles.resolve(input) : input);
  const refineToolInput = Object.fromEntries(Object.keys(tools).map((name) => [name, resolve]));
  return { tools, writeToolNames, actionsByName, refineToolInput };
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

function toTool(action: AnyAction, opts: AgentToolsOptions): Tool {
  if (action.kind === "write") {
    // Refusals throw, so the transcript shows an error part and the model is told nothing was written.
    return modelTool(
      action,
      `${action.description} This is a write: it runs only after the admin approves the exact arguments.`,
      (input, call) => opts.writeGate(action, input, call),
      opts,
      { throws: true },
    );
  }
  return modelTool(
    action,
    action.description,
    (input) => {
      if (!opts.allowPrivateMetadata && readsPrivate(action, input)) {
        throw new AppError(
          "forbidden",
          "Private metadata is hidden from the assistant in this deployment, so it cannot search by it; search public metadata, or look it up in the console.",
        );
      }
      return runAction(action, input, opts.ctx);
    },
    opts,
    { view: TOOL_VIEWS[action.name] },
  );
}

function readsPrivate(action: AnyAction, input: unknown): boolean {
  if (action.kind !== "read" || !action.readsPrivateMetadata) return false;
  const parsed = action.input.safeParse(input);
  return parsed.success && action.readsPrivateMetadata(parsed.data);
}

function modelTool(
  def: { title: string; input: z.ZodType },
  description: string,
  run: (input: unknown, call: { toolCallId: string }) => Promise<unknown>,
  opts: AgentToolsOptions,
  { throws = false, view = (output: unknown) => output } = {},
): Tool {
  return tool({
    title: def.title,
    description,
    inputSchema: toolInputSchema(def.input),
    execute: async (input: unknown, { toolCallId }: { toolCallId: string }) => {
      try {
        const output = projectForModel(await run(input, { toolCallId }), opts.allowPrivateMetadata);
        opts.handles?.learn(output);
        return output;
      } catch (err) {
        if (throws) throw err;
        return toToolError(err);
      }
    },
    toModelOutput: ({ input, output }: { input: unknown; output: unknown }) => ({
      type: "text",
      value: modelText(view(output), input, (lean) => opts.handles?.render(lean) ?? lean),
    }),
  } as never) as Tool;
}
