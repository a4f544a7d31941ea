import "server-only";
import { auth } from "@clerk/nextjs/server";
import { cache } from "react";
import { getClerkClient } from "@/lib/clerk/client";
import { AppError, logger } from "@/lib/errors";
import { type ConsoleRole, decideAccess, type Permission, parseAdminEmails } from "./policy";
import { type LookedUpUser, lookedUpUser, type ResolvedIdentity, resolveIdentity } from "./resolve-role";
import { createTtlCache } from "./ttl-cache";

export interface ConsoleAuth {
  userId: string;
  sessionId: string | null;
  email: string | null;
  role: ConsoleRole;
  roleSource: ResolvedIdentity["source"];
}

const DEFAULT_ROLE_CACHE_TTL_MS = 30_000;

function roleCacheTtlMs(): number {
  const raw = Number(process.env.CONSOLE_ROLE_CACHE_TTL_MS);
  return Number.isFinite(raw) && raw >= 0 ? raw : DEFAULT_ROLE_CACHE_TTL_MS;
}

const userCache = createTtlCache<LookedUpUser>(roleCacheTtlMs());

async function lookupUser(userId: string): Promise<LookedUpUser> {
  return userCache.getOrLoad(userId, async () => lookedUpUser(await getClerkClient().users.getUser(userId)));
}

/**
 * Who is calling, and with which console role. `null` when signed out. Deduplicated per request
 * (React cache), so a layout and its page share one resolution.
 */
export const getConsoleAuth = cache(async (): Promise<ConsoleAuth | null> => {
  const { userId, sessionId, sessionClaims } = await auth();
  if (!userId) return null;
  const identity = await resolveIdentity({
    userId,
    claims: sessionClaims,
    adminEmails: parseAdminEmails(process.env.CONSOLE_ADMIN_EMAILS),
    lookupUser,
  });
  // Clerk's default session token has no email; the shell shows it, so read it (cached) when the
  // instance has no `email` claim. A failed read only hides the email, it never blocks access.
  const email =
    identity.email ??
    (await lookupUser(userId).then(
      (u) => u.email,
      () => null,
    ));
  return {
    userId,
    sessionId: sessionId ?? null,
    email,
    role: identity.role,
    roleSource: identity.source,
  };
});

/** The single check behind every surface: throws AppError("unauthenticated" | "forbidden"). */
export function assertPermission(
  subject: ConsoleAuth | null,
  permission: Permission,
  surface: string,
): asserts subject is ConsoleAuth {
  const decision = decideAccess(subject, permission);
  if (decision.allowed) return;
  logger.warn("auth.denied", {
    surface,
    permission,
    reason: decision.reason,
    userId: subject?.userId ?? null,
    role: subject?.role ?? null,
  });
  throw new AppError(decision.reason, decision.message);
}
