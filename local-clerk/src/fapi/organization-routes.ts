import { formBody } from "../http/body";
import { clerkError } from "../http/errors";
import type { RequestContext, Router } from "../http/router";
import { acceptOrgInvitation } from "../state/organization-invitation-ops";
import { roleJson } from "../state/organization-serialize";
import type { OrganizationRecord } from "../state/organization-types";
import { ADMIN_ROLE } from "../state/roles";
import { FAPI, member as memberOf, me as meOf, pageOf } from "./organization-access";
import {
  fapiMembershipJson,
  fapiOrganizationJson,
  sortNewest,
  userOrganizationInvitationJson,
} from "./organization-serializers";
import type { FapiRuntime } from "./runtime";

/**
 * What `<OrganizationSwitcher/>`, `useOrganizationList()` and the organization's own reads call
 * (FAPI, cookie session; `/v1/organizations/*` share paths with BAPI and win without a Bearer key).
 */
export function registerOrganizationFapiRoutes(router: Router, rt: FapiRuntime): void {
  const d = rt.state.organizations;
  const base = () => rt.ctx.baseUrl();
  const me = (rc: RequestContext) => meOf(rt, rc);
  const member = (rc: RequestContext, permission?: string) => memberOf(rt, rc, permission);
  const orgJson = (o: OrganizationRecord) => fapiOrganizationJson(o, d.counts(o.id), base());

  router.get(
    "/v1/me/organization_memberships",
    (rc) => {
      const { ex, user } = me(rc);
      const all = sortNewest([...d.memberships.ofUser(user.id).values()]);
      const page = pageOf(rc, all);
      const data = page.data.map((m) => fapiMembershipJson(d.membershipView(m), base()));
      return rt.sendBare(ex, { response: { ...page, data }, client: null });
    },
    FAPI,
  );

  router.delete(
    "/v1/me/organization_memberships/:id",
    (rc) => {
      const { ex, user, org } = member(rc);
      const m = d.memberships.get(org.id, user.id);
      const view = m && fapiMembershipJson(d.membershipView(m), base());
      d.deleteMembership(org.id, user.id);
      return rt.send(ex, { ...view, deleted: true });
    },
    FAPI,
  );

  router.get(
    "/v1/me/organization_invitations",
    (rc) => {
      const { ex, user } = me(rc);
      const status = rc.query.get("status") || undefined;
      const emails = user.emails.map((e) => e.email_address);
      const all = d.invitations
        .list({ emailAddresses: emails }, undefined)
        .filter((i) => !status || status.split(",").includes(i.status));
      const page = pageOf(rc, all);
      const data = page.data.map((i) => userOrganizationInvitationJson(d.invitationView(i), base()));
      return rt.sendBare(ex, { response: { ...page, data }, client: null });
    },
    FAPI,
  );

  router.post(
    "/v1/me/organization_invitations/:id/accept",
    (rc) => {
      const { ex, user } = me(rc);
      const own = d.invitations.get(rc.params.id as string);
      if (
        !own ||
        !user.emails.some((e) => e.email_address.toLowerCase() === own.email_address.toLowerCase())
      ) {
        throw clerkError(
          404,
          "organization_invitation_not_found",
          "not found",
          `No invitation found with id ${rc.params.id}.`,
        );
      }
      const accepted = acceptOrgInvitation(d, own.id, user.id);
      return rt.send(ex, userOrganizationInvitationJson(d.invitationView(accepted), base()));
    },
    FAPI,
  );

  // Verified domains are off, so there are never suggestions.
  router.get(
    "/v1/me/organization_suggestions",
    (rc) => {
      const { ex } = me(rc);
      return rt.sendBare(ex, { response: { data: [], total_count: 0 }, client: null });
    },
    FAPI,
  );

  router.post(
    "/v1/organizations",
    (rc) => {
      const { ex, user } = me(rc);
      const form = formBody(rc);
      const org = d.createOrganization({
        name: form.get("name") ?? "",
        slug: form.get("slug") || undefined,
        createdBy: user.id,
      });
      return rt.send(ex, orgJson(org));
    },
    FAPI,
  );

  router.get(
    "/v1/organizations/:id",
    (rc) => {
      const { ex, org } = member(rc);
      return rt.sendBare(ex, { response: orgJson(org), client: null });
    },
    FAPI,
  );

  router.get(
    "/v1/organizations/:id/memberships",
    (rc) => {
      const { ex, org } = member(rc, "org:sys_memberships:read");
      const roles = rc.query.getAll("role").flatMap((r) => r.split(","));
      const all = sortNewest([...d.memberships.ofOrganization(org.id).values()]).filter(
        (m) => roles.length === 0 || roles.includes(m.role),
      );
      const page = pageOf(rc, all);
      const data = page.data.map((m) => fapiMembershipJson(d.membershipView(m), base()));
      return rt.sendBare(ex, { response: { ...page, data }, client: null });
    },
    FAPI,
  );

  router.get(
    "/v1/organizations/:id/roles",
    (rc) => {
      const { ex } = member(rc);
      const all = [...d.roles.roles.values()].sort((a, b) =>
        a.key === ADMIN_ROLE ? -1 : b.key === ADMIN_ROLE ? 1 : a.created_at - b.created_at,
      );
      const page = pageOf(rc, all);
      const data = page.data.map((r) => roleJson(r, d.roles.permissions));
      return rt.sendBare(ex, { response: { ...page, data }, client: null });
    },
    FAPI,
  );
}
