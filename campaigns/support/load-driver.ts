// A small bounded load driver (no autocannon here): N concurrent sessions each run a scenario in a loop
// until the time or the request budget runs out; every request's status and latency is recorded.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

export interface Sample {
  name: string;
  status: number;
  ms: number;
  error?: string;
}

export type Step = { name: string; run: () => Promise<{ status: number; ok: boolean; detail?: string }> };

export async function runLoad<S>(opts: {
  sessions: S[];
  durationMs: number;
  maxRequests: number;
  steps: (session: S, iteration: number) => Step[];
}): Promise<Sample[]> {
  const samples: Sample[] = [];
  const deadline = Date.now() + opts.durationMs;
  let issued = 0;
  await Promise.all(
    opts.sessions.map(async (session) => {
      // Every session completes at least one full round of steps, however slow the server is.
      for (let it = 0; it === 0 || (Date.now() < deadline && issued < opts.maxRequests); it++) {
        for (const step of opts.steps(session, it)) {
          if (it > 0 && (Date.now() >= deadline || issued >= opts.maxRequests)) return;
          issued++;
          const t0 = performance.now();
          try {
            const r = await step.run();
            const ms = performance.now() - t0;
            samples.push({
              name: step.name,
              status: r.status,
              ms,
              ...(r.ok ? {} : { error: r.detail ?? `status ${r.status}` }),
            });
          } catch (err) {
            samples.push({ name: step.name, status: 0, ms: performance.now() - t0, error: String(err) });
          }
        }
      }
    }),
  );
  return samples;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export function summarize(samples: Sample[]) {
  const names = [...new Set(samples.map((s) => s.name))];
  return names.map((name) => {
    const ms = samples.filter((s) => s.name === name).map((s) => s.ms);
    return {
      name,
      requests: ms.length,
      errors: samples.filter((s) => s.name === name && s.error).length,
      p50: Math.round(percentile(ms, 50)),
      p95: Math.round(percentile(ms, 95)),
    };
  });
}

/** The pid of the process listening on a TCP port (Linux /proc: socket inode -> owning process). */
export function pidListeningOn(port: number): number | undefined {
  const inodes = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      const local = f[1];
      if (!local || f[3] !== "0A") continue;
      if (Number.parseInt(local.split(":").at(-1) ?? "", 16) === port && f[9]) inodes.add(f[9]);
    }
  }
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m?.[1] && inodes.has(m[1])) return Number(pid);
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return undefined;
}

/** Resident set size of a process in MB (VmRSS from /proc/<pid>/status). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m?.[1]) throw new Error(`no VmRSS for ${pid}`);
  return Math.round(Number(m[1]) / 1024);
}
