import { LOCAL_PUBLISHABLE_KEY } from "../app-env";
import type { LocalClerkContext } from "../context";
import { jsonObjectBody } from "../http/body";
import { clerkError, invalidParam, notFound } from "../http/errors";
import type { Router } from "../http/router";
import { bundlePackageFromSegment, readBundle } from "./bundles";
import { environmentJson } from "./environment";
import { handleHandshake } from "./handshake";
import { registerOrganizationAdminFapiRoutes } from "./organization-admin-routes";
import { registerOrganizationFapiRoutes } from "./organization-routes";
import { appOrigin, FapiRuntime, HANDLED_MARK } from "./runtime";
import { endAll, registerSessionRoutes } from "./session-routes";
import { registerSignInRoutes } from "./sign-in-routes";
import { registerSignUpRoutes } from "./sign-up-routes";
import { registerTicketRoutes } from "./tickets";

const FAPI = { auth: false } as const;
const MAX_TTL_SECONDS = 24 * 60 * 60;

export interface FapiRegistration {
  runtime: FapiRuntime;
}

/** Local Clerk's Frontend API, reached by the browser through the app's `/__clerk` proxy. */
export function registerFapiRoutes(
  router: Router,
  ctx: LocalClerkContext & { publishableKey?: string },
): FapiRegistration {
  const rt = new FapiRuntime(ctx, { publishableKey: ctx.publishableKey ?? LOCAL_PUBLISHABLE_KEY });

  router.get(
    "/npm/@clerk/:pkg/dist/:file",
    async (rc) => {
      const pkg = bundlePackageFromSegment(rc.params.pkg ?? "");
      const bundle = pkg ? await readBundle(pkg, rc.params.file ?? "") : undefined;
      if (!bundle) throw notFound("script");
      rc.res.writeHead(200, {
        "Content-Type": bundle.contentType,
        "Content-Length": bundle.body.length,
        "Cache-Control": "public, max-age=3600",
      });
      rc.res.end(bundle.body);
      return HANDLED_MARK;
    },
    FAPI,
  );

  const environment = (rc: Parameters<Parameters<Router["get"]>[1]>[0]) =>
    rt.sendBare(
      rt.exchange(rc),
      environmentJson({
        appOrigin: appOrigin(rc.req.headers) ?? "http://localhost:3000",
        restrictions: { ...ctx.state.access.restrictions },
      }),
    );
  router.get("/v1/environment", environment, FAPI);
  // Development instances PATCH it with `touch`; harmless to accept.
  router.patch("/v1/environment", environment, FAPI);

  router.get(
    "/v1/client",
    (rc) => {
      const ex = rt.exchange(rc);
      return rt.sendBare(ex, { response: rt.clientJson(ex), client: null });
    },
    FAPI,
  );

  // ClerkJS with `persistClient: false` destroys the whole client on sign-out.
  router.delete(
    "/v1/client",
    (rc) => {
      const ex = rt.exchange(rc);
      const before = rt.clientJson(ex);
      if (ex.client) endAll(rt, ex.client.id);
      rt.clearClientCookie(ex);
      const response = before
        ? { ...before, sessions: [], last_active_session_id: null, sign_in: null }
        : null;
      ex.client = undefined;
      return rt.sendBare(ex, { response, client: null });
    },
    FAPI,
  );

  router.get(
    "/v1/client/handshake",
    (rc) => {
      handleHandshake(rt, rc);
      return HANDLED_MARK;
    },
    FAPI,
  );

  registerSignInRoutes(router, rt);
  registerTicketRoutes(router, rt);
  registerSignUpRoutes(router, rt);
  registerSessionRoutes(router, rt);
  registerOrganizationFapiRoutes(router, rt);
  registerOrganizationAdminFapiRoutes(router, rt);

  // Test hook (secret key required): shorter token lifetimes for one user, so an e2e test can
  // watch refreshes and expiries without shortening the tokens of every other test.
  router.post("/__local_clerk/fapi/token_ttl", (rc) => {
    const body = jsonObjectBody(rc);
    const userId = body.user_id;
    const seconds = body.seconds;
    if (typeof userId !== "string" || !ctx.state.users.get(userId))
      throw invalidParam("user_id", "user_id must name an existing user.");
    if (
      seconds !== null &&
      (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TTL_SECONDS)
    ) {
      throw clerkError(
        422,
        "form_param_value_invalid",
        "is invalid",
        `seconds must be null or an integer between 1 and ${MAX_TTL_SECONDS}.`,
        { param_name: "seconds" },
      );
    }
    rt.ttlOverrides.set(userId, seconds as number | null);
    return {
      object: "token_ttl",
      user_id: userId,
      seconds: rt.ttlOverrides.ttlFor(userId, ctx.tokenTtlSeconds),
    };
  });

  return { runtime: rt };
}
