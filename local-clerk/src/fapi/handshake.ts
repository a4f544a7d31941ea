import { clerkError } from "../http/errors";
import type { RequestContext } from "../http/router";
import { clientUatCookies, sessionCookies } from "./cookies";
import { appOrigin, type FapiRuntime } from "./runtime";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * GET /v1/client/handshake: clerkMiddleware sends document requests here when the session
 * cookie is stale. We answer with the fresh cookies directly on a 307 back to the page
 * (the "direct Set-Cookie" handshake), which the middleware then reads on the retried request.
 */
export function handleHandshake(rt: FapiRuntime, rc: RequestContext): symbol {
  const redirectUrl = safeRedirectUrl(rc);
  const suffixed = rc.query.get("suffixed_cookies") === "true";
  const ex = rt.exchange(rc);
  const client = ex.client;
  const session = client
    ? (rt.activeSessions(client).find((s) => s.id === client.last_active_session_id) ??
      rt.activeSessions(client).at(-1))
    : undefined;
  const jwt = session ? rt.mintToken(session, rc.req.headers) : null;
  const uat = rt.clientUat(client);
  const cookies = [
    ...ex.setCookies,
    ...sessionCookies(rt.suffix, jwt, suffixed),
    ...clientUatCookies(rt.suffix, uat),
  ];
  if (!suffixed) {
    // The backend reads the unsuffixed pair; drop a stale suffixed session so the two never disagree.
    cookies.push(...sessionCookies(rt.suffix, null, true).slice(1));
  }
  rc.res.writeHead(307, { Location: redirectUrl, "Cache-Control": "no-store", "Set-Cookie": cookies });
  rc.res.end();
  return Symbol.for("handled-by-handshake");
}

/** Only back to the app in front of the proxy (or localhost): never an open redirect. */
export function safeRedirectUrl(rc: RequestContext): string {
  const raw = rc.query.get("redirect_url");
  if (!raw)
    throw clerkError(400, "form_param_missing", "missing data", "redirect_url must be included.", {
      param_name: "redirect_url",
    });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidRedirect();
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw invalidRedirect();
  const origin = appOrigin(rc.req.headers);
  if (url.origin !== origin && !LOCAL_HOSTS.has(url.hostname)) throw invalidRedirect();
  // The middleware adds handshake bookkeeping params; the page itself must not see them.
  url.searchParams.delete("__clerk_handshake");
  url.searchParams.delete("__clerk_handshake_nonce");
  url.searchParams.delete("__clerk_hs_reason");
  return url.toString();
}

const invalidRedirect = () =>
  clerkError(
    400,
    "form_param_value_invalid",
    "is invalid",
    "redirect_url must be an absolute URL of this application.",
    {
      param_name: "redirect_url",
    },
  );
