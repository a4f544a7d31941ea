// Cross-site request forgery guard for cookie-authenticated route handlers. Clerk's session cookies
// are SameSite=Lax, so a page on another port of the same host (same site) still sends them: only
// the Origin (or Sec-Fetch-Site) tells the console's own pages from someone else's.
import { AppError, logger } from "@/lib/errors";

type Env = Record<string, string | undefined>;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

function toOrigin(value: string): string | null {
  const raw = value.trim();
  if (!raw) return null;
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`).origin;
  } catch {
    return null;
  }
}

function list(value: string | undefined): string[] {
  return (value ?? "").split(",").flatMap((v) => toOrigin(v) ?? []);
}

/**
 * The console's origins from configuration: APP_URL / NEXT_PUBLIC_APP_URL (comma-separated) when set;
 * otherwise, on Vercel, its deployment, branch and production hosts. Empty when nothing is configured.
 */
export function configuredOrigins(env: Env = process.env): { origins: string[]; exclusive: boolean } {
  const explicit = [...list(env.APP_URL), ...list(env.NEXT_PUBLIC_APP_URL)];
  if (explicit.length > 0) return { origins: [...new Set(explicit)], exclusive: true };
  const vercel = [env.VERCEL_URL, env.VERCEL_BRANCH_URL, env.VERCEL_PROJECT_PRODUCTION_URL].flatMap((h) =>
    h ? (toOrigin(h) ?? []) : [],
  );
  return { origins: [...new Set(vercel)], exclusive: false };
}

const first = (value: string | null) => value?.split(",")[0]?.trim().toLowerCase() || null;

/** The host the browser addressed: X-Forwarded-Host (set by the proxy in front) or Host. */
export function requestHost(request: Request): string | null {
  return first(request.headers.get("x-forwarded-host")) ?? first(request.headers.get("host"));
}

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Whether a state-changing request may be served. With APP_URL set, the Origin must be one of those
 * origins exactly; otherwise its host must be the host the request was addressed to (a browser page
 * cannot forge Host or X-Forwarded-Host) or a Vercel host of this deployment. Without an Origin,
 * Sec-Fetch-Site must say same-origin (or none: typed by the user); a request with neither header
 * comes from a non-browser client, which holds no victim's cookies.
 */
export function checkOrigin(request: Request, env: Env = process.env): OriginVerdict {
  const origin = request.headers.get("origin");
  if (origin === null) {
    const site = request.headers.get("sec-fetch-site")?.toLowerCase();
    if (!site || site === "same-origin" || site === "none") return { ok: true };
    return { ok: false, reason: `Sec-Fetch-Site: ${site}` };
  }
  const parsed = toOrigin(origin);
  if (!parsed || origin.trim().toLowerCase() === "null") return { ok: false, reason: "opaque origin" };
  const configured = configuredOrigins(env);
  if (configured.origins.includes(parsed)) return { ok: true };
  if (!configured.exclusive) {
    const host = requestHost(request);
    if (host && new URL(parsed).host === host) return { ok: true };
  }
  return { ok: false, reason: `origin ${parsed}` };
}

/** Throws AppError("cross_origin") (403) unless the request comes from the console's own pages. */
export function assertSameOrigin(request: Request, env: Env = process.env): void {
  const verdict = checkOrigin(request, env);
  if (verdict.ok) return;
  logger.warn("auth.cross_origin_refused", {
    method: request.method,
    path: new URL(request.url).pathname,
    reason: verdict.reason,
    host: requestHost(request),
  });
  throw new AppError("cross_origin");
}

/** A JSON route refuses any other body type (form posts and text/plain are what cross-site pages can send). */
export function assertJsonBody(request: Request): void {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type === "application/json") return;
  throw new AppError("unsupported_media_type");
}
