// Tokens the model receives from our agent tools vs the raw BAPI JSON that @clerk/agent-toolkit
// passes through, for the same getUser and listUsers(limit 20) data, counted with gpt-tokenizer
// (o200k_base). Deterministic: one run is the median. Prints figures only.
//   npx tsx bench/agent-tokens-bench.ts [--users 100000]
import { parseArgs } from "node:util";
import { encode } from "gpt-tokenizer";
import { agentActions } from "../lib/agent/clerk-actions";
import { buildAgentTools } from "../lib/agent/tools";
import { createClerkClientFor } from "../lib/clerk/client";
import { LOCAL_SECRET_KEY } from "../local-clerk/src/app-env";
import { startLocalClerk } from "../local-clerk/src/index";
import { type Figure, runAsScript } from "./lib/figures";
import { round } from "./lib/stats";

export async function run(opts: { users?: number } = {}): Promise<Figure[]> {
  const lc = await startLocalClerk({ port: 0, quiet: true, seedUsers: opts.users ?? 100_000 });
  try {
    const ctx = { clerk: createClerkClientFor({ apiUrl: lc.url, secretKey: LOCAL_SECRET_KEY }) };
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
    // A user with private metadata and sign-ins is the realistic (and heavier) case for getUser.
    const page = JSON.parse(rawList) as { id: string; private_metadata: object }[];
    const userId = (page.find((u) => Object.keys(u.private_metadata).length > 0) ?? page[0])?.id;
    if (!userId) throw new Error("no users seeded");

    const { tools } = buildAgentTools({
      auth: { role: "admin" },
      actions: agentActions,
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
    const cases = [
      {
        name: "getUser",
        raw: await raw(`/v1/users/${userId}`),
        ours: await visible("getUser", { user_id: userId }),
      },
      { name: "listUsers(limit 20)", raw: rawList, ours: await visible("listUsers", { limit: 20 }) },
    ];
    const figures: Figure[] = [];
    for (const c of cases) {
      const rawTokens = encode(c.raw).length;
      const ourTokens = encode(c.ours).length;
      const ratio = round(rawTokens / ourTokens);
      console.log(
        `${c.name}: raw BAPI JSON ${rawTokens} tokens, our tool result ${ourTokens} tokens, ${ratio}x fewer`,
      );
      figures.push(
        { bench: "agent-tokens", name: `${c.name} raw BAPI JSON tokens`, value: rawTokens, unit: "tokens" },
        { bench: "agent-tokens", name: `${c.name} model-visible tokens`, value: ourTokens, unit: "tokens" },
        {
          bench: "agent-tokens",
          name: `${c.name} token ratio raw/ours`,
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
