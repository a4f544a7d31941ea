import type { DynamicToolUIPart, InferUITools, Tool, ToolUIPart, UIMessage } from "ai";
import type { z } from "zod";
import type { ApprovalCardData } from "@/lib/approvals/proposal";
import type { AUTOMATION_TOOL, AutomationProposal, automationToolInput } from "@/lib/automations/chat-tool";
import type { ActionOutput, AnyAction } from "@/lib/clerk/define-action";
import type { Actions } from "@/lib/clerk/registry";
import type { PublicError } from "@/lib/errors";
import type { BULK_JOB_TOOL, BulkJobProposal, bulkJobInput } from "@/lib/jobs/bulk-tool";
import type { REDACTED } from "./redact";

// The chat's message type, derived from the tools the chat offers: the lib/clerk registry's actions
// plus the bulk-job tool. A tool part's output is what the tool's execute returns, i.e. the action's
// result through projectForModel (lib/agent/tools.ts); the types below follow that projection.

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type PrivateMetadataKey = "private_metadata" | "privateMetadata";
/** Members whose key ends in "metadata" are kept verbatim, even when empty (compactForModel). */
type MetadataKey = `${string}${"m" | "M"}etadata`;

/** compactForModel drops null and undefined members, and empty objects and arrays outside metadata. */
type MayBeDropped<K, V> = null extends V
  ? true
  : undefined extends V
    ? true
    : K extends MetadataKey
      ? false
      : NonNullable<V> extends Date
        ? false
        : NonNullable<V> extends object
          ? true
          : false;

/** redactForModel replaces private metadata with REDACTED unless the deployment opted in. */
type ProjectedMember<K, V> = K extends PrivateMetadataKey
  ? NonNullable<V> | typeof REDACTED
  : K extends MetadataKey
    ? NonNullable<V>
    : ModelProjection<NonNullable<V>>;

/** The type of `projectForModel(value)` for a value of type T (dates become ISO strings). */
export type ModelProjection<T> = T extends Date
  ? string
  : T extends readonly (infer E)[]
    ? ModelProjection<E>[]
    : T extends object
      ? Simplify<
          {
            [K in keyof T as MayBeDropped<K, T[K]> extends true ? never : K]: ProjectedMember<K, T[K]>;
          } & {
            [K in keyof T as MayBeDropped<K, T[K]> extends true ? K : never]?: ProjectedMember<K, T[K]>;
          }
        >
      : T;

/** A read tool answers a failure as data, so the model can recover; a write's refusal is an error part. */
export interface ToolError {
  error: PublicError;
}

type ToolOutput<A extends AnyAction> = A["kind"] extends "write"
  ? ModelProjection<ActionOutput<A>>
  : ModelProjection<ActionOutput<A>> | ToolError;

type RegistryToolSet = {
  [K in keyof Actions]: Tool<z.output<Actions[K]["input"]>, ToolOutput<Actions[K]>>;
};
type BulkToolSet = Record<
  typeof BULK_JOB_TOOL,
  Tool<z.output<typeof bulkJobInput>, ModelProjection<BulkJobProposal> | ToolError>
>;

type AutomationToolSet = Record<
  typeof AUTOMATION_TOOL,
  Tool<z.output<typeof automationToolInput>, ModelProjection<AutomationProposal> | ToolError>
>;

export type ChatTools = InferUITools<RegistryToolSet & BulkToolSet & AutomationToolSet>;
export type ChatToolName = keyof ChatTools;
export type ChatToolOutput<N extends ChatToolName> = ChatTools[N]["output"];

export type { ApprovalCardData };
export type ChatDataParts = { approval: ApprovalCardData };
export type ChatMetadata = { model: string };

export type ChatMessage = UIMessage<ChatMetadata, ChatDataParts, ChatTools>;
export type ChatToolPart = ToolUIPart<ChatTools> | DynamicToolUIPart;
