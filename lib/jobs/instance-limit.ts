import { positiveNumber } from "@/lib/env";
import { logger } from "@/lib/errors";
import type { PaceConfig } from "./pacer";

type Env = Record<string, string | undefined>;

const DEFAULT_WINDOW_MS = 10_000;

/** The Backend API this process talks to, without a trailing slash. */
export function clerkApiUrl(env: Env): string {
  return (env.CLERK_API_URL || "https://api.clerk.com").replace(/\/+$/, "");
}

/**
 * The limit a Backend API response announces: `RateLimit-Policy: <n>;w=<seconds>` (IETF draft), else
 * `X-RateLimit-Limit` over Clerk's 10 s window. Null when the instance announces none.
 */
export function limitFromHeaders(headers: Headers): PaceConfig | null {
  const policy = /^\s*(\d+)\s*;(?:.*;)?\s*w\s*=\s*(\d+(?:\.\d+)?)/.exec(
    headers.get("ratelimit-policy") ?? "",
  );
  if (policy) {
    const requests = positiveNumber(policy[1]);
    const seconds = positiveNumber(policy[2]);
    if (requests && seconds) return { requests, windowMs: seconds * 1000 };
  }
  const requests = positiveNumber(headers.get("x-ratelimit-limit"));
  return requests ? { requests, windowMs: DEFAULT_WINDOW_MS } : null;
}

/**
 * Asks the instance the console talks to for its Backend API limit with one cheap read (Local Clerk
 * announces the limit it is configured with). Null when it announces none or cannot be reached: the
 * caller keeps the pace inferred from the key.
 */
export async function discoverRateLimit(
  env: Env = process.env,
  fetchImpl: typeof fetch = fetch,
): Promise<PaceConfig | null> {
  const secretKey = env.CLERK_SECRET_KEY;
  if (!secretKey) return null;
  const apiUrl = clerkApiUrl(env);
  try {
    const res = await fetchImpl(`${apiUrl}/v1/users/count`, {
      headers: { Authorization: `Bearer ${secretKey}` },
      signal: AbortSignal.timeout(5_000),
    });
    await res.body?.cancel();
    const limit = limitFromHeaders(res.headers);
    logger.info("jobs.rate_limit_discovered", { apiUrl, limit });
    return limit;
  } catch (err) {
    logger.warn("jobs.rate_limit_unknown", {
      apiUrl,
      error: err instanceof Error ? err.message : String(err),
    });
    return null;
  }
}
