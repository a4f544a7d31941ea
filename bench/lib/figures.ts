import { pathToFileURL } from "node:url";

/** One reported number. `target` is the goal in words, e.g. "<= 20"; compared by the runner. */
export interface Figure {
  bench: string;
  name: string;
  value: number;
  unit: string;
  target?: { op: "<=" | ">="; value: number };
  note?: string;
}

/** Line prefix bench/run.ts looks for in each script's stdout. */
export const RESULT_PREFIX = "BENCH_RESULT ";

export function printFigures(figures: Figure[]): void {
  for (const f of figures) console.log(`${RESULT_PREFIX}${JSON.stringify(f)}`);
}

export function meetsTarget(f: Figure): boolean | undefined {
  if (!f.target) return undefined;
  return f.target.op === "<=" ? f.value <= f.target.value : f.value >= f.target.value;
}

/** True when the module at `metaUrl` is the script node was started with (not imported by the runner). */
export function isMain(metaUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(entry).href === metaUrl;
}

/** Runs a bench's `run()` as a script: prints its figures for the runner, exits non-zero on a crash. */
export function runAsScript(metaUrl: string, run: () => Promise<Figure[]>): void {
  if (!isMain(metaUrl)) return;
  run().then(
    (figures) => {
      printFigures(figures);
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
