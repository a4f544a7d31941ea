import type { ChangeNotice } from "@/lib/webhooks/change-events-client";

/**
 * What a page shows: the users list (any user change, index resyncs), one user (only their events) or
 * the sessions page (sign-ins and session ends, a backfill).
 */
export type LiveScope = { kind: "users" } | { kind: "user"; userId: string } | { kind: "sessions" };

export const INDEX_RESYNCED = "index.resynced";
export const SIGN_INS_BACKFILLED = "sign_ins.backfilled";

export function isRelevantChange(change: ChangeNotice, scope: LiveScope): boolean {
  if (scope.kind === "user") return change.userId === scope.userId;
  if (scope.kind === "sessions")
    return change.kind.startsWith("session.") || change.kind === SIGN_INS_BACKFILLED;
  return change.kind.startsWith("user.") || change.kind === INDEX_RESYNCED;
}

export interface RefreshScheduler {
  trigger(): void;
  cancel(): void;
}

/**
 * Trailing debounce with a ceiling: a burst of events (a bulk job) becomes one refresh, and a steady
 * stream still refreshes every `maxWaitMs` instead of never.
 */
export function createRefreshScheduler(opts: {
  run: () => void;
  debounceMs: number;
  maxWaitMs: number;
  now?: () => number;
}): RefreshScheduler {
  const now = opts.now ?? Date.now;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstAt: number | null = null;
  const fire = () => {
    timer = undefined;
    firstAt = null;
    opts.run();
  };
  return {
    trigger() {
      const t = now();
      firstAt ??= t;
      if (timer !== undefined) clearTimeout(timer);
      const wait = Math.max(0, Math.min(opts.debounceMs, firstAt + opts.maxWaitMs - t));
      timer = setTimeout(fire, wait);
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      firstAt = null;
    },
  };
}
