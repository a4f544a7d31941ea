import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { generateText, isStepCount, streamText, tool } from "ai";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { type FakeOpenAIServer, startFakeOpenAIServer, toolMessagesSinceUser } from "./fake-openai-server";

const servers: FakeOpenAIServer[] = [];
async function start(...args: Parameters<typeof startFakeOpenAIServer>) {
  const server = await startFakeOpenAIServer(...args);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function getUserTool(seen: unknown[]) {
  return tool({
    description: "Get a user",
    inputSchema: z.object({ user_id: z.string() }),
    execute: async (input) => {
      seen.push(input);
      return { id: input.user_id, name: "Jane Doe", email: "jane@acme.com" };
    },
  });
}

describe("fake OpenAI server: Chat Completions over real HTTP", () => {
  it("drives @ai-sdk/openai-compatible streamText through a streamed tool call round trip", async () => {
    const server = await start({
      apiKey: "sk-test",
      turns: [
        { toolCalls: [{ id: "call_a", name: "getUser", arguments: { user_id: "user_jane" } }], chunkSize: 3 },
        (request) => {
          const results = toolMessagesSinceUser(request);
          return { text: `The tool said: ${results[0]?.content ?? "nothing"}`, chunkSize: 5 };
        },
      ],
    });
    const seen: unknown[] = [];
    const provider = createOpenAICompatible({
      name: "local",
      baseURL: server.baseURL,
      apiKey: "sk-test",
      includeUsage: true,
    });
    const result = streamText({
      model: provider.chatModel("llama3.1"),
      prompt: "who is user_jane?",
      tools: { getUser: getUserTool(seen) },
      stopWhen: isStepCount(3),
    });
    const deltas: string[] = [];
    for await (const part of result.stream) if (part.type === "text-delta") deltas.push(part.text);
    expect(seen).toEqual([{ user_id: "user_jane" }]);
    expect(await result.text).toBe(
      'The tool said: {"id":"user_jane","name":"Jane Doe","email":"jane@acme.com"}',
    );
    expect(deltas.length).toBeGreaterThan(5);
    expect((await result.totalUsage).outputTokens).toBeGreaterThan(0);

    const [first, second] = server.chatRequests();
    expect(first?.stream).toBe(true);
    expect(first?.stream_options).toEqual({ include_usage: true });
    expect(first?.model).toBe("llama3.1");
    expect(first?.tools?.map((t) => t.function.name)).toEqual(["getUser"]);
    expect(second?.messages.at(-2)).toMatchObject({
      role: "assistant",
      tool_calls: [
        {
          id: "call_a",
          type: "function",
          function: { name: "getUser", arguments: '{"user_id":"user_jane"}' },
        },
      ],
    });
    expect(second?.messages.at(-1)).toMatchObject({ role: "tool", tool_call_id: "call_a" });
    expect(server.requests.every((r) => r.headers.authorization === "Bearer sk-test")).toBe(true);
  });

  it("drives createOpenAI().chat generateText (non-streaming JSON) with parallel tool calls", async () => {
    const server = await start({
      turns: [
        {
          toolCalls: [
            { name: "getUser", arguments: { user_id: "user_1" } },
            { name: "getUser", arguments: { user_id: "user_2" } },
          ],
        },
        { text: "Two users fetched." },
      ],
    });
    const seen: unknown[] = [];
    const openai = createOpenAI({ baseURL: server.baseURL, apiKey: "unused" });
    const result = await generateText({
      model: openai.chat("gpt-4.1-mini"),
      prompt: "fetch user_1 and user_2",
      tools: { getUser: getUserTool(seen) },
      stopWhen: isStepCount(3),
    });
    expect(seen).toEqual([{ user_id: "user_1" }, { user_id: "user_2" }]);
    expect(result.text).toBe("Two users fetched.");
    expect(result.steps[0]?.finishReason).toBe("tool-calls");
    expect(server.chatRequests().map((r) => r.stream ?? false)).toEqual([false, false]);
    expect(server.chatRequests()[1]?.messages.filter((m) => m.role === "tool")).toHaveLength(2);
  });

  it("speaks the wire format: SSE chunks, tool_calls deltas, a usage chunk and [DONE]", async () => {
    const server = await start({
      turns: [{ toolCalls: [{ id: "call_x", name: "banUser", arguments: '{"user_id":"user_1"}' }] }],
    });
    const res = await fetch(`${server.baseURL}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        model: "m",
        messages: [{ role: "user", content: "hi" }],
        stream: true,
        stream_options: { include_usage: true },
      }),
    });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const events = (await res.text()).split("\n\n").filter(Boolean);
    expect(events.at(-1)).toBe("data: [DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.replace(/^data: /, "")));
    expect(chunks.every((c) => c.object === "chat.completion.chunk")).toBe(true);
    expect(chunks[1].choices[0].delta.tool_calls[0]).toEqual({
      index: 0,
      id: "call_x",
      type: "function",
      function: { name: "banUser", arguments: "" },
    });
    const args = chunks
      .flatMap((c) =>
        c.choices.map(
          (ch: { delta: { tool_calls?: Array<{ function: { arguments?: string } }> } }) =>
            ch.delta.tool_calls?.[0]?.function.arguments ?? "",
        ),
      )
      .join("");
    expect(args).toBe('{"user_id":"user_1"}');
    expect(chunks.at(-2).choices[0].finish_reason).toBe("tool_calls");
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: expect.any(Number) } });
  });

  it("answers errors like OpenAI: bad key 401, unknown path 404, bad body 400, unscripted request 500", async () => {
    const server = await start({ apiKey: "sk-right" });
    const post = (path: string, body: string, key = "sk-right") =>
      fetch(`${server.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${key}` }, body });
    const wrongKey = await post("/v1/chat/completions", "{}", "sk-wrong");
    expect(wrongKey.status).toBe(401);
    expect((await wrongKey.json()).error.code).toBe("invalid_api_key");
    expect((await post("/v1/responses", "{}")).status).toBe(404);
    expect((await post("/v1/chat/completions", "not json")).status).toBe(400);
    const unscripted = await post("/v1/chat/completions", JSON.stringify({ model: "m", messages: [] }));
    expect(unscripted.status).toBe(500);
    expect((await unscripted.json()).error.message).toMatch(/no scripted turn for chat request #1/);
    expect(server.requests.map((r) => r.path)).toEqual([
      "/v1/chat/completions",
      "/v1/responses",
      "/v1/chat/completions",
      "/v1/chat/completions",
    ]);
  });

  it("surfaces a scripted HTTP error to the client as an API error", async () => {
    const server = await start({
      turns: [{ error: { status: 429, message: "Rate limit reached", type: "rate_limit_error" } }],
    });
    const provider = createOpenAICompatible({ name: "local", baseURL: server.baseURL });
    await expect(
      generateText({ model: provider.chatModel("m"), prompt: "hi", maxRetries: 0 }),
    ).rejects.toThrow(/Rate limit reached/);
  });
});
