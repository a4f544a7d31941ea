import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { AppError } from "@/lib/errors";
import { MODEL_NOT_CONFIGURED } from "./model-status";
import { OFFLINE_MODEL_ID, OFFLINE_PROVIDER } from "./offline-model/id";

export type ChatModelKind = "offline" | "openai" | "openai-compatible" | "unconfigured";

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

// Local Clerk's secret key (local-clerk/src/app-env.ts): the demo and the end-to-end tests.
const LOCAL_CLERK_SECRET_PREFIX = "sk_live_local_clerk_";

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

/** Real Clerk keys, or a production build outside the demo (which runs on Local Clerk's keys). */
export function isProductionDeploy(env: Env): boolean {
  const secret = setting(env, "CLERK_SECRET_KEY");
  if (secret?.startsWith(LOCAL_CLERK_SECRET_PREFIX)) return false;
  return secret !== undefined || env.NODE_ENV === "production";
}

/** A model whose implementation is loaded on its first call (or, unconfigured, refuses every call). */
function deferredModel(
  provider: string,
  modelId: string,
  load: () => Promise<LanguageModelV4>,
): LanguageModelV4 {
  let loaded: Promise<LanguageModelV4> | undefined;
  const model = () => {
    loaded ??= load();
    return loaded;
  };
  return {
    specificationVersion: "v4",
    provider,
    modelId,
    supportedUrls: {},
    doGenerate: async (options) => (await model()).doGenerate(options),
    doStream: async (options) => (await model()).doStream(options),
  };
}

// Deployments with a real model never load the offline one.
const offlineModel = () =>
  deferredModel(OFFLINE_PROVIDER, OFFLINE_MODEL_ID, () =>
    import("./offline-model/offline-model").then((m) => m.createOfflineModel()),
  );

// The chat handler refuses before calling it; anything else that does gets the same error.
const unconfiguredModel = () =>
  deferredModel("unconfigured", "unconfigured", () =>
    Promise.reject(new AppError("not_configured", MODEL_NOT_CONFIGURED)),
  );

/**
 * Picks the chat model from the environment, one code path for all three:
 * - `OPENAI_BASE_URL` set: any OpenAI-compatible server (Ollama, vLLM, LM Studio, …) over the Chat
 *   Completions API; `AI_MODEL` names the model and is required; `OPENAI_API_KEY` is sent if set.
 * - else `OPENAI_API_KEY` set: OpenAI via @ai-sdk/openai, `AI_MODEL` or gpt-4.1-mini.
 * - else `AI_MODEL=offline`, or nothing set outside production: the built-in offline model.
 * - else (a production deploy with no model): not configured.
 */
export function resolveChatModel(env: Env = process.env): ResolvedChatModel {
  const baseURL = setting(env, "OPENAI_BASE_URL");
  const apiKey = setting(env, "OPENAI_API_KEY");
  const modelId = setting(env, "AI_MODEL");

  if (modelId === "offline" || (!baseURL && !apiKey)) {
    if (modelId !== "offline" && isProductionDeploy(env)) {
      return {
        model: unconfiguredModel(),
        id: "unconfigured",
        label: "Not configured",
        kind: "unconfigured",
      };
    }
    return {
      model: offlineModel(),
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
