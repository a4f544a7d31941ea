// What a firing's workflow step runs, wired with this process's database and Clerk client. Firings'
// Clerk calls share the instance pacer with bulk jobs, so automations never push past the limit.
import { allowPrivateMetadata } from "@/lib/agent/redact";
import { tokenOwnerLookup } from "@/lib/auth/token-auth";
import { actionContext } from "@/lib/clerk/action-context";
import { getClerkClient } from "@/lib/clerk/client";
import { getDb } from "@/lib/db/client";
import type { AutomationFiringRow } from "@/lib/db/schema";
import { pacedClerk } from "@/lib/jobs/paced-clerk";
import { sharedPacer } from "@/lib/jobs/shared-pacer";
import type { FiringStep } from "./firing-workflow";
import { type FiringDeps, runFiring, takeFiringOver } from "./run";

/** Another runner's claim is waited out at least this long, so a run never spins on a lease. */
const MIN_WAIT_MS = 1_000;

async function automationDeps(): Promise<FiringDeps> {
  const db = await getDb();
  return {
    db,
    ctx: actionContext({ clerk: pacedClerk(getClerkClient(), sharedPacer()).clerk, db }),
    lookupOwner: tokenOwnerLookup(),
    allowPrivateMetadata: allowPrivateMetadata(),
  };
}

/** Done (whatever the outcome), or still held by another runner: wait for its lease to end. */
export function nextFiringStep(row: AutomationFiringRow | null, now: Date): FiringStep {
  if (!row) return { next: "end", status: "missing" };
  if (row.status !== "pending" && row.status !== "running") return { next: "end", status: row.status };
  const until = Math.max(row.leaseUntil?.getTime() ?? 0, now.getTime() + MIN_WAIT_MS);
  return { next: "wait", until: new Date(until).toISOString() };
}

export async function runFiringNow(firingId: string, runId: string): Promise<FiringStep> {
  const deps = await automationDeps();
  await takeFiringOver(deps.db, firingId, runId);
  return nextFiringStep(await runFiring(deps, firingId), new Date());
}
