// Starts the Workflow SDK's world with the server. The PostgreSQL world's tables are created first (its
// own `bootstrap`, idempotent) and its queue worker (graphile-worker) starts inside this process; the
// local world re-enqueues the runs a stopped server left active; Vercel's world needs neither.
// No "server-only": instrumentation-node.ts imports this.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
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
