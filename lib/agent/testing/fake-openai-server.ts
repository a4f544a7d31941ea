import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Test-only: a real HTTP server that speaks the OpenAI Chat Completions API (streaming SSE and plain
 * JSON), scripted turn by turn, so the real @ai-sdk/openai and @ai-sdk/openai-compatible clients can
 * be driven end to end. Every request is recorded for assertions.
 */

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

export type TurnContext = { index: number; requests: ChatCompletionRequest[] };
export type FakeTurn =
  | FakeReply
  | ((request: ChatCompletionRequest, ctx: TurnContext) => FakeReply | Promise<FakeReply>);

export type RecordedRequest = {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
};

export type FakeOpenAIServerOptions = {
  /** Replies for the 1st, 2nd, … chat completion request. */
  turns?: FakeTurn[];
  /** Used once `turns` is exhausted (or always, if there are no turns). Without it, extra requests get a 500. */
  handler?: FakeTurn;
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  host?: string;
};

export type FakeOpenAIServer = {
  url: string;
  /** `${url}/v1`, what OPENAI_BASE_URL should be. */
  baseURL: string;
  requests: RecordedRequest[];
  /** The parsed bodies of the chat completion requests, in order. */
  chatRequests(): ChatCompletionRequest[];
  close(): Promise<void>;
};

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  type = "invalid_request_error",
  code?: string,
) {
  send(res, status, { error: { message, type, param: null, code: code ?? null } });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

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

function completionJson(request: ChatCompletionRequest, reply: FakeReply, id: string, created: number) {
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

function streamChunks(
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

export async function startFakeOpenAIServer(
  options: FakeOpenAIServerOptions = {},
): Promise<FakeOpenAIServer> {
  const requests: RecordedRequest[] = [];
  const chat: ChatCompletionRequest[] = [];
  const turns = options.turns ?? [];

  async function replyFor(request: ChatCompletionRequest): Promise<FakeReply> {
    const index = chat.length - 1;
    const turn = turns[index] ?? options.handler;
    if (!turn) {
      return {
        error: {
          status: 500,
          message: `fake server: no scripted turn for chat request #${index + 1}`,
          type: "server_error",
        },
      };
    }
    return typeof turn === "function" ? turn(request, { index, requests: [...chat] }) : turn;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const raw = await readBody(req);
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // kept as text and rejected below
    }
    requests.push({ method: req.method ?? "GET", path, headers: req.headers, body });
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendError(res, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
    }
    if (req.method === "GET" && path === "/v1/models") {
      return send(res, 200, {
        object: "list",
        data: [{ id: "fake-model", object: "model", created: 0, owned_by: "fake" }],
      });
    }
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      return sendError(
        res,
        404,
        `Unknown request URL: ${req.method} ${path}. This fake only speaks Chat Completions.`,
      );
    }
    if (
      typeof body !== "object" ||
      body === null ||
      !Array.isArray((body as ChatCompletionRequest).messages)
    ) {
      return sendError(res, 400, "Request body must be JSON with a messages array.");
    }
    const request = body as ChatCompletionRequest;
    chat.push(request);
    const reply = await replyFor(request);
    if (reply.error) {
      return sendError(
        res,
        reply.error.status,
        reply.error.message,
        reply.error.type ?? "server_error",
        reply.error.code,
      );
    }
    const id = `chatcmpl-${randomUUID().replace(/-/g, "").slice(0, 24)}`;
    const created = Math.floor(Date.now() / 1000);
    if (!request.stream) return send(res, 200, completionJson(request, reply, id, created));
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    for (const chunk of streamChunks(request, reply, id, created))
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    res.end("data: [DONE]\n\n");
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, 500, `fake server error: ${String(err)}`, "server_error");
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, options.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? "127.0.0.1"}:${port}`;
  return {
    url,
    baseURL: `${url}/v1`,
    requests,
    chatRequests: () => [...chat],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
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
