import { type ClerkClient, wrapApiMethods } from "@/lib/clerk/client";
import { logger, toAppError } from "@/lib/errors";
import type { Pacer } from "./pacer";

export interface PacedClerk {
  clerk: ClerkClient;
  /** BAPI requests sent through this client (re-reads and retried 429s included). */
  readonly requests: number;
  /** Requests Clerk answered with 429. */
  readonly rateLimited: number;
  /**
   * Serves the next `users.getUser(id)` from a user read moments ago instead of asking Clerk again
   * (a listed page at planning; the staleness check's read for the write's own pre-write read).
   */
  prime(userId: string, user: unknown): void;
  /** Drops a primed user so the next read goes to Clerk (reconciliation must see fresh state). */
  forget(userId: string): void;
  /**
   * The same client (same pacer, counters and primed users) whose requests are sent only while
   * `allow()` holds when their turn comes; otherwise they fail unsent with {@link NotSentError}.
   */
  gated(allow: () => boolean): ClerkClient;
}

/** A request that was never sent: its gate closed while it waited for the pacer. */
export class NotSentError extends Error {
  constructor(label: string) {
    super(`${label} was not sent: the job stopped issuing writes.`);
    this.name = "NotSentError";
  }
}

const MAX_429_RETRIES = 5;

/**
 * Every Backend API call a job makes goes through the pacer. A 429 means Clerk refused the request
 * before doing anything, so it (read or write) is sent again after Retry-After, and the whole pacer
 * waits too; any other failure propagates (writes are never retried on 5xx or timeouts).
 */
export function pacedClerk(inner: ClerkClient, pacer: Pacer): PacedClerk {
  let requests = 0;
  let rateLimited = 0;
  const primed = new Map<string, unknown>();
  const call = async (fn: () => unknown, label: string, allow?: () => boolean): Promise<unknown> => {
    for (let attempt = 0; ; attempt++) {
      await pacer.acquire();
      // Checked after the wait for a slot, right before sending: a gate closed meanwhile still holds.
      if (allow && !allow()) throw new NotSentError(label);
      requests++;
      try {
        return await fn();
      } catch (raw) {
        const err = toAppError(raw);
        if (err.code !== "rate_limited" || attempt >= MAX_429_RETRIES) throw raw;
        rateLimited++;
        pacer.backOff(err.retryAfter ?? 1);
        logger.warn("jobs.rate_limited", { label, retryAfter: err.retryAfter ?? 1 });
      }
    }
  };
  const wrap = (allow?: () => boolean): ClerkClient =>
    wrapApiMethods(inner, ({ run, label, namespace, method, args }) => {
      const userId =
        namespace === "users" && method === "getUser" && typeof args[0] === "string" ? args[0] : null;
      const hit = userId === null ? undefined : primed.get(userId);
      if (userId !== null && hit !== undefined) {
        primed.delete(userId);
        return Promise.resolve(hit);
      }
      const out = call(run, label, allow);
      if (userId === null) return out;
      return out.then((user) => {
        primed.set(userId, user);
        return user;
      });
    });
  const clerk = wrap();
  return {
    clerk,
    get requests() {
      return requests;
    },
    get rateLimited() {
      return rateLimited;
    },
    prime: (userId, user) => {
      primed.set(userId, user);
    },
    forget: (userId) => {
      primed.delete(userId);
    },
    gated: (allow) => wrap(allow),
  };
}
