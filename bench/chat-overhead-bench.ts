// The chat route's own overhead per model step with the built-in offline model: handleChatRequest
// in-process (authorization, chat store, approvals bookkeeping, tool projection, UI stream), minus
// the time Local Clerk spent answering BAPI requests (its request log); once with the PGlite store (the
// demo's default) and once with PostgreSQL (a deployment's) when the server is reachable. Prints figures only.
//   npx tsx bench/chat-overhead-bench.ts [--users 100000] [--iterations 20] [--rounds 3]

import { parseArgs } from "node:util";
import { actionContext } from "@/lib/clerk/action-context";
import { readUIChunks } from "@/test/support/agent/ui-stream";
import { createTestDatabase } from "@/test/support/db";
import { handleChatRequest } from "../lib/agent/chat-handler";
import { resolveChatModel } from "../lib/agent/model";
import { createClerkClientFor } from "../lib/clerk/client";
import type { DbDriver } from "../lib/db/client";
import { setLogSink } from "../lib/errors";
import { LOCAL_SECRET_KEY, LOCAL_TOOL_APPROVAL_SECRET } from "../local-clerk/src/app-env";
import { type LocalClerkHandle, startLocalClerk } from "../local-clerk/src/index";
import { bapiWallMs, isBapi } from "./lib/bapi-time";
import { type Figure, runAsScript } from "./lib/figures";
import { loadLine, median, pct, round } from "./lib/stats";

// Read requests: each is a tool step plus a summarising step. Writes would stop at an approval card.
const PROMPTS = ["show admin@example.com", "list users at acme.com", "how many users are there?"];

export async function run(
  opts: { users?: number; iterations?: number; rounds?: number } = {},
): Promise<Figure[]> {
  setLogSink(() => {});
  const lc = await startLocalClerk({ port: 0, quiet: true, seedUsers: opts.users ?? 100_000 });
  try {
    const figures = await measure(lc, "pglite", opts);
    // The deployment's store (Vercel with PostgreSQL), when this machine has the server running.
    const pg = await measure(lc, "pg", opts).catch((err: unknown) => {
      console.log(`  PostgreSQL store skipped: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    });
    return [...figures, ...pg];
  } finally {
    await lc.stop();
  }
}

async function measure(
  lc: LocalClerkHandle,
  driver: DbDriver,
  opts: { iterations?: number; rounds?: number },
): Promise<Figure[]> {
  const iterations = opts.iterations ?? 20;
  const rounds = opts.rounds ?? 3;
  const tdb = await createTestDatabase(driver);
  try {
    const ctx = actionContext({
      clerk: createClerkClientFor({ apiUrl: lc.url, secretKey: LOCAL_SECRET_KEY }),
    });
    const { model } = resolveChatModel({});
    let n = 0;
    const once = async (text: string) => {
      const seq = lc.requestLog.list().at(-1)?.seq ?? 0;
      const t0 = performance.now();
      const res = await handleChatRequest({
        auth: { userId: "user_bench", email: "bench@example.com", role: "admin" },
        // Every chat gets two messages: a first one (creates the chat) and a follow-up (loads the
        // stored history and supersedes open approvals), so both paths are in the figure.
        body: { chatId: `bench_chat_${Math.floor(n++ / 2)}`, message: { text } },
        db: tdb.db,
        ctx,
        model,
        modelInfo: { id: "offline", label: "offline", kind: "offline" },
        approvalSecret: LOCAL_TOOL_APPROVAL_SECRET,
        allowPrivateMetadata: false,
      });
      const chunks = await readUIChunks(res);
      const total = performance.now() - t0;
      if (res.status !== 200) throw new Error(`chat -> ${res.status}`);
      if (!chunks.some((c) => c.type === "tool-output-available"))
        throw new Error(`"${text}" ran no tool: ${JSON.stringify(chunks.slice(0, 5))}`);
      await new Promise((r) => setTimeout(r, 5));
      const entries = lc.requestLog.list({ sinceSeq: seq }).filter(isBapi);
      const steps = Math.max(1, chunks.filter((c) => c.type === "start-step").length);
      return { perStep: (total - bapiWallMs(entries)) / steps, steps, requests: entries.length };
    };
    for (const p of PROMPTS) await once(p); // warm-up
    const p50s: number[] = [];
    const p95s: number[] = [];
    const steps: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const samples: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const s = await once(PROMPTS[i % PROMPTS.length]!);
        samples.push(s.perStep);
        steps.push(s.steps);
      }
      p50s.push(pct(samples, 0.5));
      p95s.push(pct(samples, 0.95));
    }
    const store = driver === "pglite" ? "" : ", PostgreSQL store";
    const figures: Figure[] = [
      {
        bench: "chat-overhead",
        name: `chat route overhead per step p50 (offline model${store})`,
        value: round(median(p50s)),
        unit: "ms",
        target: { op: "<=", value: 15 },
        note: `${median(steps)} steps per request; ${driver === "pglite" ? "PGlite" : "PostgreSQL"} store; half first messages, half follow-ups`,
      },
      {
        bench: "chat-overhead",
        name: `chat route overhead per step p95 (offline model${store})`,
        value: round(median(p95s)),
        unit: "ms",
      },
    ];
    console.log(
      `chat route (${driver}), ${rounds} rounds x ${iterations} requests, median of rounds; ${loadLine()}`,
    );
    for (const f of figures) console.log(`  ${f.name}: ${f.value} ${f.unit}`);
    return figures;
  } finally {
    await tdb.destroy();
  }
}

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "100000" },
    iterations: { type: "string", default: "20" },
    rounds: { type: "string", default: "3" },
  },
  strict: false,
});
runAsScript(import.meta.url, () =>
  run({ users: Number(values.users), iterations: Number(values.iterations), rounds: Number(values.rounds) }),
);
