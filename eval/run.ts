// `npm run eval -- --model offline` (or openai:<id>, compatible:<id>): the evaluation set against a
// freshly seeded Local Clerk through the real chat handler; prints the scorecard and writes the report.
//   npm run eval -- [--model offline] [--only lookups,filters] [--case <id>] [--min 0.95] [--report path]
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { resolveChatModel } from "@/lib/agent/model";
import { setLogSink } from "@/lib/errors";
import { evalCases } from "./cases";
import { EVAL_SEED_USERS, startEvalEnv } from "./harness";
import { printScorecard, scorecard, uncoveredActions } from "./report";
import { type CaseResult, runCase } from "./run-cases";

const { values } = parseArgs({
  options: {
    model: { type: "string", default: "offline" },
    only: { type: "string" },
    case: { type: "string" },
    min: { type: "string" },
    report: { type: "string", default: ".data/eval/report.json" },
    verbose: { type: "boolean", default: false },
  },
});

/** offline | openai:<id> (OPENAI_API_KEY) | compatible:<id> (OPENAI_BASE_URL, OPENAI_API_KEY optional). */
function modelFrom(spec: string) {
  const [kind, ...rest] = spec.split(":");
  const id = rest.join(":");
  const env = process.env;
  if (kind === "offline") return resolveChatModel({ AI_MODEL: "offline" });
  if (kind === "openai" && id) {
    if (!env.OPENAI_API_KEY) throw new Error("--model openai:<id> needs OPENAI_API_KEY");
    return resolveChatModel({ OPENAI_API_KEY: env.OPENAI_API_KEY, AI_MODEL: id });
  }
  if (kind === "compatible" && id) {
    if (!env.OPENAI_BASE_URL) throw new Error("--model compatible:<id> needs OPENAI_BASE_URL");
    return resolveChatModel({
      OPENAI_BASE_URL: env.OPENAI_BASE_URL,
      OPENAI_API_KEY: env.OPENAI_API_KEY,
      AI_MODEL: id,
    });
  }
  throw new Error(`--model ${spec}: use offline, openai:<model id> or compatible:<model id>`);
}

const resolved = modelFrom(values.model);
const only = values.only?.split(",").map((s) => s.trim());
const cases = evalCases.filter(
  (c) => (!only || only.includes(c.category)) && (!values.case || c.id === values.case),
);
if (cases.length === 0) throw new Error("no case matches --only / --case");

if (!values.verbose) setLogSink(() => {});
const started = performance.now();
const env = await startEvalEnv();
const setupMs = Math.round(performance.now() - started);
const results: CaseResult[] = [];
try {
  for (const [i, c] of cases.entries()) {
    const r = await runCase(env, resolved.model, resolved, c, i);
    results.push(r);
    if (values.verbose || !r.passed)
      console.log(
        `${r.passed ? "PASS" : "FAIL"} ${r.category}/${r.id}${r.passed ? "" : `: ${r.failures.join("; ")}`}`,
      );
  }
} finally {
  await env.close();
}
const card = scorecard(results);
printScorecard(card, { model: resolved.id, setupMs, totalMs: Math.round(performance.now() - started) });
const uncovered = uncoveredActions(evalCases);
console.log(
  `${evalCases.length} cases; registry actions without a case: ${uncovered.length ? uncovered.join(", ") : "none"}`,
);
mkdirSync(dirname(values.report), { recursive: true });
writeFileSync(
  values.report,
  `${JSON.stringify({ model: resolved.id, seedUsers: EVAL_SEED_USERS, at: new Date().toISOString(), setupMs, uncovered, ...card, cases: results }, null, 2)}\n`,
);
console.log(`report: ${values.report}`);
const min = values.min === undefined ? undefined : Number(values.min);
if (min !== undefined && card.overall.passRate < min) {
  console.error(`pass rate ${(card.overall.passRate * 100).toFixed(1)}% is below ${(min * 100).toFixed(1)}%`);
  process.exitCode = 1;
}
