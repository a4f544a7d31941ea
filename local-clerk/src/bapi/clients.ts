import type { LocalClerkContext } from "../context";
import { jsonObjectBody, reqString } from "../http/body";
import { notFound } from "../http/errors";
import type { Router } from "../http/router";
import { clientJson } from "../state/serialize";
import type { ClientRecord } from "../state/types";
import { rejectUnknown } from "./organization-params";
import { page } from "./params";

/** Clients (browsers); Local Clerk's `__client` cookie holds the client id, which is what verify takes. */
export function registerClientRoutes(router: Router, ctx: LocalClerkContext): void {
  const sessions = ctx.state.sessions;
  const json = (c: ClientRecord) =>
    clientJson(
      c,
      c.session_ids.map((id) => sessions.getSession(id)).filter((s) => s !== undefined),
    );
  const require = (id: string) => {
    const c = sessions.getClient(id);
    if (!c) throw notFound("client");
    return c;
  };

  // Newest first, as Clerk documents.
  router.get("/v1/clients", ({ query }) => {
    const { limit, offset } = page(query);
    const all = [...sessions.allClients()].sort(
      (a, b) => b.created_at - a.created_at || (a.id < b.id ? 1 : -1),
    );
    const data = all.slice(offset, offset + limit).map(json);
    return query.get("paginated") === "true" ? { data, total_count: all.length } : data;
  });

  router.get("/v1/clients/:id", ({ params }) => json(require(params.id as string)));

  router.post("/v1/clients/verify", (rc) => {
    const body = jsonObjectBody(rc);
    rejectUnknown(body, ["token"]);
    return json(require(reqString(body, "token")));
  });
}
