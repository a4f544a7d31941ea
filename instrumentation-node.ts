import { resolveDbConfig } from "@/lib/db/client";

// Refuse to start with a database that would lose data (on Vercel without DATABASE_URL) instead of
// serving 500s from a half-prepared server.
try {
  resolveDbConfig();
} catch (err) {
  console.error(`Refusing to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
