// Test-only helpers for the bulk job suites: real Local Clerk, real store, real lib/clerk client.
import { expect } from "vitest";
import { createClerkClientFor } from "@/lib/clerk/client";
import type { Db } from "@/lib/db/client";
import { LOCAL_SECRET_KEY } from "@/local-clerk/src/app-env";
import type { LocalClerkHandle, RequestLogEntry } from "@/local-clerk/src/index";
import { pacedClerk } from "./paced-clerk";
import { Pacer, paceFromEnv } from "./pacer";
import { planTargets } from "./planner";
import { createJob, decideJob } from "./store";

export const ADMIN = { userId: "user_admin_jobs_test", role: "admin" as const };

/** Clerk's own limit scaled in time (same 100 requests, shorter window) so a 1,000-target job fits a test. */
export function scaledLimit() {
  const windowMs = Number(process.env.JOBS_TEST_WINDOW_MS ?? 3_000);
  return { requests: 100, windowMs };
}

export function clientFor(lc: LocalClerkHandle) {
  return createClerkClientFor({ apiUrl: lc.url, secretKey: LOCAL_SECRET_KEY });
}

export function pacerFor(limit: { requests: number; windowMs: number }): Pacer {
  return new Pacer(
    paceFromEnv({ BULK_RATE_LIMIT: String(limit.requests), BULK_RATE_WINDOW_MS: String(limit.windowMs) }),
  );
}

/** Plans "set public_metadata {plan, batch} on each user", stores it and approves it once as a batch. */
export async function approvedMetadataJob(
  db: Db,
  lc: LocalClerkHandle,
  pacer: Pacer,
  userIds: string[],
  batch: string,
) {
  const paced = pacedClerk(clientFor(lc), pacer);
  const targets = await planTargets(
    "updateUserMetadata",
    userIds.map((id) => ({ user_id: id, public_metadata: { plan: "pro", batch } })),
    paced,
  );
  const { job, planHash } = await createJob(db, {
    action: "updateUserMetadata",
    title: `plan=pro for ${userIds.length} users`,
    params: { public_metadata: { plan: "pro", batch } },
    createdBy: ADMIN.userId,
    source: "console",
    pacePer10s: Math.round((pacer.config.requests * 10_000) / pacer.config.windowMs),
    targets,
  });
  const decided = await decideJob(db, { jobId: job.id, approver: ADMIN, approved: true, planHash });
  expect(decided.ok).toBe(true);
  return { job, planRequests: paced.requests };
}

export function metadataWrites(log: RequestLogEntry[]): Map<string, number> {
  const perUser = new Map<string, number>();
  for (const e of log) {
    const m = /^\/v1\/users\/([^/]+)\/metadata$/.exec(e.path);
    if (e.method === "PATCH" && m && e.status === 200)
      perUser.set(m[1] as string, (perUser.get(m[1] as string) ?? 0) + 1);
  }
  return perUser;
}

/** Requests per window over the span of the given entries (first to last request start). */
export function observedPace(log: RequestLogEntry[], windowMs: number): number {
  if (log.length < 2) return 0;
  const span = (log.at(-1) as RequestLogEntry).at - (log[0] as RequestLogEntry).at;
  return ((log.length - 1) * windowMs) / span;
}

export function maxInAnyWindow(log: RequestLogEntry[], windowMs: number): number {
  let max = 0;
  let lo = 0;
  const at = log.map((e) => e.at).sort((a, b) => a - b);
  for (let hi = 0; hi < at.length; hi++) {
    while ((at[hi] as number) - (at[lo] as number) >= windowMs) lo++;
    max = Math.max(max, hi - lo + 1);
  }
  return max;
}
