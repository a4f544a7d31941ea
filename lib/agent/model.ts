import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { createOfflineModel, OFFLINE_MODEL_ID } from "./offline-model/offline-model";

export type ChatModelKind = "offline" | "openai" | "openai-compatible";

export type ResolvedChatModel = {
  model: LanguageModelV4;
  /** Stable identifier, e.g. "offline-parser-v1", "openai:gpt-4.1-mini", "openai-compatible:llama3.1". */
  id: string;
  /** What the UI shows as the active model. */
  label: string;
  kind: ChatModelKind;
};

export const DEFAULT_OPENAI_MODEL = "gpt-4.1-mini";

type Env = Record<string, string | undefined>;

function setting(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function hostOf(baseURL: string): string {
  try {
    return new URL(baseURL).host;
  } catch {
    throw new Error(`OPENAI_BASE_URL is not a valid URL: ${JSON.stringify(baseURL)}`);
  }
}

/**
 * Picks the chat model from the environment, one code path for all three:
 * - `OPENAI_BASE_URL` set: any OpenAI-compatible server (Ollama, vLLM, LM Studio, …) over the Chat
 *   Completions API; `AI_MODEL` names the model and is required; `OPENAI_API_KEY` is sent if set.
 * - else `OPENAI_API_KEY` set: OpenAI via @ai-sdk/openai, `AI_MODEL` or gpt-4.1-mini.
 * - else (or `AI_MODEL=offline`): the built-in offline model.
 */
export function resolveChatModel(env: Env = process.env): ResolvedChatModel {
  const baseURL = setting(env, "OPENAI_BASE_URL");
  const apiKey = setting(env, "OPENAI_API_KEY");
  const modelId = setting(env, "AI_MODEL");

  if (modelId === "offline" || (!baseURL && !apiKey)) {
    return {
      model: createOfflineModel(),
      id: OFFLINE_MODEL_ID,
      label: "Built-in offline model",
      kind: "offline",
    };
  }
  if (baseURL) {
    if (!modelId) {
      throw new Error(
        "OPENAI_BASE_URL is set but AI_MODEL is not: set AI_MODEL to the model name your server serves (e.g. llama3.1).",
      );
    }
    const provider = createOpenAICompatible({
      name: "openai-compatible",
      baseURL: baseURL.replace(/\/+$/, ""),
      ...(apiKey ? { apiKey } : {}),
      includeUsage: true,
    });
    return {
      model: provider.chatModel(modelId),
      id: `openai-compatible:${modelId}`,
      label: `${modelId} (OpenAI-compatible, ${hostOf(baseURL)})`,
      kind: "openai-compatible",
    };
  }
  const id = modelId ?? DEFAULT_OPENAI_MODEL;
  const openai = createOpenAI({ apiKey, baseURL: "https://api.openai.com/v1" });
  return { model: openai(id), id: `openai:${id}`, label: `OpenAI ${id}`, kind: "openai" };
}
