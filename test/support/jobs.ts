// Test-only helpers for the bulk job suites: real Local Clerk, real store, real lib/clerk client.
import { expect } from "vitest";
import { clerkOwnerLookup } from "@/lib/auth/token-auth";
import { createClerkClientFor } from "@/lib/clerk/client";
import type { ActionContext } from "@/lib/clerk/define-action";
import type { Db } from "@/lib/db/client";
import {
  type BulkJobInput,
  type BulkProposer,
  chatBulkProposer,
  type ProposedBulkJob,
  type ProposeJobFn,
  planBulkJob,
} from "@/lib/jobs/bulk-tool";
import { LOCAL_SECRET_KEY } from "@/local-clerk/src/app-env";
import type { LocalClerkHandle, RequestLogEntry } from "@/local-clerk/src/index";
import { decideJob } from "../../lib/jobs/decide";
import { pacedClerk } from "../../lib/jobs/paced-clerk";
import { CLERK_DEV_LIMIT, Pacer, paceFromEnv } from "../../lib/jobs/pacer";
import { planTargets } from "../../lib/jobs/planner";
import { planAndStoreJob } from "../../lib/jobs/propose";
import { createJob } from "../../lib/jobs/store";
import { busiestWindow } from "./pacing";

/** Local Clerk's seeded admin: the worker re-checks the proposer's and approver's roles with Clerk. */
export function seededAdmin(lc: LocalClerkHandle): { userId: string; role: "admin" } {
  const user = lc.state.users.findByEmail("admin@example.com");
  if (!user) throw new Error("Local Clerk has no seeded admin@example.com");
  return { userId: user.id, role: "admin" };
}

/**
 * What lib/runtime/deps wires as `proposeBulkJob` (planBulkJob over lib/jobs/service proposeJob), with
 * the test's database and Clerk client instead of the process-wide ones.
 */
function proposeJobFor(db: Db, ctx: ActionContext): ProposeJobFn {
  const pacer = new Pacer(
    paceFromEnv({
      BULK_RATE_LIMIT: String(CLERK_DEV_LIMIT.requests),
      BULK_RATE_WINDOW_MS: String(CLERK_DEV_LIMIT.windowMs),
    }),
  );
  return (job, p) => planAndStoreJob({ db, clerk: ctx.clerk, pacer }, job, p);
}

export function bulkProposerFor(
  db: Db,
  ctx: ActionContext,
): (input: BulkJobInput, proposer: BulkProposer) => Promise<ProposedBulkJob> {
  const propose = proposeJobFor(db, ctx);
  return (input, proposer) => planBulkJob(input, ctx, propose, proposer);
}

/** The chat's bulk tool (lib/runtime/deps wires the same) for an admin, over the test's store and client. */
export function chatBulkProposerFor(db: Db, ctx: ActionContext, adminUserId: string) {
  return chatBulkProposer(adminUserId, ctx, proposeJobFor(db, ctx));
}

export function clientFor(lc: LocalClerkHandle) {
  return createClerkClientFor({ apiUrl: lc.url, secretKey: LOCAL_SECRET_KEY });
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
  const admin = seededAdmin(lc);
  const { job, planHash } = await createJob(db, {
    action: "updateUserMetadata",
    title: `plan=pro for ${userIds.length} users`,
    params: { public_metadata: { plan: "pro", batch } },
    createdBy: admin.userId,
    source: "console",
    pacePer10s: Math.round((pacer.config.requests * 10_000) / pacer.config.windowMs),
    targets,
  });
  const decided = await decideJob(db, {
    jobId: job.id,
    approver: admin,
    approved: true,
    planHash,
    lookupOwner: clerkOwnerLookup((id) => clientFor(lc).users.getUser(id), { ttlMs: 0 }),
  });
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
  return busiestWindow(
    log.map((e) => e.at),
    windowMs,
  );
}
