// Test-only: boots a real Local Clerk in-process and a real @clerk/backend client pointed at it.

import { expect } from "vitest";
import { actionContext } from "@/lib/clerk/action-context";
import { AppError } from "@/lib/errors";
import { LOCAL_SECRET_KEY } from "@/local-clerk/src/app-env";
import { type LocalClerkHandle, type RequestLogEntry, startLocalClerk } from "@/local-clerk/src/index";
import { createClerkClientFor } from "../../lib/clerk/client";
import type { ActionContext } from "../../lib/clerk/define-action";

export interface ClerkFixture {
  lc: LocalClerkHandle;
  ctx: ActionContext;
  /** Request-log entries after `mark()`, optionally filtered. */
  requestsSince(seq: number, filter?: { method?: string; pathPrefix?: string }): RequestLogEntry[];
  mark(): number;
  userIdByEmail(email: string): string;
  stop(): Promise<void>;
}

export async function startClerkFixture(
  opts: { seedUsers?: number; timeoutMs?: number } = {},
): Promise<ClerkFixture> {
  const lc = await startLocalClerk({ port: 0, seedUsers: opts.seedUsers ?? 25, quiet: true });
  const clerk = createClerkClientFor({
    apiUrl: lc.url,
    secretKey: LOCAL_SECRET_KEY,
    timeoutMs: opts.timeoutMs,
  });
  return {
    lc,
    ctx: actionContext({ clerk }),
    mark: () => lc.requestLog.list().at(-1)?.seq ?? 0,
    requestsSince: (seq, filter = {}) => lc.requestLog.list({ ...filter, sinceSeq: seq }),
    userIdByEmail: (email) => {
      const user = lc.state.users.findByEmail(email);
      if (!user) throw new Error(`no seeded user ${email}`);
      return user.id;
    },
    stop: () => lc.stop(),
  };
}

/** Request-log entries are written when the response closes; give the server a moment. */
export const settle = (ms = 50) => new Promise((r) => setTimeout(r, ms));

export async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error("expected the action to fail");
}

export const MISSING_USER = "user_2doesNotExist000000000000";
