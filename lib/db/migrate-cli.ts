// `npm run db:migrate`: applies pending migrations to DATABASE_URL (PostgreSQL) or the PGlite folder DATABASE_DIR.
import { DatabaseConfigError, openDb, resolveDbConfig } from "./client";

async function main(): Promise<void> {
  const config = resolveDbConfig();
  const handle = await openDb(config);
  console.log(`[db] migrations applied (${handle.driver}: ${handle.location})`);
  await handle.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof DatabaseConfigError ? `[db] ${err.message}` : err);
  process.exit(1);
});
