import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { OFFLINE_MODEL_ID, OFFLINE_PROVIDER } from "./id";
import type { Decision } from "./intent";
import { readPrompt } from "./observations";
import { decide } from "./planner";

export { OFFLINE_MODEL_ID, OFFLINE_PROVIDER };

export type OfflineModelOptions = {
  /** Tool call id factory; defaults to random ids (approvals are bound to tool call ids, so they must not repeat). */
  generateId?: () => string;
};

/** Rough token estimate (≈4 characters per token) so usage figures are meaningful without a tokenizer. */
function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function usageFor(options: LanguageModelV4CallOptions, output: string): LanguageModelV4Usage {
  const input = estimateTokens(JSON.stringify(options.prompt));
  const out = estimateTokens(output);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: out, text: out, reasoning: 0 },
  };
}

function offeredTools(options: LanguageModelV4CallOptions): ReadonlySet<string> {
  const choice = options.toolChoice;
  if (choice?.type === "none") return new Set();
  const names = (options.tools ?? []).filter((t) => t.type === "function").map((t) => t.name);
  if (choice?.type === "tool") return new Set(names.filter((n) => n === choice.toolName));
  return new Set(names);
}

type Step = { decision: Decision; ids: string[]; output: string };

function step(options: LanguageModelV4CallOptions, generateId: () => string): Step {
  const decision = decide(readPrompt(options.prompt), offeredTools(options));
  if (decision.type === "text") return { decision, ids: [], output: decision.text };
  const ids = decision.calls.map(() => generateId());
  return { decision, ids, output: JSON.stringify(decision.calls) };
}

function randomId(): string {
  return `call_${globalThis.crypto.randomUUID().replace(/-/g, "").slice(0, 24)}`;
}

/** Splits text into small word-aligned chunks so the UI sees a real stream. */
function chunks(text: string): string[] {
  return (
    text.match(/\S+\s*|\s+/g)?.reduce<string[]>((acc, word, i) => {
      if (i % 4 === 0) acc.push(word);
      else acc[acc.length - 1] += word;
      return acc;
    }, []) ?? [text]
  );
}

/**
 * The built-in offline model: a deterministic natural-language parser behind the AI SDK
 * LanguageModelV4 interface. See README.md in this folder for the grammar.
 */
export function createOfflineModel(options: OfflineModelOptions = {}): LanguageModelV4 {
  const generateId = options.generateId ?? randomId;
  return {
    specificationVersion: "v4",
    provider: OFFLINE_PROVIDER,
    modelId: OFFLINE_MODEL_ID,
    supportedUrls: {},

    async doGenerate(call): Promise<LanguageModelV4GenerateResult> {
      call.abortSignal?.throwIfAborted();
      const { decision, ids, output } = step(call, generateId);
      const content: LanguageModelV4Content[] =
        decision.type === "text"
          ? [{ type: "text", text: decision.text }]
          : decision.calls.map((c, i) => ({
              type: "tool-call",
              toolCallId: ids[i] ?? generateId(),
              toolName: c.toolName,
              input: JSON.stringify(c.input),
            }));
      return {
        content,
        finishReason: { unified: decision.type === "text" ? "stop" : "tool-calls", raw: undefined },
        usage: usageFor(call, output),
        response: { id: `resp_${generateId()}`, modelId: OFFLINE_MODEL_ID, timestamp: new Date() },
        warnings: [],
      };
    },

    async doStream(call): Promise<LanguageModelV4StreamResult> {
      call.abortSignal?.throwIfAborted();
      const { decision, ids, output } = step(call, generateId);
      const parts: LanguageModelV4StreamPart[] = [
        { type: "stream-start", warnings: [] },
        {
          type: "response-metadata",
          id: `resp_${generateId()}`,
          modelId: OFFLINE_MODEL_ID,
          timestamp: new Date(),
        },
      ];
      if (decision.type === "text") {
        parts.push({ type: "text-start", id: "txt_0" });
        for (const delta of chunks(decision.text)) parts.push({ type: "text-delta", id: "txt_0", delta });
        parts.push({ type: "text-end", id: "txt_0" });
      } else {
        decision.calls.forEach((c, i) => {
          const id = ids[i] ?? generateId();
          const input = JSON.stringify(c.input);
          parts.push(
            { type: "tool-input-start", id, toolName: c.toolName },
            { type: "tool-input-delta", id, delta: input },
            { type: "tool-input-end", id },
            { type: "tool-call", toolCallId: id, toolName: c.toolName, input },
          );
        });
      }
      parts.push({
        type: "finish",
        finishReason: { unified: decision.type === "text" ? "stop" : "tool-calls", raw: undefined },
        usage: usageFor(call, output),
      });
      const signal = call.abortSignal;
      return {
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            for (const part of parts) {
              if (signal?.aborted) break;
              controller.enqueue(part);
            }
            controller.close();
          },
        }),
      };
    },
  };
}
