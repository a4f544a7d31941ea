// Where firings run in the app: right after the webhook that recorded them, and in a catch-up pass at
// boot and every minute for any firing a stopped process left unfinished (its state is in the database).
import { allowPrivateMetadata } from "@/lib/agent/redact";
import { tokenOwnerLookup } from "@/lib/auth/token-auth";
import { actionContext } from "@/lib/clerk/action-context";
import { getClerkClient } from "@/lib/clerk/client";
import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/errors";
import { pacedClerk } from "@/lib/jobs/paced-clerk";
import { sharedPacer } from "@/lib/jobs/shared-pacer";
import { type FiringDeps, runFiring, unfinishedFirings } from "./run";

/** Firings' Clerk calls share the instance pacer with bulk jobs, so automations never push past the limit. */
async function automationDeps(): Promise<FiringDeps> {
  const db = await getDb();
  return {
    db,
    ctx: actionContext({ clerk: pacedClerk(getClerkClient(), sharedPacer()).clerk, db }),
    lookupOwner: tokenOwnerLookup(),
    allowPrivateMetadata: allowPrivateMetadata(),
  };
}

export async function runFirings(ids: readonly string[], deps?: FiringDeps): Promise<void> {
  if (ids.length === 0) return;
  const d = deps ?? (await automationDeps());
  for (const id of ids) {
    try {
      await runFiring(d, id);
    } catch (err) {
      logger.warn("automations.run_failed", { firingId: id, error: err });
    }
  }
}

let timer: ReturnType<typeof setInterval> | null = null;

export function startAutomationCatchUp(intervalMs = 60_000): void {
  if (timer) return;
  const pass = async () => {
    try {
      const deps = await automationDeps();
      await runFirings(await unfinishedFirings(deps.db), deps);
    } catch (err) {
      logger.warn("automations.catch_up_failed", { error: err });
    }
  };
  void pass();
  timer = setInterval(() => void pass(), intervalMs);
  timer.unref?.();
}
