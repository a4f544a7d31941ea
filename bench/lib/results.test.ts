import { describe, expect, it } from "vitest";
import { type BenchRun, mergeRuns, replaceGeneratedBlock, resultsMarkdown } from "./results";

const machine = { cpus: 2, cpuModel: "cpu", node: "v24.21.0", loadavg: [1], loadavgAfter: [2] };
const run = (script: string, date: string, value: number): BenchRun => ({
  script,
  date,
  users: 100_000,
  machine,
  exitCode: 0,
  seconds: 3,
  figures: [
    {
      bench: script.replace("-bench.ts", ""),
      name: "ratio",
      value,
      unit: "x",
      target: { op: ">=", value: 5 },
    },
  ],
});

describe("bench results", () => {
  it("a partial run replaces its scripts' entries, keeps the others and drops scripts that are gone", () => {
    const old = {
      runs: [
        run("a-bench.ts", "2026-11-26", 1),
        run("b-bench.ts", "2026-11-26", 2),
        run("gone-bench.ts", "2026-11-26", 3),
      ],
    };
    const merged = mergeRuns(old, [run("b-bench.ts", "2026-12-06", 7)], ["a-bench.ts", "b-bench.ts"]);
    expect(merged.runs.map((r) => [r.script, r.date, r.figures[0]?.value])).toEqual([
      ["a-bench.ts", "2026-11-26", 1],
      ["b-bench.ts", "2026-12-06", 7],
    ]);
  });

  it("marks a missed target and replaces the generated block in place", () => {
    const body = resultsMarkdown({ runs: [run("a-bench.ts", "2026-12-06T10:00:00Z", 4)] });
    expect(body).toContain("| ratio | 4 x | >= 5 | **no** |");
    const once = replaceGeneratedBlock("# Performance\n\nintro\n", body);
    const twice = replaceGeneratedBlock(`${once}\n## history\n`, "new body");
    expect(twice).toContain("new body");
    expect(twice).not.toContain("| ratio |");
    expect(twice.indexOf("intro")).toBeLessThan(twice.indexOf("new body"));
    expect(twice.trimEnd().endsWith("## history")).toBe(true);
  });
});
