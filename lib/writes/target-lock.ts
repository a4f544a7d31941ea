// One writer per Clerk target at a time, across every instance of the console: the write executor holds
// this lock around its re-read, audit intent, Clerk write and outcome. Two levels:
// - in this process, a FIFO queue per target (no polling; it is also the only thing that excludes on
//   PGlite, where every query shares one session, so advisory locks there never block anyone);
// - across instances, a lease row in write_locks. A lease rather than an advisory lock so that no pooled
//   connection is held while Clerk answers (a pool of N would otherwise cap, or deadlock, N concurrent
//   writes), and a holder that dies only blocks its target until the lease expires.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { TargetRef } from "@/lib/clerk/define-action";
import type { Db } from "@/lib/db/client";
import { writeLocks } from "@/lib/db/schema";
import { AppError, logger } from "@/lib/errors";

export interface TargetLockOptions {
  /** How long the lease lasts without renewal (renewed every third of it while held). */
  leaseMs?: number;
  /** How long to wait for another writer before refusing with `target_busy`. */
  waitMs?: number;
}

export const TARGET_LOCK_DEFAULTS = { leaseMs: 30_000, waitMs: 20_000 } as const;

/** The lock key of a write's target; null when the target names nothing to serialize on. */
export function targetLockKey(target: TargetRef): string | null {
  const name = target.id ?? target.email?.trim().toLowerCase();
  return name ? `${target.type}:${name}` : null;
}

export function targetBusy(key: string): AppError {
  return new AppError(
    "conflict",
    "Another change to this target is still in progress; nothing was changed. Try again in a moment.",
    { retryable: true, details: { reason: "target_busy", target: key } },
  );
}

// Per database handle, so two handles in one process (tests of several instances) only meet in the store.
const queues = new WeakMap<object, Map<string, Promise<void>>>();

/** Waits for this process's earlier writers of `key`; returns the function that lets the next one in. */
async function localTurn(db: Db, key: string, deadline: number): Promise<() => void> {
  let byKey = queues.get(db);
  if (!byKey) {
    byKey = new Map();
    queues.set(db, byKey);
  }
  const map = byKey;
  const prev = map.get(key) ?? Promise.resolve();
  let leave!: () => void;
  const mine = new Promise<void>((resolve) => {
    leave = resolve;
  });
  const tail = prev.then(() => mine);
  map.set(key, tail);
  const release = () => {
    leave();
    if (map.get(key) === tail) map.delete(key);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), Math.max(0, deadline - Date.now()));
  });
  const first = await Promise.race([prev.then(() => "turn" as const), timedOut]);
  clearTimeout(timer);
  if (first === "timeout") {
    // Give the place up: whoever queued behind this waiter goes as soon as the holder leaves.
    release();
    throw targetBusy(key);
  }
  return release;
}

async function tryLease(db: Db, key: string, owner: string, leaseMs: number): Promise<boolean> {
  const expires = sql`now() + (${leaseMs}::int * interval '1 millisecond')`;
  const rows = await db
    .insert(writeLocks)
    .values({ key, owner, expiresAt: expires })
    .onConflictDoUpdate({
      target: writeLocks.key,
      set: { owner, expiresAt: expires, acquiredAt: sql`now()` },
      setWhere: sql`${writeLocks.expiresAt} < now()`,
    })
    .returning({ owner: writeLocks.owner });
  return rows[0]?.owner === owner;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function acquireLease(db: Db, key: string, owner: string, leaseMs: number, deadline: number) {
  for (let attempt = 0; ; attempt++) {
    if (await tryLease(db, key, owner, leaseMs)) return;
    if (Date.now() >= deadline) throw targetBusy(key);
    const ceiling = Math.min(200, 10 * 2 ** attempt);
    await sleep(Math.min(ceiling / 2 + Math.random() * (ceiling / 2), Math.max(0, deadline - Date.now())));
  }
}

/**
 * Runs `fn` while holding the write lock of `key` (in this process and in the store). Refuses with a
 * `conflict` (`details.reason: "target_busy"`, retryable) when the lock is not free within `waitMs`.
 */
export async function withTargetLock<T>(
  db: Db,
  key: string,
  fn: () => Promise<T>,
  opts: TargetLockOptions = {},
): Promise<T> {
  const leaseMs = Math.round(opts.leaseMs ?? TARGET_LOCK_DEFAULTS.leaseMs);
  const deadline = Date.now() + (opts.waitMs ?? TARGET_LOCK_DEFAULTS.waitMs);
  const leaveLocal = await localTurn(db, key, deadline);
  try {
    const owner = randomUUID();
    await acquireLease(db, key, owner, leaseMs, deadline);
    const renew = setInterval(() => {
      void db
        .update(writeLocks)
        .set({ expiresAt: sql`now() + (${leaseMs}::int * interval '1 millisecond')` })
        .where(and(eq(writeLocks.key, key), eq(writeLocks.owner, owner)))
        .returning({ key: writeLocks.key })
        .then((rows) => {
          if (rows.length === 0) logger.error("writes.lock_lost", { key });
        })
        .catch((err: unknown) => logger.warn("writes.lock_renew_failed", { key, error: err }));
    }, leaseMs / 3);
    renew.unref?.();
    try {
      return await fn();
    } finally {
      clearInterval(renew);
      await db
        .delete(writeLocks)
        .where(and(eq(writeLocks.key, key), eq(writeLocks.owner, owner)))
        .catch((err: unknown) => logger.warn("writes.lock_release_failed", { key, error: err }));
    }
  } finally {
    leaveLocal();
  }
}
