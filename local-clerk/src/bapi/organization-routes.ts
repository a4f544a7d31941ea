import type { LocalClerkContext } from "../context";
import type { Router } from "../http/router";
import { registerOrganizationBillingRoutes } from "./billing";
import { registerOrganizationInvitationRoutes } from "./organization-invitations";
import { registerOrganizationMembershipRoutes } from "./organization-memberships";
import { registerOrganizationRoleRoutes } from "./organization-roles";
import { registerOrganizationRoutes } from "./organizations";

/** Organizations, memberships, organization invitations, roles and permissions (BAPI). */
export function registerOrganizationBapiRoutes(router: Router, ctx: LocalClerkContext): void {
  registerOrganizationRoutes(router, ctx);
  registerOrganizationBillingRoutes(router, ctx);
  registerOrganizationMembershipRoutes(router, ctx);
  registerOrganizationInvitationRoutes(router, ctx);
  registerOrganizationRoleRoutes(router, ctx);
}
