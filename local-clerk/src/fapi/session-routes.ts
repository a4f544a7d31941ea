import { formBody } from "../http/body";
import { clerkError } from "../http/errors";
import type { RequestContext, Router } from "../http/router";
import { requestActivity } from "../state/session-activity";
import type { SessionRecord } from "../state/types";
import { signedOut } from "./errors";
import type { FapiExchange, FapiRuntime } from "./runtime";
import { fapiSessionJson, sessionWithActivitiesJson } from "./serializers";

const FAPI = { auth: false } as const;

export function registerSessionRoutes(router: Router, rt: FapiRuntime): void {
  router.post(
    "/v1/client/sessions/:id/touch",
    (rc) => {
      const ex = rt.exchange(rc);
      const session = requireActiveSession(rt, ex, rc.params.id);
      const form = formBody(rc);
      if (form.has("active_organization_id")) {
        rt.state.organizations.active.set(session.id, form.get("active_organization_id") || null);
      }
      const touched = rt.state.sessions.touchSession(session.id);
      if (ex.client && form.get("intent") === "select_session") {
        rt.state.sessions.updateClient(ex.client.id, { last_active_session_id: touched.id });
      }
      const jwt = rt.mintToken(touched, rc.req.headers);
      const memberships = rt.organizationMemberships(touched.user_id);
      return rt.send(ex, fapiSessionJson(touched, rt.requireUser(touched.user_id), jwt, memberships));
    },
    FAPI,
  );

  const tokens = (rc: RequestContext) => {
    const ex = rt.exchange(rc);
    if (rc.params.template) {
      throw clerkError(
        404,
        "resource_not_found",
        "not found",
        `No JWT template named "${rc.params.template}" exists.`,
      );
    }
    const session = requireActiveSession(rt, ex, rc.params.id);
    const form = formBody(rc);
    const orgId = form.has("organization_id") ? form.get("organization_id") || null : undefined;
    // Bare TokenJSON: ClerkJS reads it without the envelope.
    return rt.sendBare(ex, { object: "token", jwt: rt.mintToken(session, rc.req.headers, orgId) });
  };
  router.post("/v1/client/sessions/:id/tokens", tokens, FAPI);
  router.post("/v1/client/sessions/:id/tokens/:template", tokens, FAPI);

  router.post("/v1/client/sessions/:id/end", (rc) => finish(rt, rc, "ended"), FAPI);
  router.post("/v1/client/sessions/:id/remove", (rc) => finish(rt, rc, "removed"), FAPI);

  // Sign out of every session on this client (ClerkJS's default signOut()).
  router.delete(
    "/v1/client/sessions",
    (rc) => {
      const ex = rt.exchange(rc);
      if (ex.client) endAll(rt, ex.client.id);
      return rt.send(ex, rt.clientJson(ex));
    },
    FAPI,
  );

  // UserProfile > Security > Active devices. Bare array, like Clerk.
  router.get(
    "/v1/me/sessions/active",
    (rc) => {
      const ex = rt.exchange(rc);
      const current = requireActiveSession(rt, ex, rc.query.get("_clerk_session_id") ?? undefined);
      const user = rt.requireUser(current.user_id);
      const sessions = rt.state.sessions.list({ userId: user.id, status: "active" });
      const here = requestActivity(rc, current.client_id);
      return rt.sendBare(
        ex,
        sessions.map((s) => sessionWithActivitiesJson(s, user, s.activity ?? here)),
      );
    },
    FAPI,
  );
}

export function endAll(rt: FapiRuntime, clientId: string): void {
  const client = rt.state.sessions.getClient(clientId);
  if (!client) return;
  for (const session of rt.activeSessions(client)) rt.state.sessions.endSession(session.id, "ended");
}

function finish(rt: FapiRuntime, rc: RequestContext, status: "ended" | "removed"): symbol {
  const ex = rt.exchange(rc);
  const session = requireActiveSession(rt, ex, rc.params.id);
  const ended = rt.state.sessions.endSession(session.id, status);
  return rt.send(ex, fapiSessionJson(ended, rt.requireUser(ended.user_id), null));
}

/**
 * A session is usable only by the client that owns it and while it is active. A session revoked
 * through BAPI (or whose user was banned) answers 401, which makes ClerkJS sign the browser out.
 */
export function requireActiveSession(
  rt: FapiRuntime,
  ex: FapiExchange,
  id: string | undefined,
): SessionRecord {
  const session = id ? rt.state.sessions.getSession(id) : undefined;
  if (!session || !ex.client || session.client_id !== ex.client.id || !rt.state.isSessionActive(session.id)) {
    throw signedOut();
  }
  return session;
}
