import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { LocalClerkContext } from "../context";
import { isPlainObject, jsonObjectBody, optInt, optString, reqString } from "../http/body";
import { invalidParam, missingParam, notFound } from "../http/errors";
import type { Router } from "../http/router";
import { assertMetadataSize } from "../state/metadata";
import type { TicketKind, TicketRecord } from "../state/sign-in-tickets";
import { rejectUnknown } from "./organization-params";

const DAY_S = 24 * 60 * 60;
const TESTING_TOKEN_TTL_S = 60 * 60;

/** Clerk's ticket URL: the Frontend API's `/v1/tickets/accept`, which sends the browser on to sign in. */
export function ticketUrl(ctx: LocalClerkContext, token: string): string {
  return `${ctx.baseUrl()}/v1/tickets/accept?ticket=${encodeURIComponent(token)}`;
}

function ticketJson(ctx: LocalClerkContext, t: TicketRecord) {
  const common = {
    id: t.id,
    status: t.status,
    user_id: t.user_id,
    token: t.token,
    url: ticketUrl(ctx, t.token),
    created_at: t.created_at,
    updated_at: t.updated_at,
  };
  return t.kind === "actor_token"
    ? { object: "actor_token" as const, ...common, actor: t.actor ?? {} }
    : { object: "sign_in_token" as const, ...common };
}

/**
 * The ticket JWT names its record (`iid`) and kind (`st`) and carries no `sub`, so it can never pass
 * for a session token even though the instance key signs both.
 */
function signTicket(ctx: LocalClerkContext, kind: TicketKind) {
  return (id: string, exp: number) =>
    ctx.signJwt({
      st: kind,
      iid: id,
      iat: Math.floor(Date.now() / 1000),
      exp,
      jti: randomBytes(8).toString("hex"),
    });
}

/** `<issued unix seconds>-<HMAC>`: stateless, like Clerk's; FAPI checks it on `__clerk_testing_token`. */
export function createTestingToken(
  secretKey: string,
  nowSeconds: number,
): { token: string; expires_at: number } {
  const mac = createHmac("sha256", secretKey).update(`testing_token:${nowSeconds}`).digest("base64url");
  return { token: `${nowSeconds}-${mac}`, expires_at: nowSeconds + TESTING_TOKEN_TTL_S };
}

export function isValidTestingToken(secretKey: string, token: string, nowSeconds: number): boolean {
  const match = /^(\d{1,12})-([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return false;
  const issued = Number(match[1]);
  if (issued > nowSeconds + 5 || issued + TESTING_TOKEN_TTL_S <= nowSeconds) return false;
  const expected = Buffer.from(createTestingToken(secretKey, issued).token);
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Actor tokens (2), sign-in tokens (2) and testing tokens (1). */
export function registerSignInTicketRoutes(router: Router, ctx: LocalClerkContext): void {
  const { state } = ctx;

  router.post("/v1/actor_tokens", (rc) => {
    const body = jsonObjectBody(rc);
    rejectUnknown(body, ["user_id", "actor", "expires_in_seconds", "session_max_duration_in_seconds"]);
    const userId = reqString(body, "user_id");
    if (body.actor === undefined || body.actor === null) throw missingParam("actor");
    if (!isPlainObject(body.actor)) throw invalidParam("actor", "actor must be a JSON object with a sub.");
    const actor = body.actor;
    if (typeof actor.sub !== "string" || actor.sub.trim() === "") {
      throw invalidParam("actor", "actor must include sub, the ID of the actor.");
    }
    assertMetadataSize("actor", actor);
    const expiresInSeconds = optInt(body, "expires_in_seconds", 1, 30 * DAY_S) ?? 3600;
    const sessionMax = optInt(body, "session_max_duration_in_seconds", 1, 7 * DAY_S) ?? 1800;
    if (!state.users.get(userId)) {
      throw invalidParam("user_id", `No user was found with id ${userId}.`);
    }
    const token = state.tickets.create(
      { kind: "actor_token", userId, actor, expiresInSeconds, sessionMaxDurationSeconds: sessionMax },
      signTicket(ctx, "actor_token"),
    );
    return ticketJson(ctx, token);
  });

  router.post("/v1/actor_tokens/:id/revoke", ({ params }) =>
    ticketJson(ctx, state.tickets.revoke("actor_token", params.id as string)),
  );

  router.post("/v1/sign_in_tokens", (rc) => {
    const body = jsonObjectBody(rc);
    rejectUnknown(body, ["user_id", "org_id", "expires_in_seconds"]);
    const userId = reqString(body, "user_id");
    const orgId = optString(body, "org_id") || null;
    const expiresInSeconds = optInt(body, "expires_in_seconds", 1, 10 * 365 * DAY_S) ?? 30 * DAY_S;
    if (!state.users.get(userId)) throw notFound("user");
    if (orgId && !state.organizations.memberships.get(orgId, userId)) {
      throw invalidParam("org_id", `The user is not a member of the organization ${orgId}.`);
    }
    const token = state.tickets.create(
      { kind: "sign_in_token", userId, orgId, expiresInSeconds },
      signTicket(ctx, "sign_in_token"),
    );
    return ticketJson(ctx, token);
  });

  router.post("/v1/sign_in_tokens/:id/revoke", ({ params }) =>
    ticketJson(ctx, state.tickets.revoke("sign_in_token", params.id as string)),
  );

  router.post("/v1/testing_tokens", () => ({
    object: "testing_token",
    ...createTestingToken(ctx.secretKey, Math.floor(Date.now() / 1000)),
  }));
}
