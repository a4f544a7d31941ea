import type { LocalClerkContext } from "../context";
import { jsonObjectBody, reqString } from "../http/body";
import { notFound } from "../http/errors";
import type { Router } from "../http/router";
import { sessionJson } from "../state/serialize";
import { oneOf, page, str } from "./params";

const STATUSES = [
  "abandoned",
  "active",
  "ended",
  "expired",
  "removed",
  "replaced",
  "revoked",
  "pending",
] as const;

export function registerSessionRoutes(router: Router, ctx: LocalClerkContext): void {
  const sessions = ctx.state.sessions;

  router.get("/v1/sessions", ({ query }) => {
    const status = oneOf(query, "status", STATUSES);
    const { limit, offset } = page(query);
    const all = sessions.list({
      userId: str(query, "user_id"),
      clientId: str(query, "client_id"),
      status: status === "pending" ? undefined : status,
    });
    const data = all.slice(offset, offset + limit).map(sessionJson);
    return query.get("paginated") === "true" ? { data, total_count: all.length } : data;
  });

  // Clerk marks this testing-only; tests and the seed use it to get sessions without a browser.
  router.post("/v1/sessions", (rc) => {
    const userId = reqString(jsonObjectBody(rc), "user_id");
    ctx.state.users.require(userId);
    const client = ctx.state.createClient();
    return sessionJson(ctx.state.createSession(userId, client.id));
  });

  router.get("/v1/sessions/:id", ({ params }) => {
    const s = sessions.getSession(params.id as string);
    if (!s) throw notFound("session");
    return sessionJson(s);
  });

  router.post("/v1/sessions/:id/revoke", ({ params }) =>
    sessionJson(sessions.revokeSession(params.id as string)),
  );
}
