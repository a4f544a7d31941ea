// `npm run index:resync`: rebuilds the public-metadata index from Clerk's Backend API (CLERK_SECRET_KEY,
// optional CLERK_API_URL) into the configured store (DATABASE_URL or DATABASE_DIR).
import { createClerkClient } from "@clerk/backend";
import { closeDb, getDb } from "@/lib/db/client";
import { resyncMetadataIndex } from "./metadata-index";

async function main(): Promise<void> {
  const secretKey = process.env.CLERK_SECRET_KEY;
  if (!secretKey) throw new Error("CLERK_SECRET_KEY is not set");
  const clerk = createClerkClient({ secretKey, apiUrl: process.env.CLERK_API_URL });
  const db = await getDb();
  const result = await resyncMetadataIndex(clerk, {
    db,
    onPage: (seen, total) => console.log(`[index] ${seen}/${total} users`),
  });
  console.log(`[index] resync done: ${result.users} users indexed, ${result.removed} stale rows removed`);
}

main()
  .catch((err: unknown) => {
    console.error("[index] resync failed:", err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
