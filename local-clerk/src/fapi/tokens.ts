import { randomBytes } from "node:crypto";
import type { SessionRecord, UserRecord } from "../state/types";

/** `pk_live_<base64("clerk.example.test$")>` -> `clerk.example.test`. */
export function frontendApiFromPublishableKey(publishableKey: string): string {
  const encoded = publishableKey.replace(/^pk_(live|test)_/, "");
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  if (!decoded.endsWith("$") || !decoded.includes(".")) {
    throw new Error(`not a Clerk publishable key: ${publishableKey.slice(0, 12)}…`);
  }
  return decoded.slice(0, -1);
}

export interface SessionClaimsInput {
  session: SessionRecord;
  user: UserRecord;
  issuer: string;
  /** Origin of the app that asked for the token (Clerk's `azp`). */
  authorizedParty: string | undefined;
  nowSeconds: number;
  ttlSeconds: number;
  /** Organization claims (`o`, `fea`) of the session's active organization. */
  organization?: Record<string, unknown>;
}

/**
 * Clerk's v2 session token claims, plus `metadata` = public_metadata: the claim a Clerk
 * dashboard "custom session token" `{"metadata": "{{user.public_metadata}}"}` produces.
 */
export function sessionClaims(input: SessionClaimsInput): Record<string, unknown> {
  const { session, user, nowSeconds, ttlSeconds } = input;
  return {
    // Impersonation: Clerk's `act` claim is the actor token's `actor` ({sub: <actor id>, …}).
    ...(session.actor ? { act: session.actor } : {}),
    ...(input.authorizedParty ? { azp: input.authorizedParty } : {}),
    exp: nowSeconds + ttlSeconds,
    fva: [0, -1],
    iat: nowSeconds,
    iss: input.issuer,
    jti: randomBytes(10).toString("hex"),
    metadata: user.public_metadata,
    // Clerk backdates nbf a little so small clock skews between machines do not reject fresh tokens.
    nbf: nowSeconds - 10,
    sid: session.id,
    sts: "active",
    sub: user.id,
    v: 2,
    ...input.organization,
  };
}

/** Per-user token lifetimes, so one e2e test can use short tokens without shortening everyone's. */
export class TokenTtlOverrides {
  private readonly byUser = new Map<string, number>();

  set(userId: string, seconds: number | null): void {
    if (seconds === null) this.byUser.delete(userId);
    else this.byUser.set(userId, seconds);
  }

  ttlFor(userId: string, fallback: number): number {
    return this.byUser.get(userId) ?? fallback;
  }
}
