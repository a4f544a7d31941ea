// Test-only: the console's production build under `next start` as a child process (its own process
// group, so SIGKILL takes the whole server down at once), for the suites that kill and restart it.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");

export interface ConsoleServer {
  child: ChildProcess;
  output: () => string;
  exited: Promise<unknown>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Fails clearly when there is no production build to start (scripts/test.sh builds before these suites). */
export function requireBuild(env: NodeJS.ProcessEnv = process.env): void {
  const dist = env.NEXT_DIST_DIR ?? ".next";
  if (!existsSync(path.join(dist, "BUILD_ID")))
    throw new Error(
      `no production build in ${dist}: run \`npx tsx scripts/with-local-env.ts npx next build\` first`,
    );
}

export function startConsole(port: number, env: NodeJS.ProcessEnv): ConsoleServer {
  let out = "";
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port)], {
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  return { child, output: () => out, exited: new Promise((r) => child.once("exit", r)) };
}

export async function killConsole(c: ConsoleServer): Promise<void> {
  if (c.child.pid === undefined || c.child.exitCode !== null || c.child.signalCode !== null) return;
  process.kill(-c.child.pid, "SIGKILL");
  await c.exited;
}
