// The scorecard: pass rate overall and per category, with steps, tokens and time per task.
import { actionList } from "@/lib/clerk/registry";
import type { CaseResult } from "./run-cases";
import type { EvalCase } from "./types";

/** Registry actions no case expects a call or proposal of (nor names in `covers`). */
export function uncoveredActions(cases: EvalCase[]): string[] {
  const named = new Set<string>();
  for (const c of cases) {
    for (const a of c.covers ?? []) named.add(a);
    for (const t of c.turns) {
      for (const e of [...(t.calls ?? []), ...(t.proposals ?? []), ...(t.proposalsAnyOf ?? []).flat()])
        named.add(e.tool);
      if (t.bulkPlan) named.add("proposeBulkJob");
    }
  }
  return actionList.map((a) => a.name).filter((n) => !named.has(n));
}

export interface Score {
  cases: number;
  passed: number;
  passRate: number;
  stepsPerTask: number;
  tokensPerTask: number;
  msPerTask: number;
}

function score(rs: CaseResult[]): Score {
  const n = rs.length || 1;
  const sum = (f: (r: CaseResult) => number) => rs.reduce((a, r) => a + f(r), 0);
  const passed = rs.filter((r) => r.passed).length;
  return {
    cases: rs.length,
    passed,
    passRate: passed / n,
    stepsPerTask: sum((r) => r.steps) / n,
    tokensPerTask: sum((r) => r.inputTokens + r.outputTokens) / n,
    msPerTask: sum((r) => r.ms) / n,
  };
}

export function scorecard(results: CaseResult[]) {
  const categories = [...new Set(results.map((r) => r.category))];
  return {
    overall: score(results),
    categories: Object.fromEntries(
      categories.map((c) => [c, score(results.filter((r) => r.category === c))]),
    ),
    failed: results.filter((r) => !r.passed).map((r) => ({ id: r.id, failures: r.failures })),
  };
}

function row(name: string, s: Score): string {
  const pct = `${(s.passRate * 100).toFixed(1)}%`;
  return `| ${name.padEnd(16)} | ${`${s.passed}/${s.cases}`.padStart(7)} | ${pct.padStart(6)} | ${s.stepsPerTask.toFixed(1).padStart(5)} | ${Math.round(s.tokensPerTask).toString().padStart(7)} | ${Math.round(s.msPerTask).toString().padStart(6)} |`;
}

export function printScorecard(
  card: ReturnType<typeof scorecard>,
  meta: { model: string; setupMs: number; totalMs: number },
): void {
  console.log(`\nEval scorecard, model ${meta.model} (setup ${meta.setupMs} ms, total ${meta.totalMs} ms)`);
  console.log("| category         |  passed |   rate | steps |  tokens | ms/task |");
  console.log("| ---------------- | ------: | -----: | ----: | ------: | ------: |");
  for (const [name, s] of Object.entries(card.categories)) console.log(row(name, s));
  console.log(row("overall", card.overall));
  console.log("(steps, tokens and time are per task: model calls, input + output tokens the model reported)");
}
