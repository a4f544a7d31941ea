import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SIGN_INS_BACKFILLED_KIND } from "@/lib/sign-ins/backfill";
import { createRefreshScheduler, isRelevantChange, SIGN_INS_BACKFILLED } from "./live-scope";

describe("isRelevantChange", () => {
  const users = { kind: "users" } as const;
  const one = { kind: "user", userId: "user_a" } as const;
  it("users list: user events and index resyncs, not sessions or invitations", () => {
    expect(isRelevantChange({ id: 1, kind: "user.updated", userId: "user_b" }, users)).toBe(true);
    expect(isRelevantChange({ id: 2, kind: "user.deleted", userId: "user_b" }, users)).toBe(true);
    expect(isRelevantChange({ id: 3, kind: "index.resynced", userId: null }, users)).toBe(true);
    expect(isRelevantChange({ id: 4, kind: "session.created", userId: "user_b" }, users)).toBe(false);
    expect(isRelevantChange({ id: 5, kind: "invitation.created", userId: null }, users)).toBe(false);
  });
  it("one user: only events about that user, of any kind", () => {
    expect(isRelevantChange({ id: 1, kind: "user.updated", userId: "user_a" }, one)).toBe(true);
    expect(isRelevantChange({ id: 2, kind: "session.revoked", userId: "user_a" }, one)).toBe(true);
    expect(isRelevantChange({ id: 3, kind: "user.updated", userId: "user_b" }, one)).toBe(false);
    expect(isRelevantChange({ id: 4, kind: "index.resynced", userId: null }, one)).toBe(false);
  });
  it("sessions page: session events of anyone and a sign-in backfill, not user or invitation events", () => {
    const sessions = { kind: "sessions" } as const;
    expect(isRelevantChange({ id: 1, kind: "session.created", userId: "user_b" }, sessions)).toBe(true);
    expect(isRelevantChange({ id: 2, kind: "session.revoked", userId: "user_c" }, sessions)).toBe(true);
    expect(isRelevantChange({ id: 3, kind: SIGN_INS_BACKFILLED, userId: null }, sessions)).toBe(true);
    expect(isRelevantChange({ id: 4, kind: "user.updated", userId: "user_b" }, sessions)).toBe(false);
    expect(isRelevantChange({ id: 5, kind: "invitation.created", userId: null }, sessions)).toBe(false);
    expect(SIGN_INS_BACKFILLED).toBe(SIGN_INS_BACKFILLED_KIND);
  });
});

describe("createRefreshScheduler", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("coalesces a burst into one trailing run", () => {
    const run = vi.fn();
    const s = createRefreshScheduler({ run, debounceMs: 300, maxWaitMs: 2000, now: () => Date.now() });
    for (let i = 0; i < 5; i++) {
      s.trigger();
      vi.advanceTimersByTime(100);
    }
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("a steady stream still runs by maxWait", () => {
    const run = vi.fn();
    const s = createRefreshScheduler({ run, debounceMs: 300, maxWaitMs: 1000, now: () => Date.now() });
    for (let i = 0; i < 12; i++) {
      s.trigger();
      vi.advanceTimersByTime(100);
    }
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("cancel drops a pending run", () => {
    const run = vi.fn();
    const s = createRefreshScheduler({ run, debounceMs: 300, maxWaitMs: 1000 });
    s.trigger();
    s.cancel();
    vi.advanceTimersByTime(2000);
    expect(run).not.toHaveBeenCalled();
  });
});
