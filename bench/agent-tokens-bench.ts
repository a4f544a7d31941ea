// Tokens the model receives from our agent tools vs the raw BAPI JSON that @clerk/agent-toolkit
// passes through, for the same getUser and listUsers(limit 20) data, counted with gpt-tokenizer
// (o200k_base). Deterministic for a given seed, so one run suffices. Prints figures only.
//   npx tsx bench/agent-tokens-bench.ts [--users 100000]

import { parseArgs } from "node:util";
import { encode } from "gpt-tokenizer";
import { actionContext } from "@/lib/clerk/action-context";
import { buildAgentTools } from "../lib/agent/tools";
import { createClerkClientFor } from "../lib/clerk/client";
import { LOCAL_SECRET_KEY } from "../local-clerk/src/app-env";
import { startLocalClerk } from "../local-clerk/src/index";
import { type Figure, runAsScript } from "./lib/figures";
import { median, round } from "./lib/stats";

export async function run(opts: { users?: number } = {}): Promise<Figure[]> {
  const lc = await startLocalClerk({ port: 0, quiet: true, seedUsers: opts.users ?? 100_000 });
  try {
    const ctx = actionContext({
      clerk: createClerkClientFor({ apiUrl: lc.url, secretKey: LOCAL_SECRET_KEY }),
    });
    // What @clerk/agent-toolkit hands the model: the SDK call's result JSON-stringified, i.e. the BAPI
    // resource JSON. The raw response body is the same data (and key names) without SDK reshaping.
    const raw = async (path: string) => {
      const res = await fetch(`${lc.url}${path}`, {
        headers: { Authorization: `Bearer ${LOCAL_SECRET_KEY}` },
      });
      if (!res.ok) throw new Error(`${path} -> ${res.status}`);
      return res.text();
    };
    const rawList = await raw("/v1/users?limit=20");
    const page = JSON.parse(rawList) as { id: string }[];
    if (page.length === 0) throw new Error("no users seeded");

    const { tools } = buildAgentTools({
      auth: { role: "admin" },
      ctx,
      allowPrivateMetadata: false,
      writeGate: async () => {
        throw new Error("no writes in the benchmark");
      },
    });
    // What the provider sends as the tool message: the tool's model output value, serialized.
    const visible = async (name: string, input: unknown) => {
      const t = tools[name];
      if (!t?.execute || !t.toModelOutput) throw new Error(`tool ${name} missing`);
      const output = await t.execute(input, { toolCallId: "bench", messages: [] } as never);
      const modelOutput = (await t.toModelOutput({ toolCallId: "bench", input, output })) as {
        value: unknown;
      };
      return typeof modelOutput.value === "string" ? modelOutput.value : JSON.stringify(modelOutput.value);
    };
    // getUser for each of the 20 users on the first page (some have metadata and sign-ins, some not):
    // the figure is the median user.
    const perUser: { raw: number; ours: number }[] = [];
    for (const u of page) {
      perUser.push({
        raw: encode(await raw(`/v1/users/${u.id}`)).length,
        ours: encode(await visible("getUser", { user_id: u.id })).length,
      });
    }
    const ratios = perUser.map((u) => u.raw / u.ours);
    const mid = perUser[ratios.indexOf(median(ratios))]!;
    console.log(
      `getUser ratio over ${page.length} users: min ${round(Math.min(...ratios))}x, median ${round(median(ratios))}x, max ${round(Math.max(...ratios))}x`,
    );
    const listOurs = await visible("listUsers", { limit: 20 });
    const cases = [
      { name: "getUser (median of 20 users)", rawTokens: mid.raw, ourTokens: mid.ours },
      { name: "listUsers(limit 20)", rawTokens: encode(rawList).length, ourTokens: encode(listOurs).length },
    ];
    const figures: Figure[] = [];
    for (const { name, rawTokens, ourTokens } of cases) {
      const ratio = round(rawTokens / ourTokens);
      console.log(
        `${name}: raw BAPI JSON ${rawTokens} tokens, our tool result ${ourTokens} tokens, ${ratio}x fewer`,
      );
      figures.push(
        { bench: "agent-tokens", name: `${name} raw BAPI JSON tokens`, value: rawTokens, unit: "tokens" },
        { bench: "agent-tokens", name: `${name} model-visible tokens`, value: ourTokens, unit: "tokens" },
        {
          bench: "agent-tokens",
          name: `${name} token ratio raw/ours`,
          value: ratio,
          unit: "x",
          target: { op: ">=", value: 5 },
        },
      );
    }
    return figures;
  } finally {
    await lc.stop();
  }
}

const { values } = parseArgs({ options: { users: { type: "string", default: "100000" } }, strict: false });
runAsScript(import.meta.url, () => run({ users: Number(values.users) }));
