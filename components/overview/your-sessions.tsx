import { SessionList } from "@/components/shell/session-list";
import { Skeleton } from "@/components/ui/skeleton";
import type { ConsoleAuth } from "@/lib/auth";
import { can } from "@/lib/auth";
import { getClerkClient } from "@/lib/clerk/client";
import { OverviewError } from "./overview-error";

/** Async server component: the signed-in admin's own active sessions (1 BAPI request). */
export async function YourSessions({ me }: { me: ConsoleAuth }) {
  let sessions: Awaited<ReturnType<ReturnType<typeof getClerkClient>["sessions"]["getSessionList"]>>;
  try {
    sessions = await getClerkClient().sessions.getSessionList({ userId: me.userId, status: "active" });
  } catch (err) {
    return <OverviewError what="your sessions" error={err} />;
  }
  return (
    <SessionList
      canRevoke={can(me.role, "write")}
      currentSessionId={me.sessionId}
      sessions={sessions.data.map((s) => ({ id: s.id, lastActiveAt: s.lastActiveAt, expireAt: s.expireAt }))}
    />
  );
}

export function YourSessionsSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading your sessions" className="grid gap-2">
      <Skeleton className="h-10 w-full" />
      <Skeleton className="h-10 w-full" />
    </div>
  );
}
