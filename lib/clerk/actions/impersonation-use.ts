import { and, asc, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { signIns } from "@/lib/db/schema";

/** When an impersonation link was used: the session it opened (from the sign-ins Clerk reported). */
export interface ImpersonationUse {
  used_at: number;
  session_id: string;
}

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
  const userIds = [...new Set(tokens.map((t) => t.user_id))];
  const rows = await db
    .select({
      sessionId: signIns.sessionId,
      userId: signIns.userId,
      actorId: signIns.actorId,
      signedInAt: signIns.signedInAt,
    })
    .from(signIns)
    .where(and(inArray(signIns.userId, userIds), isNotNull(signIns.actorId)))
    .orderBy(asc(signIns.signedInAt));
  const claimed = new Set<string>();
  for (const token of [...tokens].sort((a, b) => a.created_at - b.created_at)) {
    const session = rows.find(
      (r) =>
        !claimed.has(r.sessionId) &&
        r.userId === token.user_id &&
        r.actorId === token.admin_user_id &&
        r.signedInAt.getTime() >= token.created_at - 1000 &&
        r.signedInAt.getTime() <= token.expires_at,
    );
    if (!session) continue;
    claimed.add(session.sessionId);
    uses.set(token.token_id, { used_at: session.signedInAt.getTime(), session_id: session.sessionId });
  }
  return uses;
}
