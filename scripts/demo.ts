// `npm run demo`: Local Clerk (seeded, persisted in .data/demo) + the console as a production build
// (`next build` once per source fingerprint, then `next start`) on http://localhost:3000.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { appEnvForLocalClerk, LOCAL_WEBHOOK_SECRET, SEEDED_ACCOUNTS } from "../local-clerk/src/app-env";
import { type LocalClerkHandle, startLocalClerk } from "../local-clerk/src/index";
import { credentialLines, type DemoOptions, parseDemoArgs, sourceFingerprint } from "./demo-support";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

function fail(message: string): never {
  console.error(`demo: ${message}`);
  process.exit(1);
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [nextBin, ...args], { cwd: root, env, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function buildIfNeeded(opts: DemoOptions, env: NodeJS.ProcessEnv, appEnv: Record<string, string>) {
  const dist = path.join(root, opts.distDir);
  const stamp = path.join(dist, ".demo-fingerprint");
  const fingerprint = sourceFingerprint(root, appEnv);
  const current =
    existsSync(path.join(dist, "BUILD_ID")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === fingerprint;
  if (current && !opts.rebuild) {
    console.log(`demo: reusing the production build in ${opts.distDir} (sources unchanged)`);
    return;
  }
  console.log(
    `demo: building the console (next build -> ${opts.distDir}); this takes a minute the first time…`,
  );
  const code = await run(["build"], env);
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  writeFileSync(stamp, fingerprint);
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) fail(`next start exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  fail(`the console did not answer ${url} within ${timeoutMs / 1000} s`);
}

async function main() {
  console.log(`demo: Node ${process.version}`);
  let opts: DemoOptions;
  try {
    opts = parseDemoArgs(process.argv.slice(2));
  } catch (err) {
    fail(
      `${(err as Error).message}\nusage: npm run demo -- [--reset] [--rebuild] [--port 3000] [--clerk-port 4500] [--seed-users 500]`,
    );
  }
  const dataDir = path.resolve(root, opts.dataDir);
  if (opts.reset) rmSync(dataDir, { recursive: true, force: true });

  const appUrl = `http://localhost:${opts.port}`;
  const webhookRoute = path.join(root, "app", "api", "webhooks", "clerk", "route.ts");
  let clerk: LocalClerkHandle;
  try {
    clerk = await startLocalClerk({
      port: opts.clerkPort,
      dataDir: path.join(dataDir, "local-clerk"),
      seedUsers: opts.seedUsers,
      webhookUrl: existsSync(webhookRoute) ? `${appUrl}/api/webhooks/clerk` : undefined,
      webhookSecret: LOCAL_WEBHOOK_SECRET,
      quiet: true,
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    fail(
      e.code === "EADDRINUSE"
        ? `port ${opts.clerkPort} is in use; pass --clerk-port`
        : `Local Clerk failed: ${e.message}`,
    );
  }
  console.log(`demo: Local Clerk on ${clerk.url} (${clerk.state.users.size} users, data in ${opts.dataDir})`);

  const appEnv = appEnvForLocalClerk(clerk.port);
  // The demo always talks to Local Clerk, whatever Clerk keys the shell happens to export.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...appEnv,
    NEXT_DIST_DIR: opts.distDir,
    DATABASE_DIR: process.env.DATABASE_DIR ?? path.join(dataDir, "db"),
    PORT: String(opts.port),
  };

  let next: ChildProcess | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (next && next.exitCode === null) next.kill("SIGTERM");
    await clerk.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    await buildIfNeeded(opts, env, appEnv);
  } catch (err) {
    await clerk.stop();
    fail((err as Error).message);
  }
  if (stopping) return;

  next = spawn(process.execPath, [nextBin, "start", "-p", String(opts.port)], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  next.on("exit", (code) => {
    if (!stopping) {
      console.error(`demo: the console exited (code ${code}); stopping Local Clerk`);
      void shutdown(code ?? 1);
    }
  });
  await waitForHealth(`${appUrl}/api/health`, next);

  console.log("");
  console.log(`Clerk Admin Console: ${appUrl}`);
  console.log("Sign in with a seeded account:");
  for (const line of credentialLines(SEEDED_ACCOUNTS)) console.log(line);
  console.log("");
  console.log(
    `Ctrl-C stops both. State persists in ${opts.dataDir}; \`npm run demo -- --reset\` starts fresh.`,
  );
}

void main();
