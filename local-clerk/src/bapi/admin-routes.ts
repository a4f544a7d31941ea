import type { LocalClerkContext } from "../context";
import type { Router } from "../http/router";
import { registerIdentificationRoutes } from "./identifications";
import { registerUserAccountRoutes } from "./user-account";
import { registerUserFactorRoutes } from "./user-factors";

/** Users (beyond the core), email addresses, phone numbers, session tokens, JWT templates, clients, waitlist. */
export function registerAdminBapiRoutes(router: Router, ctx: LocalClerkContext): void {
  registerUserAccountRoutes(router, ctx);
  registerUserFactorRoutes(router, ctx);
  registerIdentificationRoutes(router, ctx);
}
