import { randomUUID } from "node:crypto";

/** OpenAI Chat Completions request/response shapes and their JSON and SSE encodings (test-only). */

export type ChatMessage =
  | { role: "system" | "developer"; content: string | Array<{ type: string; text?: string }> }
  | { role: "user"; content: string | Array<{ type: string; text?: string }> }
  | {
      role: "assistant";
      content?: string | null;
      tool_calls?: Array<{ id: string; type: "function"; function: { name: string; arguments: string } }>;
    }
  | { role: "tool"; tool_call_id: string; content: string };

export type ChatCompletionRequest = {
  model: string;
  messages: ChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  tools?: Array<{ type: "function"; function: { name: string; description?: string; parameters?: unknown } }>;
  tool_choice?: unknown;
  [key: string]: unknown;
};

export type FakeToolCall = { id?: string; name: string; arguments: unknown };

export type FakeReply = {
  text?: string;
  toolCalls?: FakeToolCall[];
  finishReason?: "stop" | "tool_calls" | "length" | "content_filter";
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** Answer with an OpenAI-style HTTP error instead of a completion. */
  error?: { status: number; message: string; type?: string; code?: string };
  /** Characters per streamed text/argument chunk (default 7), so clients must reassemble deltas. */
  chunkSize?: number;
};

function split(text: string, size: number): string[] {
  if (text.length === 0) return [];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function normalise(reply: FakeReply) {
  const toolCalls = (reply.toolCalls ?? []).map((c) => ({
    id: c.id ?? `call_${randomUUID().replace(/-/g, "").slice(0, 20)}`,
    type: "function" as const,
    function: {
      name: c.name,
      arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments ?? {}),
    },
  }));
  const finishReason = reply.finishReason ?? (toolCalls.length > 0 ? "tool_calls" : "stop");
  const text = reply.text ?? "";
  return { toolCalls, finishReason, text };
}

function usageFor(request: ChatCompletionRequest, reply: FakeReply, output: string) {
  const prompt = reply.usage?.prompt_tokens ?? Math.ceil(JSON.stringify(request.messages).length / 4);
  const completion = reply.usage?.completion_tokens ?? Math.ceil(output.length / 4);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

export function completionJson(
  request: ChatCompletionRequest,
  reply: FakeReply,
  id: string,
  created: number,
) {
  const { toolCalls, finishReason, text } = normalise(reply);
  return {
    id,
    object: "chat.completion",
    created,
    model: request.model,
    system_fingerprint: "fp_fake",
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: text.length > 0 ? text : null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          refusal: null,
        },
        logprobs: null,
        finish_reason: finishReason,
      },
    ],
    usage: usageFor(request, reply, text + JSON.stringify(toolCalls)),
  };
}

export function streamChunks(
  request: ChatCompletionRequest,
  reply: FakeReply,
  id: string,
  created: number,
): unknown[] {
  const { toolCalls, finishReason, text } = normalise(reply);
  const size = Math.max(1, reply.chunkSize ?? 7);
  const base = {
    id,
    object: "chat.completion.chunk",
    created,
    model: request.model,
    system_fingerprint: "fp_fake",
  };
  const chunk = (delta: unknown, finish: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const out: unknown[] = [chunk({ role: "assistant", content: "", refusal: null })];
  for (const piece of split(text, size)) out.push(chunk({ content: piece }));
  toolCalls.forEach((call, index) => {
    out.push(
      chunk({
        tool_calls: [
          { index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } },
        ],
      }),
    );
    for (const piece of split(call.function.arguments, size)) {
      out.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  out.push(chunk({}, finishReason));
  if (request.stream_options?.include_usage) {
    out.push({ ...base, choices: [], usage: usageFor(request, reply, text + JSON.stringify(toolCalls)) });
  }
  return out;
}

/** The text of the last user message in a request. */
export function lastUserText(request: ChatCompletionRequest): string {
  const last = [...request.messages].reverse().find((m) => m.role === "user");
  if (last?.role !== "user") return "";
  return typeof last.content === "string" ? last.content : last.content.map((p) => p.text ?? "").join("");
}

/** Tool messages after the last user message (what the tools returned in this turn). */
export function toolMessagesSinceUser(
  request: ChatCompletionRequest,
): Array<{ tool_call_id: string; content: string }> {
  const lastUser = request.messages.map((m) => m.role).lastIndexOf("user");
  return request.messages
    .slice(lastUser + 1)
    .filter((m): m is Extract<ChatMessage, { role: "tool" }> => m.role === "tool");
}
