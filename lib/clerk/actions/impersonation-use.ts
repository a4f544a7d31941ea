import { and, asc, gte, inArray, isNotNull, lte } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { signIns } from "@/lib/db/schema";

/** When an impersonation link was used: the session it opened (from the sign-ins Clerk reported). */
export interface ImpersonationUse {
  used_at: number;
  session_id: string;
}

/** A session's creation may be stamped a little before the token's (two clocks). */
const CLOCK_SKEW_MS = 1000;

interface Token {
  token_id: string;
  user_id: string;
  admin_user_id: string;
  created_at: number;
  expires_at: number;
}

/**
 * Clerk reports neither an actor token's use nor its id on the session it opens; the session carries
 * only `actor.sub`. An actor token works once, so its use is the first sign-in of its user with its
 * actor between its creation and its expiry that no earlier token of the same pair already claimed
 * (sign_ins rows come from the session.created webhook, lib/sign-ins).
 */
export async function impersonationUses(
  db: Db,
  tokens: readonly Token[],
): Promise<Map<string, ImpersonationUse>> {
  const uses = new Map<string, ImpersonationUse>();
  if (tokens.length === 0) return uses;
  const earliest = Math.min(...tokens.map((t) => t.created_at)) - CLOCK_SKEW_MS;
  const latest = Math.max(...tokens.map((t) => t.expires_at));
  const rows = await db
    .select({
      sessionId: signIns.sessionId,
      userId: signIns.userId,
      actorId: signIns.actorId,
      signedInAt: signIns.signedInAt,
    })
    .from(signIns)
    .where(
      and(
        inArray(signIns.userId, [...new Set(tokens.map((t) => t.user_id))]),
        isNotNull(signIns.actorId),
        gte(signIns.signedInAt, new Date(earliest)),
        lte(signIns.signedInAt, new Date(latest)),
      ),
    )
    .orderBy(asc(signIns.signedInAt));
  // Per (user, actor) pair, oldest first; tokens are taken oldest first, so a row before one token's
  // window is before every later token's too, and each pair's rows are walked once.
  const pairs = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${r.userId}|${r.actorId}`;
    const pair = pairs.get(key);
    if (pair) pair.push(r);
    else pairs.set(key, [r]);
  }
  const next = new Map<string, number>();
  for (const token of [...tokens].sort((a, b) => a.created_at - b.created_at)) {
    const key = `${token.user_id}|${token.admin_user_id}`;
    const pair = pairs.get(key) ?? [];
    let i = next.get(key) ?? 0;
    while (i < pair.length && (pair[i]?.signedInAt.getTime() ?? 0) < token.created_at - CLOCK_SKEW_MS) i++;
    const session = pair[i];
    if (session && session.signedInAt.getTime() <= token.expires_at) {
      uses.set(token.token_id, { used_at: session.signedInAt.getTime(), session_id: session.sessionId });
      i++;
    }
    next.set(key, i);
  }
  return uses;
}
