// Benchmark (not a test): what the model receives from our tools vs the raw BAPI JSON that
// @clerk/agent-toolkit passes through, and the chat route's own overhead per step (offline model).
// Run: npx tsx bench/agent-bench.ts [--users 500] [--iterations 30]
import { parseArgs } from "node:util";
import { encode } from "gpt-tokenizer";
import { handleChatRequest } from "../lib/agent/chat-handler";
import { agentActions } from "../lib/agent/clerk-actions";
import { resolveChatModel } from "../lib/agent/model";
import { readUIChunks } from "../lib/agent/test-support/ui-stream";
import { buildAgentTools } from "../lib/agent/tools";
import { createClerkClientFor } from "../lib/clerk/client";
import type { ActionContext } from "../lib/clerk/define-action";
import { createTestDatabase } from "../lib/db/testing";
import { setLogSink } from "../lib/errors";
import { LOCAL_SECRET_KEY, LOCAL_TOOL_APPROVAL_SECRET } from "../local-clerk/src/app-env";
import { startLocalClerk } from "../local-clerk/src/index";

const { values } = parseArgs({
  options: { users: { type: "string", default: "500" }, iterations: { type: "string", default: "30" } },
});
const N = Number(values.iterations);
setLogSink(() => {});

const lc = await startLocalClerk({ port: 0, quiet: true, seedUsers: Number(values.users) });
const tdb = await createTestDatabase("pglite");
try {
  const ctx: ActionContext = { clerk: createClerkClientFor({ apiUrl: lc.url, secretKey: LOCAL_SECRET_KEY }) };
  const raw = async (path: string) =>
    (await fetch(`${lc.url}${path}`, { headers: { Authorization: `Bearer ${LOCAL_SECRET_KEY}` } })).text();
  const page = JSON.parse(await raw("/v1/users?limit=20")) as { id: string }[];
  const userId = page[0]?.id ?? "";

  const { tools } = buildAgentTools({
    auth: { role: "admin" },
    actions: agentActions,
    ctx,
    allowPrivateMetadata: false,
    writeGate: async () => {
      throw new Error("no writes in the benchmark");
    },
  });
  const visible = async (name: string, input: unknown) => {
    const t = tools[name];
    const output = await t?.execute?.(input, { toolCallId: "b", messages: [] } as never);
    // What the provider sends as the tool message content: the JSON value.
    const modelOutput = (await t?.toModelOutput?.({ toolCallId: "b", input, output })) as { value: unknown };
    return JSON.stringify(modelOutput.value);
  };
  const rows = [
    {
      case: "getUser",
      raw: await raw(`/v1/users/${userId}`),
      ours: await visible("getUser", { user_id: userId }),
    },
    {
      case: "listUsers(limit 20)",
      raw: await raw("/v1/users?limit=20"),
      ours: await visible("listUsers", { limit: 20 }),
    },
  ].map((r) => {
    const rawTokens = encode(r.raw).length;
    const ourTokens = encode(r.ours).length;
    return { case: r.case, rawTokens, ourTokens, ratio: Number((rawTokens / ourTokens).toFixed(2)) };
  });
  console.table(rows);

  // Route overhead: total handler time minus the time spent inside Clerk calls, per model step.
  let clerkMs = 0;
  const timed = agentActions.map((a) => ({
    ...a,
    run: async (input: unknown, c: ActionContext) => {
      const t = performance.now();
      try {
        return await a.run(input, c);
      } finally {
        clerkMs += performance.now() - t;
      }
    },
  }));
  const { model } = resolveChatModel({});
  const perStep: number[] = [];
  for (let i = 0; i < N + 3; i += 1) {
    clerkMs = 0;
    const started = performance.now();
    const res = await handleChatRequest({
      auth: { userId: "user_bench", email: "bench@example.com", role: "admin" },
      body: { chatId: `bench_chat_${i}`, message: { text: "show admin@example.com" } },
      db: tdb.db,
      actions: timed,
      ctx,
      model,
      modelInfo: { id: "offline", label: "offline", kind: "offline" },
      approvalSecret: LOCAL_TOOL_APPROVAL_SECRET,
      allowPrivateMetadata: false,
    });
    const chunks = await readUIChunks(res);
    const steps = chunks.filter((c) => c.type === "start-step").length || 1;
    if (i >= 3) perStep.push((performance.now() - started - clerkMs) / steps);
  }
  perStep.sort((a, b) => a - b);
  const q = (p: number) => perStep[Math.min(perStep.length - 1, Math.floor(p * perStep.length))]?.toFixed(1);
  console.log(
    `chat route overhead per step (offline model, incl. PGlite store): p50 ${q(0.5)} ms, p95 ${q(0.95)} ms (n=${N})`,
  );
} finally {
  await Promise.all([lc.stop(), tdb.destroy()]);
}
