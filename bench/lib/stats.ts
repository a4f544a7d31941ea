import { cpus, loadavg } from "node:os";

/** Nearest-rank percentile (q in 0..1). */
export function pct(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number;
}

export const median = (xs: readonly number[]) => pct(xs, 0.5);

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export function machine() {
  const c = cpus();
  return {
    cpus: c.length,
    cpuModel: c[0]?.model ?? "unknown",
    loadavg: loadavg().map((x) => round(x, 1)),
    node: process.version,
  };
}

export const loadLine = () =>
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")} on ${cpus().length} CPUs`;
