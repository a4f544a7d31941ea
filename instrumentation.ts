// Runs once when the server starts: refuse to start with a database that would lose data.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { resolveDbConfig } = await import("@/lib/db/client");
  resolveDbConfig();
}
