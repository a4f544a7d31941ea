import type { ClerkClient } from "../client";

/** Ids of a user's active sessions, sorted (a stable snapshot part). */
export async function activeSessionIds(clerk: ClerkClient, userId: string): Promise<string[]> {
  const list = await clerk.sessions.getSessionList({ userId, status: "active", limit: 500 });
  return list.data.map((s) => s.id).sort();
}
