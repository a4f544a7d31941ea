// Whether the instance's allow-list restriction is on. The Backend API can switch restrictions
// (PATCH /instance/restrictions) but not read them; the Frontend API's environment (public, what
// ClerkJS reads) carries them as user_settings.restrictions. Cached briefly: a pre-check reads it.
import { logger } from "@/lib/errors";

const TTL_MS = 30_000;
let cached: { url: string; at: number; value: Promise<boolean | null> } | null = null;

/** The Frontend API's origin: CLERK_FAPI_URL (Local Clerk), else the host the publishable key names. */
export function frontendApiUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CLERK_FAPI_URL) return env.CLERK_FAPI_URL.replace(/\/+$/, "");
  const key = /^pk_(?:test|live)_(.+)$/.exec(env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY ?? "")?.[1];
  if (!key) return null;
  const host = Buffer.from(key, "base64").toString("utf8").replace(/\$$/, "");
  return /^[a-z0-9.-]+(?::\d+)?$/i.test(host) ? `https://${host}` : null;
}

async function read(url: string): Promise<boolean | null> {
  try {
    const res = await fetch(`${url}/v1/environment`, { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) return null;
    const env = (await res.json()) as {
      user_settings?: { restrictions?: { allowlist?: { enabled?: unknown } } };
    };
    const enabled = env.user_settings?.restrictions?.allowlist?.enabled;
    return typeof enabled === "boolean" ? enabled : null;
  } catch (err) {
    logger.warn("clerk.restrictions_unreadable", { message: (err as Error).message });
    return null;
  }
}

/** true / false, or null when it cannot be told (no Frontend API configured, or it did not answer). */
export function allowlistEnabled(now = Date.now()): Promise<boolean | null> {
  const url = frontendApiUrl();
  if (!url) return Promise.resolve(null);
  if (!cached || cached.url !== url || now - cached.at > TTL_MS) cached = { url, at: now, value: read(url) };
  return cached.value;
}

/** Tests switch the restriction and need the next read to see it. */
export function forgetRestrictions(): void {
  cached = null;
}
