// Bearer personal access tokens for machine surfaces (MCP, REST). The same policy as the console:
// a token never grants more than its owner's *current* role, and its scope can only narrow that.
import { getClerkClient } from "@/lib/clerk/client";
import type { Db } from "@/lib/db/client";
import type { AccessTokenRow, AccessTokenScope } from "@/lib/db/schema";
import { AppError, logger, toAppError, toHttpResponse } from "@/lib/errors";
import { type TokenFailure, verifyAccessToken } from "@/lib/tokens/tokens";
import { type ConsoleRole, decideAccess, mayAskAnyWrite, type Permission, parseAdminEmails } from "./policy";
import { type ClerkUserLike, lookedUpUser, resolveIdentity } from "./resolve-role";
import { createTtlCache } from "./ttl-cache";

export interface TokenPrincipal {
  tokenId: string;
  tokenName: string;
  scope: AccessTokenScope;
  userId: string;
  email: string | null;
  /** The owner's console role now (not when the token was created). */
  role: ConsoleRole;
}

/** What a token-authenticated caller wants to do: read, or propose a write for a human to approve. */
export type TokenNeed = "read" | "propose";

export type OwnerLookup = (userId: string) => Promise<{ role: ConsoleRole; email: string | null }>;

export const TOKEN_REALM = "clerk-admin-console";

const FAILURE_MESSAGES: Record<TokenFailure, string> = {
  missing:
    "Send a personal access token as `Authorization: Bearer cac_…` (create one under Settings → Tokens).",
  malformed: "The bearer token is not a console access token.",
  unknown: "The access token is not valid.",
  revoked: "The access token was revoked.",
  expired: "The access token has expired.",
};

export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? "";
}

export class TokenAuthError extends AppError {
  constructor(
    code: "unauthenticated" | "forbidden",
    message: string,
    readonly challenge: string,
  ) {
    super(code, message);
  }
}

function challenge(params: Record<string, string>): string {
  const parts = Object.entries({ realm: TOKEN_REALM, ...params }).map(
    ([k, v]) => `${k}="${v.replace(/["\\]/g, "")}"`,
  );
  return `Bearer ${parts.join(", ")}`;
}

/** Authenticates the request's bearer token and resolves its owner's current role; throws TokenAuthError (401). */
export async function authenticateToken(
  db: Db,
  request: Request,
  lookupOwner: OwnerLookup,
  now: Date = new Date(),
): Promise<TokenPrincipal> {
  const presented = bearerToken(request);
  const checked = await verifyAccessToken(db, presented, now);
  if (!checked.ok) {
    logger.warn("auth.token_refused", { reason: checked.reason });
    const params: Record<string, string> =
      checked.reason === "missing"
        ? {}
        : { error: "invalid_token", error_description: FAILURE_MESSAGES[checked.reason] };
    throw new TokenAuthError("unauthenticated", FAILURE_MESSAGES[checked.reason], challenge(params));
  }
  return principalOf(checked.row, await ownerOrNone(lookupOwner, checked.row.createdBy));
}

/** A deleted owner has no role (403 below), rather than failing the request with a 500. */
export async function ownerOrNone(lookupOwner: OwnerLookup, userId: string) {
  try {
    return await lookupOwner(userId);
  } catch (err) {
    if (toAppError(err).code === "not_found") return { role: "none" as const, email: null };
    throw err;
  }
}

function principalOf(
  row: AccessTokenRow,
  owner: { role: ConsoleRole; email: string | null },
): TokenPrincipal {
  return {
    tokenId: row.id,
    tokenName: row.name,
    scope: row.scope,
    userId: row.createdBy,
    email: owner.email,
    role: owner.role,
  };
}

export type TokenDecision = { allowed: true } | { allowed: false; message: string };

/**
 * Scope AND the owner's role must both allow it (the role through the console's decideAccess). A
 * proposal names the policy permission of its action when known; without one, any write the role may
 * ask for will do (the action's own permission is checked once it is known).
 */
