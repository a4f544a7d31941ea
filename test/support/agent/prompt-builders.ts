import type { LanguageModelV4Message, LanguageModelV4ToolResultOutput } from "@ai-sdk/provider";
import { modelText } from "@/lib/agent/model-text";
import { REDACTED } from "@/lib/agent/redact";

/** Builders for hand-written prompts in tests (the shapes `ai` passes to a LanguageModelV4). */

export const user = (text: string): LanguageModelV4Message => ({
  role: "user",
  content: [{ type: "text", text }],
});

export const assistant = (text: string): LanguageModelV4Message => ({
  role: "assistant",
  content: [{ type: "text", text }],
});

export const calls = (
  ...list: Array<[id: string, toolName: string, input: unknown]>
): LanguageModelV4Message => ({
  role: "assistant",
  content: list.map(([toolCallId, toolName, input]) => ({
    type: "tool-call" as const,
    toolCallId,
    toolName,
    input,
  })),
});

export const results = (
  ...list: Array<[id: string, toolName: string, output: LanguageModelV4ToolResultOutput]>
): LanguageModelV4Message => ({
  role: "tool",
  content: list.map(([toolCallId, toolName, output]) => ({
    type: "tool-result" as const,
    toolCallId,
    toolName,
    output,
  })),
});

/** A tool result as lib/agent/tools.ts hands it to the model: the model view in TOON, inside the untrusted envelope. */
export const ok = (value: unknown): LanguageModelV4ToolResultOutput => ({
  type: "text",
  value: modelText(value),
});

export const denied = (reason?: string): LanguageModelV4ToolResultOutput =>
  reason ? { type: "execution-denied", reason } : { type: "execution-denied" };

export const errorText = (value: string): LanguageModelV4ToolResultOutput => ({ type: "error-text", value });

export function summary(
  id: string,
  email: string,
  extra: Partial<{
    first_name: string;
    last_name: string;
    public_metadata: Record<string, unknown>;
    banned: boolean;
  }> = {},
) {
  return {
    id,
    primary_email: email,
    email_addresses: [email],
    created_at: 1_700_000_000_000,
    updated_at: 1_700_000_000_000,
    banned: false,
    locked: false,
    public_metadata: {},
    private_metadata: REDACTED,
    unsafe_metadata: {},
    ...extra,
  };
}
