import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import { withAudit } from "@/lib/audit/audit";
import { type ConsoleRole, mayAsk, mayAskAnyWrite } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import {
  ACCESS_TOKEN_SCOPES,
  type AccessTokenRow,
  type AccessTokenScope,
  accessTokens,
} from "@/lib/db/schema";
import { AppError, zodFieldErrors } from "@/lib/errors";

/** `cac_` + base64url(32 random bytes): recognisable in logs and secret scanners, 256 bits of entropy. */
export const TOKEN_PREFIX = "cac_";
const TOKEN_PATTERN = /^cac_[A-Za-z0-9_-]{43}$/;
/** How many characters of the token the console may show again after creation. */
const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;
/** last_used_at is refreshed at most this often, so a busy client does not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;
export const MAX_TOKEN_DAYS = 365;

export interface TokenCreator {
  userId: string;
  email: string | null;
  role: ConsoleRole;
}

export const createTokenInput = z.strictObject({
  name: z.string().trim().min(1, "Give the token a name.").max(100, "At most 100 characters."),
  scope: z.enum(ACCESS_TOKEN_SCOPES),
  expiresInDays: z.coerce
    .number()
    .int("Whole days only.")
    .min(1, "At least 1 day.")
    .max(MAX_TOKEN_DAYS, `At most ${MAX_TOKEN_DAYS} days.`),
});
export type CreateTokenInput = z.input<typeof createTokenInput>;

export const revokeTokenInput = z.strictObject({ id: z.string().min(1).max(100) });

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function generateToken(): { token: string; hash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, DISPLAY_PREFIX_LENGTH) };
}

export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/**
 * Scopes a creator may hand out. Viewers may create `read` tokens for themselves (a token never grants
 * more than its owner's current role); proposing needs a role that may ask for some write (lib/auth/policy).
 */
export function scopesFor(role: TokenCreator["role"]): readonly AccessTokenScope[] {
  if (mayAskAnyWrite(role)) return ACCESS_TOKEN_SCOPES;
  if (mayAsk(role, "read")) return ["read"];
  return [];
}

export function tokenStatus(row: AccessTokenRow, now: Date = new Date()): "active" | "revoked" | "expired" {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/** The public view of a token row: never the hash. */
export type AccessTokenView = ReturnType<typeof toTokenView>;

export function toTokenView(row: AccessTokenRow, now: Date = new Date()) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.tokenPrefix,
    scope: row.scope,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    status: tokenStatus(row, now),
  };
}

/** Creates a token (audited). The plaintext is returned once and never stored. */
export async function createAccessToken(
  db: Db,
  creator: TokenCreator,
  raw: CreateTokenInput,
  now: Date = new Date(),
): Promise<{ token: string; view: AccessTokenView }> {
  const parsed = createTokenInput.safeParse(raw);
  if (!parsed.success) {
    throw AppError.validation(zodFieldErrors(parsed.error), "The token could not be created.");
  }
  const input = parsed.data;
  if (!scopesFor(creator.role).includes(input.scope)) {
    throw new AppError(
      "forbidden",
      creator.role === "viewer"
        ? "Viewers can create read-only tokens only."
        : "Your account has no console role; it cannot create tokens.",
    );
  }
  const id = `pat_${randomUUID().replaceAll("-", "")}`;
  const { token, hash, prefix } = generateToken();
  const expiresAt = new Date(now.getTime() + input.expiresInDays * 86_400_000);
  const row = await withAudit(
    {
      actorUserId: creator.userId,
      actorEmail: creator.email,
      source: "console",
      action: "createAccessToken",
      arguments: input,
      targetType: "access_token",
      targetId: id,
      targetLabel: input.name,
      after: (r: AccessTokenRow) => toTokenView(r, now),
    },
    async () => {
      const [inserted] = await db
        .insert(accessTokens)
        .values({
          id,
          name: input.name,
          tokenHash: hash,
          tokenPrefix: prefix,
          scope: input.scope,
          createdBy: creator.userId,
          createdAt: now,
          expiresAt,
        })
        .returning();
      if (!inserted) throw new AppError("internal", "The token could not be stored.");
      return inserted;
    },
    db,
  );
  return { token, view: toTokenView(row, now) };
}

/** Admins see every token; anyone else only their own. */
export async function listAccessTokens(
  db: Db,
  viewer: Pick<TokenCreator, "userId" | "role">,
  now: Date = new Date(),
): Promise<AccessTokenView[]> {
  const rows = await db
    .select()
    .from(accessTokens)
    .where(viewer.role === "admin" ? undefined : eq(accessTokens.createdBy, viewer.userId))
    .orderBy(desc(accessTokens.createdAt));
  return rows.map((r) => toTokenView(r, now));
}

/**
 * Revokes a token (audited; admins any token, others their own). The caller cancels the token's
 * pending proposals (lib/approvals/inbox) so nothing it proposed can still be approved by mistake.
 */
export async function revokeAccessToken(
  db: Db,
  actor: TokenCreator,
  id: string,
  now: Date = new Date(),
): Promise<AccessTokenView> {
  const [existing] = await db.select().from(accessTokens).where(eq(accessTokens.id, id)).limit(1);
  if (!existing || (actor.role !== "admin" && existing.createdBy !== actor.userId)) {
    throw AppError.notFound("Access token", id);
  }
  if (existing.revokedAt) return toTokenView(existing, now);
  const row = await withAudit(
    {
      actorUserId: actor.userId,
      actorEmail: actor.email,
      source: "console",
      action: "revokeAccessToken",
      arguments: { id },
      targetType: "access_token",
      targetId: id,
      targetLabel: existing.name,
      before: toTokenView(existing, now),
      after: (r: AccessTokenRow) => toTokenView(r, now),
    },
    async () => {
      const [updated] = await db
        .update(accessTokens)
        .set({ revokedAt: now })
        .where(and(eq(accessTokens.id, id), isNull(accessTokens.revokedAt)))
        .returning();
      return updated ?? existing;
    },
    db,
  );
  return toTokenView(row, now);
}

export type TokenFailure = "missing" | "malformed" | "unknown" | "revoked" | "expired";

export type TokenCheck = { ok: true; row: AccessTokenRow } | { ok: false; reason: TokenFailure };

/** Looks a presented token up by its hash (constant-time compare) and refreshes last_used_at. */
export async function verifyAccessToken(
  db: Db,
  presented: string | null | undefined,
  now: Date = new Date(),
): Promise<TokenCheck> {
  if (!presented) return { ok: false, reason: "missing" };
  if (!looksLikeToken(presented)) return { ok: false, reason: "malformed" };
  const hash = hashToken(presented);
  const [row] = await db.select().from(accessTokens).where(eq(accessTokens.tokenHash, hash)).limit(1);
  if (!row || !timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(hash))) {
    return { ok: false, reason: "unknown" };
  }
  const status = tokenStatus(row, now);
  if (status !== "active") return { ok: false, reason: status };
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  await db
    .update(accessTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(accessTokens.id, row.id),
        or(isNull(accessTokens.lastUsedAt), lt(accessTokens.lastUsedAt, stale)),
      ),
    );
  return { ok: true, row };
}
