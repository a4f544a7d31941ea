import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";

const usage: LanguageModelV4Usage = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
};

export type ScriptStep = { text: string } | { calls: { toolName: string; input: unknown }[] };
export type Script = (prompt: LanguageModelV4Prompt, tools: string[]) => ScriptStep;

/**
 * A deterministic model for route tests: the test decides what the "model" does (including hostile
 * choices such as calling a write tool on its own); the route under test decides what actually runs.
 * Tool call ids repeat on purpose ("call_1"), as some OpenAI-compatible servers do.
 */
export function scriptedModel(script: Script): LanguageModelV4 & { prompts: LanguageModelV4Prompt[] } {
  const prompts: LanguageModelV4Prompt[] = [];
  const decide = (o: LanguageModelV4CallOptions) => {
    prompts.push(o.prompt);
    return script(
      o.prompt,
      (o.tools ?? []).map((t) => t.name),
    );
  };
  return {
    specificationVersion: "v4",
    provider: "scripted",
    modelId: "scripted-v1",
    supportedUrls: {},
    prompts,
    async doGenerate(o) {
      const step = decide(o);
      const isTool = "calls" in step;
      return {
        content: isTool
          ? step.calls.map((c, i) => ({
              type: "tool-call" as const,
              toolCallId: `call_${i + 1}`,
              toolName: c.toolName,
              input: JSON.stringify(c.input),
            }))
          : [{ type: "text" as const, text: step.text }],
        finishReason: { unified: isTool ? "tool-calls" : "stop", raw: undefined },
        usage,
        warnings: [],
      };
    },
    async doStream(o) {
      const step = decide(o);
      const parts: LanguageModelV4StreamPart[] = [{ type: "stream-start", warnings: [] }];
      if ("calls" in step) {
        step.calls.forEach((c, i) => {
          parts.push({
            type: "tool-call",
            toolCallId: `call_${i + 1}`,
            toolName: c.toolName,
            input: JSON.stringify(c.input),
          });
        });
      } else {
        parts.push(
          { type: "text-start", id: "t" },
          { type: "text-delta", id: "t", delta: step.text },
          { type: "text-end", id: "t" },
        );
      }
      parts.push({
        type: "finish",
        finishReason: { unified: "calls" in step ? "tool-calls" : "stop", raw: undefined },
        usage,
      });
      return {
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(c) {
            for (const p of parts) c.enqueue(p);
            c.close();
          },
        }),
      };
    },
  };
}

/** Text of the last user message in a prompt. */
export function lastUserText(prompt: LanguageModelV4Prompt): string {
  for (let i = prompt.length - 1; i >= 0; i -= 1) {
    const m = prompt[i];
    if (m?.role === "user") return m.content.map((p) => (p.type === "text" ? p.text : "")).join(" ");
  }
  return "";
}

export function lastIsToolResult(prompt: LanguageModelV4Prompt): boolean {
  return prompt.at(-1)?.role === "tool";
}

/**
 * The chat tests' scripted admin: "set k=v for user_x" proposes updateUserMetadata, "show user_x" reads
 * the user, a tool result is answered with "Done.", anything else with `fallback`.
 */
export function userCommandsModel(fallback = "I can look up and change users.") {
  return scriptedModel((prompt) => {
    if (lastIsToolResult(prompt)) return { text: "Done." };
    const text = lastUserText(prompt);
    const set = /set (\w+)=(\w+) for (user_\w+)/.exec(text);
    if (set) {
      const [, key = "", value, userId] = set;
      return {
        calls: [
          { toolName: "updateUserMetadata", input: { user_id: userId, public_metadata: { [key]: value } } },
        ],
      };
    }
    const show = /show (user_\w+)/.exec(text);
    if (show) return { calls: [{ toolName: "getUser", input: { user_id: show[1] } }] };
    return { text: fallback };
  });
}
