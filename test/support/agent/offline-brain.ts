import type {
  LanguageModelV4Message,
  LanguageModelV4Prompt,
  LanguageModelV4ToolResultOutput,
} from "@ai-sdk/provider";
import { readPrompt } from "@/lib/agent/offline-model/observations";
import { decide } from "@/lib/agent/offline-model/planner";
import type { FakeTurn } from "./fake-openai-server";
import type { ChatCompletionRequest, ChatMessage } from "./openai-wire";

/**
 * A FakeTurn that answers like the built-in offline model, so the fake OpenAI server behaves as a
 * deterministic "real" OpenAI-compatible model (for e2e runs with OPENAI_BASE_URL).
 *
 * The Chat Completions wire drops the type of a tool result: a denial arrives as its reason text and
 * an error as plain text. JSON is read as a result, "… denied …" as a denial, other text as an error.
 */
export function offlineBrain(): FakeTurn {
  return (request) => {
    const decision = decide(
      readPrompt(toPrompt(request)),
      new Set((request.tools ?? []).map((t) => t.function.name)),
    );
    if (decision.type === "text") return { text: decision.text };
    return { toolCalls: decision.calls.map((c) => ({ name: c.toolName, arguments: c.input })) };
  };
}

function textOf(content: ChatMessage["content"]): string {
  if (typeof content === "string") return content;
  if (!content) return "";
  return content.map((p) => p.text ?? "").join("");
}

function outputOf(content: string): LanguageModelV4ToolResultOutput {
  try {
    return { type: "json", value: JSON.parse(content) };
  } catch {
    if (/\bdenied\b/i.test(content) || content === "Tool call execution denied.") {
      return { type: "execution-denied", reason: content };
    }
    return { type: "error-text", value: content };
  }
}

export function toPrompt(request: ChatCompletionRequest): LanguageModelV4Prompt {
  const names = new Map<string, string>();
  return request.messages.map((m): LanguageModelV4Message => {
    switch (m.role) {
      case "system":
      case "developer":
        return { role: "system", content: textOf(m.content) };
      case "user":
        return { role: "user", content: [{ type: "text", text: textOf(m.content) }] };
      case "assistant": {
        const text = textOf(m.content ?? "");
        const calls = (m.tool_calls ?? []).map((c) => {
          names.set(c.id, c.function.name);
          let input: unknown = {};
          try {
            input = JSON.parse(c.function.arguments || "{}");
          } catch {
            input = {};
          }
          return { type: "tool-call" as const, toolCallId: c.id, toolName: c.function.name, input };
        });
        return { role: "assistant", content: [...(text ? [{ type: "text" as const, text }] : []), ...calls] };
      }
      default:
        return {
          role: "tool",
          content: [
            {
              type: "tool-result",
              toolCallId: m.tool_call_id,
              toolName: names.get(m.tool_call_id) ?? "unknown",
              output: outputOf(m.content),
            },
          ],
        };
    }
  });
}
