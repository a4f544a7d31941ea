import type { LocalClerkContext } from "../context";
import type { Router } from "../http/router";
import { registerClientRoutes } from "./clients";
import { registerIdentificationRoutes } from "./identifications";
import { registerJwtTemplateRoutes } from "./jwt-templates";
import { registerSessionTokenRoutes } from "./session-tokens";
import { registerUserAccountRoutes } from "./user-account";
import { registerUserFactorRoutes } from "./user-factors";
import { registerWaitlistRoutes } from "./waitlist";

/** Users (beyond the core), email addresses, phone numbers, session tokens, JWT templates, clients, waitlist. */
export function registerAdminBapiRoutes(router: Router, ctx: LocalClerkContext): void {
  registerUserAccountRoutes(router, ctx);
  registerUserFactorRoutes(router, ctx);
  registerIdentificationRoutes(router, ctx);
  registerSessionTokenRoutes(router, ctx);
  registerJwtTemplateRoutes(router, ctx);
  registerClientRoutes(router, ctx);
  registerWaitlistRoutes(router, ctx);
}
