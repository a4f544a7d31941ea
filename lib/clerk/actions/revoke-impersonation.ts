import { z } from "zod";
import { AppError } from "@/lib/errors";
import { defineAction } from "../define-action";
import { impersonationsFromAudit } from "./list-impersonations";
import { clerkId, preCheck, userIdField } from "./shared";

export const revokeImpersonationInput = z.strictObject({
  user_id: userIdField.describe("The impersonated user (user_…), from listImpersonations."),
  actor_token_id: clerkId("act", "actor token").describe(
    "The actor token id (act_…), from listImpersonations.",
  ),
});

export const revokeImpersonation = defineAction({
  name: "revokeImpersonation",
  title: "Revoke impersonation",
  description:
    "Revoke an impersonation (actor) token created from this console, so its link no longer signs in. Works only while the token is unused and unexpired. Needs human approval.",
  kind: "write",
  input: revokeImpersonationInput,
  target: (input) => ({ type: "user", id: input.user_id }),
  snapshot: async (input, ctx) => {
    const entry = (await impersonationsFromAudit({ userId: input.user_id, db: await ctx.db() })).find(
      (e) => e.token_id === input.actor_token_id,
    );
    return { known: Boolean(entry), revoked: entry?.revoked ?? false, expires_at: entry?.expires_at ?? null };
  },
  preview: () => ({ revoked: true }),
  checks: (_input, snap) => [
    preCheck(
      "known_token",
      snap.known,
      "The token was created from this console for this user.",
      "No impersonation of this user with that token id is in the audit log.",
    ),
    preCheck("not_revoked", !snap.revoked, "The token is not revoked yet.", "The token is already revoked."),
  ],
  applied: (_input, current) => current.revoked,
  undo: { reason: "A revoked actor token cannot be reinstated; impersonate the user again." },
  run: async (input, { clerk, db }) => {
    const known = (await impersonationsFromAudit({ userId: input.user_id, db: await db() })).some(
      (e) => e.token_id === input.actor_token_id,
    );
    if (!known) throw AppError.notFound("Impersonation", input.actor_token_id);
    const token = await clerk.actorTokens.revoke(input.actor_token_id);
    return { id: token.id, user_id: token.userId, status: token.status, revoked: token.status === "revoked" };
  },
});
