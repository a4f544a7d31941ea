// Starts the Workflow SDK's world with the server. The PostgreSQL world's tables are created first (its
// own `bootstrap`, idempotent) and its queue worker (graphile-worker) starts inside this process; the
// local world re-enqueues the runs a stopped server left active; Vercel's world needs neither.
// Then the durable work recorded in the console's database is checked for a live run (bulk jobs, automation
// firings), retried while the database or the world cannot be reached yet.
// No "server-only": instrumentation-node.ts imports this.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { type Db, getDb } from "@/lib/db/client";
import { logger } from "@/lib/errors";
import { selectWorkflowWorld, type WorkflowWorld } from "./world";

/** Runs `@workflow/world-postgres`'s bootstrap (its migrations + graphile-worker's schema) on WORKFLOW_POSTGRES_URL. */
export function bootstrapPostgresWorld(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const require = createRequire(path.join(process.cwd(), "index.js"));
  const main = require.resolve("@workflow/world-postgres");
  const setup = path.join(path.dirname(main), "..", "bin", "setup.js");
  return new Promise((resolve, reject) => {
    let out = "";
    const child = spawn(process.execPath, [setup], { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", (d) => {
      out += d;
    });
    child.stderr?.on("data", (d) => {
      out += d;
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`workflow postgres bootstrap exited ${code}: ${out.slice(-500)}`)),
    );
  });
}

export async function startWorkflowWorld(): Promise<WorkflowWorld> {
  const world = selectWorkflowWorld();
  if (world === "postgres") await bootstrapPostgresWorld();
  const { getWorld } = await import("workflow/runtime");
  await getWorld().start?.();
  logger.info("workflow.world_started", { world });
  return world;
}

/** Starts the world, then each resumer (idempotent: each starts runs only for work without a live one). */
export function startWorkflowsAtBoot(
  resumers: readonly ((db: Db) => Promise<unknown>)[],
  retryMs = 10_000,
): void {
  let worldStarted = false;
  const attempt = async () => {
    try {
      if (!worldStarted) await startWorkflowWorld();
      worldStarted = true;
      const db = await getDb();
      for (const resume of resumers) await resume(db);
    } catch (err) {
      logger.error("workflow.boot_failed", { error: err instanceof Error ? err.message : String(err) });
      setTimeout(() => void attempt(), retryMs).unref();
    }
  };
  void attempt();
}
