import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ChatCompletionRequest, completionJson, type FakeReply, streamChunks } from "./openai-wire";

export type { ChatCompletionRequest, ChatMessage, FakeReply, FakeToolCall } from "./openai-wire";
export { lastUserText, toolMessagesSinceUser } from "./openai-wire";

/**
 * Test-only: a real HTTP server that speaks the OpenAI Chat Completions API (streaming SSE and plain
 * JSON), scripted turn by turn, so the real @ai-sdk/openai and @ai-sdk/openai-compatible clients can
 * be driven end to end. Every request is recorded for assertions.
 */

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
  /** Default 0 (a free port). */
  port?: number;
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
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
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
