// Tokens the model receives from each read tool vs the raw BAPI JSON that @clerk/agent-toolkit passes
// through for the same data, counted with gpt-tokenizer (o200k_base): 20 samples per tool
// (bench/lib/read-tool-samples.ts), the median of each side and of the per-sample ratios. Figures only.
// The raw side leaves out private_metadata at any depth: the toolkit deletes it from the object it
// returns when private metadata is not allowed (the bench runs with allowPrivateMetadata false); copies
// nested deeper (inside memberships) go too, which only makes the raw side smaller.
// Lists the seed leaves (nearly) empty are filled first: organization invitations, allow/block lists.
//   npx tsx bench/agent-tokens-bench.ts [--users 100000]
import { parseArgs } from "node:util";
import { encode } from "gpt-tokenizer";
import { IdHandles } from "../lib/agent/id-handles";
import { buildAgentTools } from "../lib/agent/tools";
import { actionContext } from "../lib/clerk/action-context";
import { createClerkClientFor } from "../lib/clerk/client";
import { readActions } from "../lib/clerk/registry";
import { setLogSink } from "../lib/errors";
import { backfillSignIns } from "../lib/sign-ins/backfill";
import { LOCAL_SECRET_KEY } from "../local-clerk/src/app-env";
import { startLocalClerk } from "../local-clerk/src/index";
import { createTestDatabase } from "../test/support/db";
import { type Figure, runAsScript } from "./lib/figures";
import { READ_TOOL_SAMPLES, seedAccessLists } from "./lib/read-tool-samples";
import { median, round } from "./lib/stats";

export interface ToolTokens {
  tool: string;
  raw: number | null;
  ours: number;
  ratio: number | null;
  /** The ratio without the users request for emails (tools whose samples have one), else null. */
  ratioWithoutEmails: number | null;
  samples: number;
}

