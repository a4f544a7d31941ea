"use client";
import { cn } from "@/lib/utils";
import { type LiveStatus, useLiveRefresh } from "./use-live-refresh";

const LABELS: Record<LiveStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
};

export function LiveStatusBadge({ status }: { status: LiveStatus }) {
  return (
    <span
      role="status"
      data-testid="live-indicator"
      data-status={status}
      title={
        status === "live"
          ? "Changes made elsewhere (other admins, the agent, Clerk) appear here without a reload."
          : "Live updates are paused; the page still works and catches up when the connection is back."
      }
      className="inline-flex items-center gap-1.5 rounded-full border border-border bg-card px-2 py-0.5 text-xs text-foreground/80"
    >
      <span
        aria-hidden
        className={cn("size-2 rounded-full", status === "live" ? "bg-success" : "animate-pulse bg-warning")}
      />
      {LABELS[status]}
    </span>
  );
}

/** Drop-in for a page: subscribes for its scope and shows the connection state. */
export function LiveRefresh({ userId, sessions }: { userId?: string; sessions?: boolean }) {
  const status = useLiveRefresh(
    userId ? { kind: "user", userId } : sessions ? { kind: "sessions" } : { kind: "users" },
  );
  return <LiveStatusBadge status={status} />;
}