export function decideTokenAccess(
  principal: TokenPrincipal,
  need: TokenNeed,
  permission?: Permission,
): TokenDecision {
  if (need === "propose" && principal.scope !== "read+propose") {
    return {
      allowed: false,
      message: "This token is read-only (scope `read`); proposing changes needs a `read+propose` token.",
    };
  }
  const subject = { userId: principal.userId, role: principal.role };
  if (need === "read") {
    return decideAccess(subject, "read").allowed
      ? { allowed: true }
      : { allowed: false, message: "The token's owner no longer has a console role." };
  }
  const allowed = permission ? decideAccess(subject, permission).allowed : mayAskAnyWrite(principal.role);
  if (allowed) return { allowed: true };
  return {
    allowed: false,
    message: permission
      ? `The token's owner (role ${principal.role}) may not propose this change; it needs the admin role.`
      : "Only admins and support can propose changes; the token's owner is neither.",
  };
}

/** Throws TokenAuthError (403, insufficient_scope) unless the principal may do `need`. */
export function assertTokenAccess(principal: TokenPrincipal, need: TokenNeed, permission?: Permission): void {
  const decision = decideTokenAccess(principal, need, permission);
  if (decision.allowed) return;
  logger.warn("auth.denied", {
    surface: "token",
    need,
    permission: permission ?? null,
    tokenId: principal.tokenId,
    userId: principal.userId,
    role: principal.role,
    scope: principal.scope,
  });
  throw new TokenAuthError(
    "forbidden",
    decision.message,
    challenge({
      error: "insufficient_scope",
      scope: need === "read" ? "read" : "read+propose",
      error_description: decision.message,
    }),
  );
}

/** 401/403 with the RFC 6750 WWW-Authenticate challenge; anything else via lib/errors. */
export function tokenErrorResponse(err: unknown): Response {
  if (err instanceof TokenAuthError) {
    return toHttpResponse(err, { headers: { "WWW-Authenticate": err.challenge } });
  }
  return toHttpResponse(err);
}

/**
 * The token twin of authorizedRoute: authenticate, check `need`, run the handler; failures become
 * 401/403 (with WWW-Authenticate) or the lib/errors JSON response.
 */
export function tokenAuthorizedRoute<D extends { db: Db; lookupOwner: OwnerLookup; now?: () => Date }>(
  need: TokenNeed,
  deps: () => Promise<D>,
  handler: (request: Request, principal: TokenPrincipal, deps: D) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const d = await deps();
      const principal = await authenticateToken(d.db, request, d.lookupOwner, d.now?.());
      assertTokenAccess(principal, need);
      return await handler(request, principal, d);
    } catch (err) {
      return tokenErrorResponse(err);
    }
  };
}

/**
 * Owner role from Clerk (public_metadata.role + the CONSOLE_ADMIN_EMAILS allow-list), cached like
 * the console's BAPI fallback so a demotion takes effect within the same TTL.
 */
export function clerkOwnerLookup(
  getUser: (userId: string) => Promise<ClerkUserLike>,
  opts: { adminEmails?: string | undefined; ttlMs?: number } = {},
): OwnerLookup {
  const cache = createTtlCache<{ role: ConsoleRole; email: string | null }>(opts.ttlMs ?? 30_000);
  const adminEmails = parseAdminEmails(opts.adminEmails);
  return (userId) =>
    cache.getOrLoad(userId, async () => {
      const identity = await resolveIdentity({
        userId,
        claims: null,
        adminEmails,
        lookupUser: async (id) => lookedUpUser(await getUser(id)),
      });
      return { role: identity.role, email: identity.email };
    });
}

let sharedOwnerLookup: OwnerLookup | null = null;

/** The owner/proposer role lookup every token surface and the job worker share (one cache per process). */
export function tokenOwnerLookup(): OwnerLookup {
  sharedOwnerLookup ??= clerkOwnerLookup((id) => getClerkClient().users.getUser(id), {
    adminEmails: process.env.CONSOLE_ADMIN_EMAILS,
  });
  return sharedOwnerLookup;
}
