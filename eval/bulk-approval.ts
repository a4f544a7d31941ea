// A bulk plan answered as its chat card answers it (the card's Approve / Deny is decideJobAction, which
// decides through lib/jobs/decide), then, approved, run the way its workflow runs it: lib/jobs/batch,
// batch after batch, here in this process (test/support/job-driver.ts).

import type { Actor } from "@/lib/auth/policy";
import { clerkOwnerLookup } from "@/lib/auth/token-auth";
import { decideJob } from "@/lib/jobs/decide";
import { InProcessJobs } from "@/test/support/job-driver";
import { type EvalEnv, lastSeq, writesSince } from "./harness";

export interface PlanCard {
  job_id: string;
  plan_hash: string;
}

export function planCardOf(output: unknown): PlanCard | undefined {
  const o = output as Partial<PlanCard> | undefined;
  return typeof o?.job_id === "string" && typeof o.plan_hash === "string"
    ? { job_id: o.job_id, plan_hash: o.plan_hash }
    : undefined;
}

/** Backend API writes the decision (and, approved, the job's run) made; `error` when either was refused. */
export async function answerPlan(
  env: EvalEnv,
  auth: Actor,
  card: PlanCard,
  approved: boolean,
): Promise<{ writes: number; error?: string }> {
  const seq = lastSeq(env.lc);
  const lookupOwner = clerkOwnerLookup((id) => env.ctx.clerk.users.getUser(id), { ttlMs: 0 });
  const decided = await decideJob(env.db, {
    jobId: card.job_id,
    approver: { userId: auth.userId, role: auth.role },
    approved,
    planHash: card.plan_hash,
    lookupOwner,
  });
  if (!decided.ok)
    return { writes: writesSince(env.lc, seq), error: `plan decision refused: ${decided.message}` };
  if (!approved) return { writes: writesSince(env.lc, seq) };
  const jobs = new InProcessJobs({ db: env.db, clerk: env.ctx.clerk, pacer: env.pacer, lookupOwner });
  const end = await jobs.run(card.job_id);
  const writes = writesSince(env.lc, seq);
  return end === "completed" ? { writes } : { writes, error: `the approved job ended ${end}` };
}
