// A real `next start` of the console's production build against a given Local Clerk, plus an admin
// session minted through Local Clerk's FAPI (the same sign-in ClerkJS performs), for benchmarks.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { appEnvForLocalClerk, SEEDED_ACCOUNTS } from "../../local-clerk/src/app-env";
import { signInOverFapi } from "../../local-clerk/src/fapi/test-client";

export const BENCH_DIST_DIR = process.env.BENCH_DIST_DIR || ".next-bench";

function exec(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "inherit", "inherit"], env });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`)),
    );
  });
}

/**
 * Builds into BENCH_DIST_DIR unless a build is there already and `rebuild` is false. Only bench/run.ts
 * passes BENCH_REBUILD=1 through here, once, before it starts the scripts.
 */
export async function ensureBuild(rebuild = false): Promise<void> {
  if (!rebuild && existsSync(join(BENCH_DIST_DIR, "BUILD_ID"))) return;
  console.error(`building the console into ${BENCH_DIST_DIR} (next build) ...`);
  await exec("npx", ["next", "build"], {
    ...appEnvForLocalClerk(),
    ...process.env,
    NEXT_DIST_DIR: BENCH_DIST_DIR,
    NEXT_TELEMETRY_DISABLED: "1",
  });
}

export interface ConsoleServer {
  url: string;
  /** CPU time (user + system) used so far by every process of the server (Linux /proc), in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** Sums utime + stime of every process whose process group is `pgid`. */
export function processGroupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the parenthesised command name: state ppid pgrp ... utime(14) stime(15).
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // process exited meanwhile
    }
  }
  return ticks * TICK_MS;
}

/** The Node 24 the project pins (npm scripts put it first on PATH) and the machine's own Node. */
export const NODE_BINARIES: Record<string, string> = {
  "24": "node_modules/.bin/node",
  "20": "/usr/bin/node",
};

export function nodeVersion(binary: string): string {
  return execFileSync(binary, ["-v"], { encoding: "utf8" }).trim();
}

export async function startConsoleServer(opts: {
  localClerkPort: number;
  port: number;
  dataDir: string;
  /** Build folder; BENCH_DIST_DIR by default. An absolute path runs the project it sits in. */
  distDir?: string;
  /** Node binary that runs `next start`; node_modules/.bin/node (Node 24) by default. */
  node?: string;
  env?: Record<string, string>;
}): Promise<ConsoleServer> {
  mkdirSync(opts.dataDir, { recursive: true });
  const url = `http://localhost:${opts.port}`;
  const nextBin = join("node_modules", "next", "dist", "bin", "next");
  const node = resolve(opts.node ?? NODE_BINARIES["24"]!);
  const distDir = opts.distDir ?? BENCH_DIST_DIR;
  const cwd = isAbsolute(distDir) ? dirname(distDir) : process.cwd();
  const child: ChildProcess = spawn(node, [nextBin, "start", "-p", String(opts.port)], {
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
    cwd,
    env: {
      ...process.env,
      ...appEnvForLocalClerk(opts.localClerkPort),
      NEXT_DIST_DIR: isAbsolute(distDir) ? basename(distDir) : distDir,
      DATABASE_DIR: resolve(opts.dataDir, "db"),
      NODE_ENV: "production",
      ...opts.env,
    },
  });
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    const gone = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid, "SIGTERM");
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5_000))]);
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error("next start exited before it answered");
    try {
      if ((await fetch(`${url}/sign-in`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error("next start did not answer within 120 s");
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const pgid = child.pid ?? -1;
  return { url, stop, cpuMs: () => processGroupCpuMs(pgid) };
}

/**
 * Signs the seeded admin in through Local Clerk's FAPI with a password (what <SignIn/> does) and
 * returns the Cookie header the browser would send to the app: __session (the session JWT) and
 * __client_uat. The token lives as long as Local Clerk's token TTL; call again to refresh.
 */
export async function adminSessionCookie(localClerkUrl: string, appOrigin: string): Promise<string> {
  const admin = SEEDED_ACCOUNTS.find((a) => a.role === "admin");
  if (!admin) throw new Error("no seeded admin");
  return signInOverFapi(localClerkUrl, appOrigin, admin.email, admin.password);
}
