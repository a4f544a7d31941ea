import { getDb } from "@/lib/db/client";
import { discoverRateLimit } from "./instance-limit";
import { dbPaceBudget, type PaceBudget, paceBudgetKey } from "./pace-budget";
import { type PaceConfig, Pacer, paceFromEnv } from "./pacer";

type Env = Record<string, string | undefined>;

const KEY = Symbol.for("clerk-admin-console.job-pacer");
const holder = globalThis as unknown as { [KEY]?: Pacer };

/**
 * The pace for the instance the console talks to: BULK_RATE_LIMIT when set; otherwise the limit the
 * instance announces (Local Clerk's configured limit), asked when the first request is about to go out; failing
 * that, the limit inferred from the secret key. With a `budget`, the pace is shared with every process
 * drawing from it.
 */
export function instancePacer(
  env: Env = process.env,
  discover: (env: Env) => Promise<PaceConfig | null> = discoverRateLimit,
  budget?: PaceBudget,
): Pacer {
  const pacer = new Pacer(paceFromEnv(env));
  if (budget) pacer.shareBudget(budget);
  if (!env.BULK_RATE_LIMIT?.trim()) {
    pacer.retuneBeforeFirst(async () => {
      const limit = await discover(env);
      if (!limit) return null;
      return paceFromEnv({
        ...env,
        BULK_RATE_LIMIT: String(limit.requests),
        BULK_RATE_WINDOW_MS: String(limit.windowMs),
      });
    });
  }
  return pacer;
}

/**
 * One pacer per process: every job (and planning read) in this process shares Clerk's budget, and the
 * budget is shared through the database with every other process talking to the same Clerk instance
 * (workflow steps run in several function instances at once on Vercel).
 */
export function sharedPacer(): Pacer {
  holder[KEY] ??= instancePacer(process.env, discoverRateLimit, dbPaceBudget(getDb, paceBudgetKey()));
  return holder[KEY];
}
