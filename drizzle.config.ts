import { defineConfig } from "drizzle-kit";

// `drizzle-kit generate` only diffs the schema against lib/db/migrations; it needs no database.
// Migrations are applied by the app on first use or by `npm run db:migrate`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./lib/db/migrations",
});
