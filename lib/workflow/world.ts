// Which Workflow SDK "world" (storage + queue) runs durable work, chosen from the console's own settings
// so nobody configures the engine separately: Vercel's world on Vercel, the PostgreSQL world when the
// console stores its data in PostgreSQL, and the embedded local world (files next to the PGlite folder)
// otherwise. The SDK reads these variables when it first creates its world, so this runs before that:
// from next.config.ts (build and `next start`) and from instrumentation-node.ts (any server).
import path from "node:path";

export type WorkflowWorld = "vercel" | "postgres" | "local";

type Env = Record<string, string | undefined>;

const POSTGRES_WORLD = "@workflow/world-postgres";
const DEFAULT_DB_DIR = ".data/db";
const MEMORY_DIRS = new Set([":memory:", "memory://", "memory"]);

/** The local world's folder: a sibling of the PGlite folder (`.data/db` -> `.data/workflow`), never `.next/`. */
export function localWorldDataDir(env: Env): string {
  const dbDir = env.DATABASE_DIR?.trim() || DEFAULT_DB_DIR;
  const base = MEMORY_DIRS.has(dbDir) ? DEFAULT_DB_DIR : dbDir;
  return path.resolve(/* turbopackIgnore: true */ path.dirname(path.resolve(base)), "workflow");
}

/** The world these settings select; an explicit WORKFLOW_TARGET_WORLD wins. */
export function workflowWorldFor(env: Env): WorkflowWorld {
  const explicit = env.WORKFLOW_TARGET_WORLD?.trim();
  if (explicit === "vercel" || explicit === "@workflow/world-vercel") return "vercel";
  if (explicit === POSTGRES_WORLD) return "postgres";
  if (explicit === "local") return "local";
  if (env.VERCEL || env.VERCEL_DEPLOYMENT_ID) return "vercel";
  return env.DATABASE_URL?.trim() ? "postgres" : "local";
}

/** Sets the SDK's variables for the selected world (only those not set already) and returns it. */
export function selectWorkflowWorld(env: Env = process.env): WorkflowWorld {
  const world = workflowWorldFor(env);
  if (world === "vercel") env.WORKFLOW_TARGET_WORLD ??= "vercel";
  else if (world === "postgres") {
    env.WORKFLOW_TARGET_WORLD ??= POSTGRES_WORLD;
    env.WORKFLOW_POSTGRES_URL ??= env.DATABASE_URL?.trim();
  } else {
    env.WORKFLOW_TARGET_WORLD ??= "local";
    env.WORKFLOW_LOCAL_DATA_DIR ??= localWorldDataDir(env);
  }
  return world;
}
