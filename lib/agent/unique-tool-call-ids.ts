import { randomBytes } from "node:crypto";
import type { LanguageModelV4, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { wrapLanguageModel } from "ai";

/**
 * Approvals are keyed by (chat, tool call id). Some models and OpenAI-compatible servers reuse ids
 * such as "call_1" on every turn, so each id the model emits gets a fresh random suffix.
 */
export function withUniqueToolCallIds(model: LanguageModelV4): LanguageModelV4 {
  return wrapLanguageModel({
    model,
    middleware: {
      specificationVersion: "v4",
      wrapGenerate: async ({ doGenerate }) => {
        const result = await doGenerate();
        const ids = idMapper();
        return {
          ...result,
          content: result.content.map((part) =>
            part.type === "tool-call" || part.type === "tool-result"
              ? { ...part, toolCallId: ids(part.toolCallId) }
              : part,
          ),
        };
      },
      wrapStream: async ({ doStream }) => {
        const { stream, ...rest } = await doStream();
        const ids = idMapper();
        const mapped = stream.pipeThrough(
          new TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart>({
            transform(part, controller) {
              controller.enqueue(rewrite(part, ids));
            },
          }),
        );
        return { stream: mapped, ...rest };
      },
    },
  });
}

function idMapper(): (id: string) => string {
  const seen = new Map<string, string>();
  return (id) => {
    let mapped = seen.get(id);
    if (!mapped) {
      mapped = `${id}_${randomBytes(6).toString("hex")}`;
      seen.set(id, mapped);
    }
    return mapped;
  };
}

function rewrite(part: LanguageModelV4StreamPart, ids: (id: string) => string): LanguageModelV4StreamPart {
  switch (part.type) {
    case "tool-input-start":
    case "tool-input-delta":
    case "tool-input-end":
      return { ...part, id: ids(part.id) };
    case "tool-call":
    case "tool-result":
      return { ...part, toolCallId: ids(part.toolCallId) };
    default:
      return part;
  }
}
