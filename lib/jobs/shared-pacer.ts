import { discoverRateLimit } from "./instance-limit";
import { type PaceConfig, Pacer, paceFromEnv } from "./pacer";

type Env = Record<string, string | undefined>;

const KEY = Symbol.for("clerk-admin-console.job-pacer");
const holder = globalThis as unknown as { [KEY]?: Pacer };

/**
 * The pace for the instance the console talks to: BULK_RATE_LIMIT when set; otherwise the limit the
 * instance announces (Local Clerk's configured limit), asked when the first request is about to go out; failing
 * that, the limit inferred from the secret key.
 */
export function instancePacer(
  env: Env = process.env,
  discover: (env: Env) => Promise<PaceConfig | null> = discoverRateLimit,
): Pacer {
  const pacer = new Pacer(paceFromEnv(env));
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

/** One pacer per process: every job (and planning read) in this process shares Clerk's budget. */
export function sharedPacer(): Pacer {
  holder[KEY] ??= instancePacer();
  return holder[KEY];
}
