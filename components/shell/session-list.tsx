"use client";

import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/users/format";
import { RevokeSessionButton } from "@/components/users/revoke-session-button";

export interface SessionRow {
  id: string;
  lastActiveAt: number;
  expireAt: number;
}

export function SessionList({
  sessions,
  currentSessionId,
  canRevoke,
}: {
  sessions: SessionRow[];
  currentSessionId: string | null;
  canRevoke: boolean;
}) {
  if (sessions.length === 0) return <p className="text-sm text-muted-foreground">No active sessions.</p>;
  return (
    <ul className="divide-y divide-border" data-testid="session-list">
      {sessions.map((s) => (
        <li
          key={s.id}
          className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
          data-session-id={s.id}
        >
          <div className="min-w-0">
            <span className="font-mono text-xs">{s.id}</span>
            {s.id === currentSessionId && (
              <Badge variant="secondary" className="ml-2">
                This device
              </Badge>
            )}
            <div className="text-muted-foreground">
              Last active {formatDateTime(s.lastActiveAt)} · expires {formatDateTime(s.expireAt)}
            </div>
          </div>
          {s.id !== currentSessionId && (
            <RevokeSessionButton sessionId={s.id} canRevoke={canRevoke} testId={`revoke-session-${s.id}`} />
          )}
        </li>
      ))}
    </ul>
  );
}
