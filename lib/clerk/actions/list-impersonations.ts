import { z } from "zod";
import { listAudit } from "@/lib/audit/audit";
import { isPlainObject } from "@/lib/clerk/metadata";
import { type Db, getDb } from "@/lib/db/client";
import type { AuditRow } from "@/lib/db/schema";
import { defineAction } from "../define-action";
import { impersonationUses } from "./impersonation-use";
import { userIdField } from "./shared";

export interface ImpersonationEntry {
  token_id: string;
  user_id: string;
  user_label: string | null;
  admin_user_id: string;
  admin_email: string | null;
  reason: string;
  created_at: number;
  expires_at: number;
  revoked: boolean;
  revoked_at: number | null;
  revoked_by: string | null;
  /** When the link signed a browser in (the first matching impersonated sign-in), and that session. */
  used_at: number | null;
  used_session_id: string | null;
  /** Not revoked, not used and not yet expired: the link still works. */
  active: boolean;
  audit_id: string;
}

const SCAN = 1000;

function str(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}

/**
 * Clerk has no endpoint that lists actor tokens, so the console's own audit log is the register: each
 * succeeded impersonateUser entry is a token, and a succeeded revokeImpersonation marks it revoked.
 */
export async function impersonationsFromAudit(
  opts: { userId?: string; now?: number; db?: Db } = {},
): Promise<ImpersonationEntry[]> {
  const db = opts.db ?? (await getDb());
  const [created, revoked] = await Promise.all([
    listAudit(
      {
        action: "impersonateUser",
        outcome: "ok",
        limit: SCAN,
        ...(opts.userId ? { target: opts.userId } : {}),
      },
      db,
    ),
    listAudit({ action: "revokeImpersonation", outcome: "ok", limit: SCAN }, db),
  ]);
  const revokedBy = new Map<string, AuditRow>();
  for (const row of revoked.rows) {
    const id = isPlainObject(row.arguments) ? str(row.arguments.actor_token_id) : null;
    if (id && !revokedBy.has(id)) revokedBy.set(id, row);
  }
  const now = opts.now ?? Date.now();
  const out: Omit<ImpersonationEntry, "used_at" | "used_session_id">[] = [];
  for (const row of created.rows) {
    const after = isPlainObject(row.after) ? row.after : null;
    const args = isPlainObject(row.arguments) ? row.arguments : {};
    const tokenId = after ? str(after.id) : null;
    if (!after || !tokenId || !row.targetId) continue;
    const rev = revokedBy.get(tokenId);
    const expiresAt = typeof after.expires_at === "number" ? after.expires_at : 0;
    out.push({
      token_id: tokenId,
      user_id: row.targetId,
      user_label: row.targetLabel,
      admin_user_id: str(after.actor_user_id) ?? row.actorUserId,
      admin_email: row.actorEmail,
      reason: str(args.reason) ?? "",
      created_at: typeof after.created_at === "number" ? after.created_at : row.createdAt.getTime(),
      expires_at: expiresAt,
      revoked: Boolean(rev),
      revoked_at: rev ? rev.createdAt.getTime() : null,
      revoked_by: rev ? (rev.actorEmail ?? rev.actorUserId) : null,
      active: !rev && expiresAt > now,
      audit_id: row.id,
    });
  }
  const uses = await impersonationUses(db, out);
  return out.map((e) => {
    const use = uses.get(e.token_id);
    return {
      ...e,
      used_at: use?.used_at ?? null,
      used_session_id: use?.session_id ?? null,
      active: e.active && !use,
    };
  });
}

const listImpersonationsInput = z.strictObject({
  user_id: userIdField.optional().describe("Only impersonations of this user (user_…)."),
  include_inactive: z
    .boolean()
    .optional()
    .describe("Also list used, revoked and expired impersonations. Default false: active ones only."),
});

export const listImpersonations = defineAction({
  name: "listImpersonations",
  title: "List impersonations",
  description:
    "List impersonation (actor) tokens created from this console, newest first: token id, user, admin, reason, created, expires, revoked, used (when the link signed a browser in, and the session). Derived from the console's audit log and recorded sign-ins, because Clerk has no list endpoint for actor tokens. Active = not revoked, not used and not expired.",
  kind: "read",
  input: listImpersonationsInput,
  run: async (input, ctx) => {
    const db = await ctx.db();
    const all = await impersonationsFromAudit(input.user_id ? { userId: input.user_id, db } : { db });
    const impersonations = input.include_inactive ? all : all.filter((e) => e.active);
    return { impersonations, total_count: impersonations.length };
  },
});
