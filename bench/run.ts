// `npm run bench`: runs every benchmark script in bench/ (each in its own process, one after another,
// so 100k-user states do not share a heap), keeps each script's latest figures in bench/results.json
// (a partial run replaces only its scripts' entries) and regenerates docs/performance.md's figures block.
// Scripts report through `BENCH_RESULT {json}` lines (bench/lib/figures.ts);
// local-clerk-bench.ts prints a table, which is parsed here.
//   npm run bench [-- --only users-page,agent-tokens] [--users 100000]
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ensureBuild } from "./lib/console-server";
import { type Figure, RESULT_PREFIX } from "./lib/figures";
import { type BenchRun, loadResults, mergeRuns, resultsMarkdown, writeResults } from "./lib/results";
import { machine } from "./lib/stats";

const { values } = parseArgs({
  options: { only: { type: "string" }, users: { type: "string", default: "100000" } },
});
const BENCH_DIR = "bench";
const RESULTS_JSON = join(BENCH_DIR, "results.json");
const PERFORMANCE_DOC = join("docs", "performance.md");
const ORDER = [
  "local-clerk",
  "users-page",
  "organizations-page",
  "first-load-js",
  "browser",
  "agent-tokens",
  "chat-overhead",
  "bulk",
];

function scripts(filtered = true): string[] {
  const found = readdirSync(BENCH_DIR).filter(
    (f) => f.endsWith(".ts") && f !== "run.ts" && (f.endsWith("-bench.ts") || f.startsWith("bulk-")),
  );
  const rank = (f: string) => {
    const i = ORDER.findIndex((o) => f.startsWith(o));
    return i === -1 ? ORDER.length : i;
  };
  const only = values.only?.split(",").map((s) => s.trim());
  return found
    .filter((f) => !filtered || !only || only.some((o) => f.startsWith(o)))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function runScript(file: string): Promise<{ code: number; stdout: string; seconds: number }> {
  const started = performance.now();
  const args = ["tsx", join(BENCH_DIR, file)];
  // bulk-* scripts take positional arguments (their own defaults); the rest take --users.
  if (file !== "first-load-js-bench.ts" && !file.startsWith("bulk-"))
    args.push("--users", String(values.users));
  return new Promise((resolve) => {
    const child = spawn("npx", args, { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => {
      const text = d.toString();
      stdout += text;
      for (const line of text.split("\n"))
        if (line && !line.startsWith(RESULT_PREFIX)) console.log(`  ${line}`);
    });
    child.on("exit", (code) =>
      resolve({ code: code ?? 1, stdout, seconds: Math.round((performance.now() - started) / 1000) }),
    );
  });
}

/** local-clerk-bench.ts prints "ALL  list p50 / p95  count p50 / p95  HTTP p50 / p95  SDK p50 / p95". */
function parseLocalClerkBench(stdout: string): Figure[] {
  const out: Figure[] = [];
  const all = stdout.split("\n").find((l) => l.startsWith("ALL"));
  const pairs = [...(all ?? "").matchAll(/(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);
  const names = [
    "listUsers handler",
    "count (uncached)",
    "listUsers over HTTP",
    "SDK getUserList (list+count)",
  ];
  pairs.slice(0, 4).forEach(([p50, p95], i) => {
    out.push({ bench: "local-clerk", name: `${names[i]} p50`, value: p50 ?? Number.NaN, unit: "ms" });
    out.push({ bench: "local-clerk", name: `${names[i]} p95`, value: p95 ?? Number.NaN, unit: "ms" });
  });
  const start = stdout.match(/startLocalClerk[^:]*:\s*(\d+)\s*ms/);
  if (start)
    out.push({
      bench: "local-clerk",
      name: "start with seed + indexes",
      value: Number(start[1]),
      unit: "ms",
    });
  return out;
}

/** Scripts that print one JSON object with a "bench" key: numbers (and "12.5%" strings) become figures. */
function parseJsonLines(stdout: string): Figure[] {
  const out: Figure[] = [];
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (typeof obj.bench !== "string") continue;
    const bench = obj.bench;
    const context = Object.entries(obj)
      .filter(([k, v]) => k !== "bench" && typeof v === "string" && !v.endsWith("%"))
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    for (const [k, v] of Object.entries(obj)) {
      if (typeof v === "number") out.push({ bench, name: k, value: v, unit: "", note: context });
      else if (typeof v === "string" && /^-?\d+(\.\d+)?%$/.test(v))
        out.push({ bench, name: k, value: Number(v.slice(0, -1)), unit: "%", note: context });
    }
  }
  return out;
}

const started = new Date();
const before = machine();
const list = scripts();
console.log(`npm run bench: ${list.join(", ")} at ${values.users} users; ${JSON.stringify(before)}`);
if (list.some((f) => f.startsWith("users-page") || f.startsWith("first-load-js")))
  await ensureBuild(process.env.BENCH_REBUILD === "1");
const runs: { script: string; exitCode: number; seconds: number; figures: Figure[] }[] = [];
for (const file of list) {
  console.log(`\n## ${file}`);
  const r = await runScript(file);
  const mine = r.stdout
    .split("\n")
    .filter((l) => l.startsWith(RESULT_PREFIX))
    .map((l) => JSON.parse(l.slice(RESULT_PREFIX.length)) as Figure);
  const parsed =
    mine.length > 0
      ? mine
      : file === "local-clerk-bench.ts"
        ? parseLocalClerkBench(r.stdout)
        : parseJsonLines(r.stdout);
  runs.push({ script: file, exitCode: r.code, seconds: r.seconds, figures: parsed });
  if (r.code !== 0) console.log(`  ${file} FAILED with exit code ${r.code}`);
}
const fresh: BenchRun[] = runs.map((r) => ({
  script: r.script,
  date: started.toISOString(),
  users: Number(values.users),
  machine: { ...before, loadavgAfter: machine().loadavg },
  exitCode: r.exitCode,
  seconds: r.seconds,
  figures: r.figures,
}));
const results = mergeRuns(loadResults(RESULTS_JSON), fresh, scripts(false));
writeResults(RESULTS_JSON, PERFORMANCE_DOC, results);
console.log(`\n${resultsMarkdown({ runs: fresh })}`);
console.log(
  `\nwritten to ${RESULTS_JSON} and ${PERFORMANCE_DOC}; ${runs.filter((r) => r.exitCode !== 0).length} script(s) failed`,
);
process.exit(runs.some((r) => r.exitCode !== 0) ? 1 : 0);
