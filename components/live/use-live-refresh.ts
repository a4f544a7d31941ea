"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { subscribeToChanges } from "@/lib/webhooks/change-events-client";
import { createRefreshScheduler, isRelevantChange, type LiveScope } from "./live-scope";

export type LiveStatus = "connecting" | "live" | "reconnecting";

const RETRY_AFTER_CLOSE_MS = 5_000;

/**
 * Re-renders the page's server components (router.refresh(), a transition: client state such as a
 * half-typed form survives) when a relevant change arrives on /api/events. Hidden tabs refresh once
 * they become visible again.
 */
export function useLiveRefresh(
  scope: LiveScope,
  opts: { debounceMs?: number; maxWaitMs?: number } = {},
): LiveStatus {
  const router = useRouter();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const scopeUser = scope.kind === "user" ? scope.userId : null;
  const debounceMs = opts.debounceMs ?? 400;
  const maxWaitMs = opts.maxWaitMs ?? 3_000;

  useEffect(() => {
    const current: LiveScope = scopeUser ? { kind: "user", userId: scopeUser } : { kind: "users" };
    let dueWhileHidden = false;
    const scheduler = createRefreshScheduler({
      debounceMs,
      maxWaitMs,
      run: () => {
        if (document.visibilityState === "hidden") dueWhileHidden = true;
        else router.refresh();
      },
    });
    const onVisible = () => {
      if (document.visibilityState === "visible" && dueWhileHidden) {
        dueWhileHidden = false;
        router.refresh();
      }
    };
    document.addEventListener("visibilitychange", onVisible);

    let unsubscribe: (() => void) | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let dropped = false;
    const connect = () => {
      unsubscribe = subscribeToChanges(
        (change) => {
          if (isRelevantChange(change, current)) scheduler.trigger();
        },
        "/api/events",
        (s) => {
          if (s === "open") {
            setStatus("live");
            // A fresh EventSource after a give-up has no Last-Event-ID: catch up on what was missed.
            if (dropped) scheduler.trigger();
            dropped = false;
            return;
          }
          dropped = true;
          setStatus("reconnecting");
          if (s === "closed") {
            unsubscribe?.();
            unsubscribe = null;
            retry = setTimeout(connect, RETRY_AFTER_CLOSE_MS);
          }
        },
      );
    };
    connect();
    return () => {
      scheduler.cancel();
      clearTimeout(retry);
      unsubscribe?.();
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [scopeUser, router, debounceMs, maxWaitMs]);

  return status;
}
