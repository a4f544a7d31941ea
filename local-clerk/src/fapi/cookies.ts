import { createHash } from "node:crypto";

/** Clerk's cookie suffix: the first 8 characters of base64url(sha1(publishable key)). */
export function cookieSuffix(publishableKey: string): string {
  return createHash("sha1").update(publishableKey).digest("base64url").slice(0, 8);
}

export function parseCookies(header: string | string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const raw = Array.isArray(header) ? header.join("; ") : (header ?? "");
  for (const part of raw.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!out.has(name)) {
      try {
        out.set(name, decodeURIComponent(value));
      } catch {
        out.set(name, value);
      }
    }
  }
  return out;
}

export interface CookieOptions {
  httpOnly?: boolean;
  maxAgeSeconds?: number;
}

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Local Clerk only serves http://localhost, so never `Secure` and never a `Domain`. */
export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "SameSite=Lax"];
  const maxAge = options.maxAgeSeconds ?? ONE_YEAR_SECONDS;
  parts.push(`Max-Age=${maxAge}`);
  if (maxAge > 0) parts.push(`Expires=${new Date(Date.now() + maxAge * 1000).toUTCString()}`);
  else parts.push("Expires=Thu, 01 Jan 1970 00:00:00 GMT");
  if (options.httpOnly) parts.push("HttpOnly");
  return parts.join("; ");
}

export const CLIENT_COOKIE = "__client";
export const CLIENT_UAT_COOKIE = "__client_uat";
export const SESSION_COOKIE = "__session";
export const HANDSHAKE_COOKIE = "__clerk_handshake";

export function clientCookie(clientId: string): string {
  return serializeCookie(CLIENT_COOKIE, clientId, { httpOnly: true });
}

/** `__client_uat` in both variants; the backend picks one by `usesSuffixedCookies()`. 0 means signed out. */
export function clientUatCookies(suffix: string, uatSeconds: number): string[] {
  return [
    serializeCookie(CLIENT_UAT_COOKIE, String(uatSeconds)),
    serializeCookie(`${CLIENT_UAT_COOKIE}_${suffix}`, String(uatSeconds)),
  ];
}

export function sessionCookies(suffix: string, jwt: string | null, suffixed: boolean): string[] {
  const opts: CookieOptions = jwt ? {} : { maxAgeSeconds: 0 };
  const out = [serializeCookie(SESSION_COOKIE, jwt ?? "", opts)];
  if (suffixed) out.push(serializeCookie(`${SESSION_COOKIE}_${suffix}`, jwt ?? "", opts));
  return out;
}
