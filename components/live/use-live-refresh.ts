"use client";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { subscribeToChanges } from "@/lib/webhooks/change-events-client";
import { createRefreshScheduler, isRelevantChange, type LiveScope } from "./live-scope";

export type LiveStatus = "connecting" | "live" | "reconnecting";

const RETRY_AFTER_CLOSE_MS = 5_000;
// A refresh fired while a navigation (filter, sort, page) is still streaming can supersede it; the
// navigation renders fresh data anyway, so a due refresh waits until the URL has been still this long.
const SETTLE_AFTER_NAVIGATION_MS = 2_500;

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
  const scopeKind = scope.kind;
  const debounceMs = opts.debounceMs ?? 400;
  const maxWaitMs = opts.maxWaitMs ?? 3_000;
  const search = useSearchParams().toString();
  const navigatedAt = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose whenever the URL's query changes
  useEffect(() => {
    navigatedAt.current = Date.now();
  }, [search]);

  useEffect(() => {
    const current: LiveScope = scopeUser
      ? { kind: "user", userId: scopeUser }
      : scopeKind === "sessions"
        ? { kind: "sessions" }
        : { kind: "users" };
    let dueWhileHidden = false;
    let settle: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      const sinceNavigation = Date.now() - navigatedAt.current;
      if (sinceNavigation < SETTLE_AFTER_NAVIGATION_MS) {
        clearTimeout(settle);
        settle = setTimeout(run, SETTLE_AFTER_NAVIGATION_MS - sinceNavigation);
      } else if (document.visibilityState === "hidden") dueWhileHidden = true;
      else router.refresh();
    };
    const scheduler = createRefreshScheduler({ debounceMs, maxWaitMs, run });
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
      clearTimeout(settle);
      unsubscribe?.();
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [scopeUser, scopeKind, router, debounceMs, maxWaitMs]);

  return status;
}