export async function run(opts: { users?: number } = {}): Promise<Figure[]> {
  setLogSink(() => {});
  const [lc, store] = await Promise.all([
    startLocalClerk({ port: 0, quiet: true, seedUsers: opts.users ?? 100_000 }),
    createTestDatabase("pglite"),
  ]);
  try {
    const clerk = createClerkClientFor({ apiUrl: lc.url, secretKey: LOCAL_SECRET_KEY });
    const ctx = actionContext({ clerk, db: store.db });
    await backfillSignIns(clerk, { db: store.db });
    // The seed has no organization invitations: three pending ones in each of the first 20 organizations.
    for (const org of [...lc.state.organizations.orgs.all()].slice(0, 20))
      for (const n of [1, 2, 3])
        await clerk.organizations.createOrganizationInvitation({
          organizationId: org.id,
          emailAddress: `bench-invitee${n}@${org.slug}.example`,
          role: "org:member",
        });
    await seedAccessLists(clerk);
    // The seed has 4 active sessions at any size, so every page of them would be the same 4 rows: 60 more
    // users get one each through BAPI's session endpoint (which gives each a device and a place).
    for (const user of [...lc.state.users.all()].slice(100, 160))
      await clerk.sessions.createSession({ userId: user.id });
    const admin = lc.state.users.findByEmail("admin@example.com");
    const raw = async (path: string) => {
      const res = await fetch(`${lc.url}${path}`, {
        headers: { Authorization: `Bearer ${LOCAL_SECRET_KEY}` },
      });
      if (!res.ok) throw new Error(`${path} -> ${res.status}`);
      return JSON.stringify(withoutPrivateMetadata(await res.json()));
    };
    const { tools } = buildAgentTools({
      auth: { role: "admin" },
      ctx: { ...ctx, actor: { userId: admin?.id ?? "", email: "admin@example.com" } },
      allowPrivateMetadata: false,
      // As in a chat: the ids the results hold become short handles.
      handles: new IdHandles(),
      writeGate: async () => {
        throw new Error("no writes in the benchmark");
      },
    });
    // What the provider sends as the tool message: the tool's model output, serialized.
    const modelText = async (name: string, input: unknown) => {
      const t = tools[name];
      if (!t?.execute || !t.toModelOutput) throw new Error(`tool ${name} missing`);
      const output = await t.execute(input, { toolCallId: "bench", messages: [] } as never);
      const out = (await t.toModelOutput({ toolCallId: "bench", input, output })) as { value: unknown };
      return { output, text: typeof out.value === "string" ? out.value : JSON.stringify(out.value) };
    };

    const rows: ToolTokens[] = [];
    for (const action of readActions) {
      const spec = READ_TOOL_SAMPLES[action.name];
      if (!spec) {
        console.log(`${action.name}: no samples defined (bench/lib/read-tool-samples.ts)`);
        continue;
      }
      // A sample built from what the tool shows (its users, its sessions) is not run a second time.
      const shown = new Map<string, Awaited<ReturnType<typeof modelText>>>();
      const shownText = async (input: unknown) => {
        const key = JSON.stringify(input);
        const seen = shown.get(key) ?? (await modelText(action.name, input));
        shown.set(key, seen);
        return seen;
      };
      const samples = await spec(lc, async (input) => (await shownText(input)).output);
      const ours: number[] = [];
      const raws: number[] = [];
      const ratios: number[] = [];
      const withoutEmails: number[] = [];
      const tokensOf = async (paths: string[]) =>
        (await Promise.all(paths.map(raw))).reduce((n, body) => n + encode(body).length, 0);
      for (const s of samples) {
        const visible = encode((await shownText(s.input)).text).length;
        ours.push(visible);
        if (s.raw === null) continue;
        const sessionsTokens = await tokensOf(s.raw);
        const rawTokens = sessionsTokens + (await tokensOf(s.emails ?? []));
        raws.push(rawTokens);
        ratios.push(rawTokens / visible);
        if (s.emails) withoutEmails.push(sessionsTokens / visible);
      }
      rows.push({
        tool: action.name,
        raw: raws.length ? median(raws) : null,
        ours: median(ours),
        ratio: ratios.length ? round(median(ratios), 1) : null,
        ratioWithoutEmails: withoutEmails.length ? round(median(withoutEmails), 1) : null,
        samples: samples.length,
      });
    }

    console.log(
      "| read tool | raw BAPI JSON tokens (median) | model-visible tokens (median) | ratio (median of 20) |",
    );
    console.log("| --- | ---: | ---: | ---: |");
    for (const r of rows) {
      const ratio = r.ratio === null ? "n/a (console store, no BAPI counterpart)" : `${r.ratio}x`;
      const apart =
        r.ratioWithoutEmails === null ? "" : ` (${r.ratioWithoutEmails}x without the users read for emails)`;
      console.log(`| ${r.tool} | ${r.raw ?? "-"} | ${r.ours} | ${ratio}${apart} |`);
    }
    return rows.flatMap((r): Figure[] => {
      // A read of the console's own store (empty in the bench) has nothing to compare: printed only.
      if (r.raw === null || r.ratio === null) return [];
      const figures: Figure[] = [
        { bench: "agent-tokens", name: `${r.tool} model-visible tokens`, value: r.ours, unit: "tokens" },
        { bench: "agent-tokens", name: `${r.tool} raw BAPI JSON tokens`, value: r.raw, unit: "tokens" },
        {
          bench: "agent-tokens",
          name: `${r.tool} token ratio raw/ours`,
          value: r.ratio,
          unit: "x",
          target: { op: ">=", value: 5 },
        },
      ];
      if (r.ratioWithoutEmails !== null)
        figures.push({
          bench: "agent-tokens",
          name: `${r.tool} token ratio raw/ours without the users read for emails`,
          value: r.ratioWithoutEmails,
          unit: "x",
          target: { op: ">=", value: 5 },
        });
      return figures;
    });
  } finally {
    await lc.stop();
    await store.destroy();
  }
}

/** A BAPI body less every `private_metadata` member, at any depth. */
function withoutPrivateMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPrivateMetadata);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "private_metadata")
      .map(([key, member]) => [key, withoutPrivateMetadata(member)]),
  );
}

const { values } = parseArgs({ options: { users: { type: "string", default: "100000" } }, strict: false });
runAsScript(import.meta.url, () => run({ users: Number(values.users) }));
