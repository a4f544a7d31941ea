// `npm run db:migrate`: applies pending migrations to DATABASE_URL (PostgreSQL) or the PGlite folder
// DATABASE_DIR; with the PostgreSQL workflow world (lib/workflow/world), also creates its tables.
import { bootstrapPostgresWorld } from "@/lib/workflow/boot";
import { selectWorkflowWorld } from "@/lib/workflow/world";
import { DatabaseConfigError, openDb, resolveDbConfig } from "./client";

async function main(): Promise<void> {
  const config = resolveDbConfig();
  const handle = await openDb(config);
  console.log(`[db] migrations applied (${handle.driver}: ${handle.location})`);
  await handle.close();
  if (selectWorkflowWorld() === "postgres") {
    await bootstrapPostgresWorld();
    console.log("[db] workflow engine tables (PostgreSQL world) in place");
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof DatabaseConfigError ? `[db] ${err.message}` : err);
  process.exit(1);
});
