import type { LocalClerkContext } from "../context";
import type { Router } from "../http/router";
import { jwksJson } from "../keys";
import { registerAccessListRoutes } from "./access-lists";
import { registerAdminBapiRoutes } from "./admin-routes";
import { registerInvitationRoutes } from "./invitations";
import { registerOrganizationBapiRoutes } from "./organization-routes";
import { registerSessionRoutes } from "./sessions";
import { registerSignInTicketRoutes } from "./sign-in-tickets";
import { registerUserRoutes } from "./users";

export function registerBapiRoutes(router: Router, ctx: LocalClerkContext): void {
  router.get("/v1/jwks", () => jwksJson(ctx.key));
  registerUserRoutes(router, ctx);
  registerInvitationRoutes(router, ctx);
  registerSessionRoutes(router, ctx);
  registerOrganizationBapiRoutes(router, ctx);
  registerAccessListRoutes(router, ctx);
  registerSignInTicketRoutes(router, ctx);
  registerAdminBapiRoutes(router, ctx);
}
