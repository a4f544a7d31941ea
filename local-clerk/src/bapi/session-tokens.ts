import { randomBytes, verify } from "node:crypto";
import { LOCAL_PUBLISHABLE_KEY } from "../app-env";
import type { LocalClerkContext } from "../context";
import { organizationClaims } from "../fapi/organization-serializers";
import { frontendApiFromPublishableKey, sessionClaims } from "../fapi/tokens";
import { jsonObjectBody, optInt, optString, reqString } from "../http/body";
import { clerkError, invalidParam, notFound } from "../http/errors";
import type { Router } from "../http/router";
import { renderClaims } from "../state/template-claims";
import type { SessionRecord } from "../state/types";
import { rejectUnknown } from "./organization-params";

const MAX_LIFETIME = 315_360_000;

const unauthorized = (message: string) =>
  clerkError(401, "authentication_invalid", "Unauthorized request", message);

/** The payload of a JWT this instance signed (the expiry is not checked: refresh takes expired ones). */
function ownJwtPayload(ctx: LocalClerkContext, token: string): Record<string, unknown> | null {
  const [h, p, s] = token.split(".");
  if (!h || !p || !s) return null;
  const signed = verify(
    "RSA-SHA256",
    Buffer.from(`${h}.${p}`),
    ctx.key.privateKey,
    Buffer.from(s, "base64url"),
  );
  if (!signed) return null;
  try {
    return JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/**
 * Session tokens minted through BAPI (`sessions.getToken`): the same v2 claims as FAPI's, or a JWT
 * template's claims with its lifetime and clock skew; refresh swaps an expired token of the session
 * for a new one.
 */
export function registerSessionTokenRoutes(router: Router, ctx: LocalClerkContext): void {
  const issuer = `https://${frontendApiFromPublishableKey(LOCAL_PUBLISHABLE_KEY)}`;

  const activeSession = (id: string): SessionRecord => {
    const s = ctx.state.sessions.getSession(id);
    if (!s) throw notFound("session");
    if (s.status !== "active") throw unauthorized(`This session is ${s.status}; it cannot mint tokens.`);
    return s;
  };
  const expiresIn = (body: Record<string, unknown>) => optInt(body, "expires_in_seconds", 30, MAX_LIFETIME);
  const orgOf = (s: SessionRecord) =>
    s.last_active_organization_id
      ? organizationClaims(ctx.state.organizations, s.user_id, s.last_active_organization_id)
      : undefined;
  const sessionJwt = (s: SessionRecord, ttl?: number) =>
    ctx.signJwt(
      sessionClaims({
        session: s,
        user: ctx.state.users.require(s.user_id),
        issuer,
        authorizedParty: undefined,
        nowSeconds: Math.floor(ctx.state.clock.now() / 1000),
        ttlSeconds: ttl ?? ctx.tokenTtlSeconds,
        organization: orgOf(s),
      }),
    );

  router.post("/v1/sessions/:id/tokens", (rc) => {
    const body = jsonObjectBody(rc);
    rejectUnknown(body, ["expires_in_seconds"]);
    const ttl = expiresIn(body);
    return { object: "token", jwt: sessionJwt(activeSession(rc.params.id as string), ttl) };
  });

  router.post("/v1/sessions/:id/tokens/:template", (rc) => {
    const body = jsonObjectBody(rc);
    rejectUnknown(body, ["expires_in_seconds"]);
    const ttl = expiresIn(body);
    const session = activeSession(rc.params.id as string);
    const template = ctx.state.admin.jwtTemplates.byName(rc.params.template as string);
    if (!template) throw notFound("JWT template");
    const user = ctx.state.users.require(session.user_id);
    const orgId = session.last_active_organization_id;
    const membership = orgId ? ctx.state.organizations.memberships.get(orgId, user.id) : undefined;
    const orgRecord = orgId ? ctx.state.organizations.orgs.get(orgId) : undefined;
    const claims = renderClaims(template.claims, {
      user,
      session,
      org: membership && orgRecord ? { record: orgRecord, role: membership.role } : undefined,
    }) as Record<string, unknown>;
    const now = Math.floor(ctx.state.clock.now() / 1000);
    return {
      object: "token",
      jwt: ctx.signJwt({
        ...claims,
        exp: now + (ttl ?? template.lifetime),
        iat: now,
        iss: issuer,
        jti: randomBytes(10).toString("hex"),
        nbf: now - template.allowed_clock_skew,
        sub: user.id,
      }),
    };
  });

  // Validation errors are 401s: Clerk's SDKs then fall back to the handshake.
  router.post("/v1/sessions/:id/refresh", (rc) => {
    const body = jsonObjectBody(rc);
    rejectUnknown(body, [
      "expired_token",
      "refresh_token",
      "request_origin",
      "request_headers",
      "format",
      "request_originating_ip",
    ]);
    const expired = reqString(body, "expired_token");
    reqString(body, "refresh_token");
    reqString(body, "request_origin");
    const format = optString(body, "format") ?? "token";
    if (format !== "token" && format !== "cookie")
      throw invalidParam("format", "format must be token or cookie.");
    const session = ctx.state.sessions.getSession(rc.params.id as string);
    if (!session) throw notFound("session");
    const claims = ownJwtPayload(ctx, expired);
    if (!claims || claims.sid !== session.id) {
      throw unauthorized("expired_token is not a session token of this session.");
    }
    const jwt = sessionJwt(activeSession(session.id));
    return format === "cookie"
      ? { object: "cookies", cookies: [`__session=${jwt}; Path=/; SameSite=Lax`] }
      : { object: "token", jwt };
  });
}
