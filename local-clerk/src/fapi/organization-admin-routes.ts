import { readLogo } from "../bapi/organization-logo";
import { formBody } from "../http/body";
import { clerkError, missingParam } from "../http/errors";
import type { RequestContext, Router } from "../http/router";
import { createOrgInvitations, revokeOrgInvitation } from "../state/organization-invitation-ops";
import { organizationDeletedJson } from "../state/organization-serialize";
import { FAPI, member, pageOf } from "./organization-access";
import { fapiMembershipJson, fapiOrganizationJson, fapiOrgInvitationJson } from "./organization-serializers";
import type { FapiRuntime } from "./runtime";

const MANAGE_MEMBERS = "org:sys_memberships:manage";

function required(form: URLSearchParams, key: string): string {
  const v = form.get(key);
  if (!v) throw missingParam(key);
  return v;
}

/**
 * `<OrganizationProfile/>`: an admin's invitations, role changes, removals, rename and delete, with
 * Clerk's system permissions as the gate. Verified domains and membership requests are off (empty).
 */
export function registerOrganizationAdminFapiRoutes(router: Router, rt: FapiRuntime): void {
  const d = rt.state.organizations;
  const base = () => rt.ctx.baseUrl();
  const inv = (i: Parameters<typeof d.invitationView>[0]) => fapiOrgInvitationJson(d.invitationView(i));
  const empty = (rc: RequestContext) => {
    const { ex } = member(rt, rc);
    return rt.sendBare(ex, { response: { data: [], total_count: 0 }, client: null });
  };
  router.get("/v1/organizations/:id/domains", empty, FAPI);
  router.get("/v1/organizations/:id/membership_requests", empty, FAPI);

  router.get(
    "/v1/organizations/:id/invitations",
    (rc) => {
      const { ex, org } = member(rt, rc, MANAGE_MEMBERS);
      const statuses = rc.query
        .getAll("status")
        .flatMap((s) => s.split(","))
        .filter(Boolean);
      const all = d.invitations
        .list({ organizationId: org.id }, undefined)
        .filter((i) => statuses.length === 0 || statuses.includes(i.status));
      const page = pageOf(rc, all);
      return rt.sendBare(ex, { response: { ...page, data: page.data.map(inv) }, client: null });
    },
    FAPI,
  );

  const invite = (rc: RequestContext, bulk: boolean) => {
    const { ex, org, user } = member(rt, rc, MANAGE_MEMBERS);
    const form = formBody(rc);
    const role = required(form, "role");
    const emails = form.getAll("email_address").filter(Boolean);
    if (emails.length === 0) throw missingParam("email_address");
    const created = createOrgInvitations(
      d,
      org.id,
      emails.map((emailAddress) => ({ emailAddress, role, inviterUserId: user.id })),
    );
    return rt.send(ex, bulk ? created.map(inv) : inv(created[0] as (typeof created)[number]));
  };
  router.post("/v1/organizations/:id/invitations", (rc) => invite(rc, false), FAPI);
  router.post("/v1/organizations/:id/invitations/bulk", (rc) => invite(rc, true), FAPI);

  router.post(
    "/v1/organizations/:id/invitations/:invitation_id/revoke",
    (rc) => {
      const { ex, org, user } = member(rt, rc, MANAGE_MEMBERS);
      return rt.send(ex, inv(revokeOrgInvitation(d, org.id, rc.params.invitation_id as string, user.id)));
    },
    FAPI,
  );

  router.patch(
    "/v1/organizations/:id/memberships/:user_id",
    (rc) => {
      const { ex, org } = member(rt, rc, MANAGE_MEMBERS);
      const m = d.updateMembershipRole(org.id, rc.params.user_id as string, required(formBody(rc), "role"));
      return rt.send(ex, fapiMembershipJson(d.membershipView(m), base()));
    },
    FAPI,
  );

  router.delete(
    "/v1/organizations/:id/memberships/:user_id",
    (rc) => {
      const { ex, org } = member(rt, rc, MANAGE_MEMBERS);
      const m = d.requireMembership(org.id, rc.params.user_id as string);
      const json = fapiMembershipJson(d.membershipView(m), base());
      d.deleteMembership(org.id, m.user_id);
      return rt.send(ex, json);
    },
    FAPI,
  );

  router.patch(
    "/v1/organizations/:id",
    (rc) => {
      const { ex, org } = member(rt, rc, "org:sys_profile:manage");
      const form = formBody(rc);
      const next = d.orgs.update(org.id, { name: form.get("name"), slug: form.get("slug") || null });
      d.emitOrganization("organization.updated", next);
      return rt.send(ex, fapiOrganizationJson(next, d.counts(next.id), base()));
    },
    FAPI,
  );

  const logo = async (rc: RequestContext, upload: boolean) => {
    const { ex, org } = member(rt, rc, "org:sys_profile:manage");
    const next = d.orgs.setLogo(org.id, upload ? (await readLogo(rc)).logo : null);
    d.emitOrganization("organization.updated", next);
    return rt.send(ex, fapiOrganizationJson(next, d.counts(next.id), base()));
  };
  router.put("/v1/organizations/:id/logo", (rc) => logo(rc, true), FAPI);
  router.delete("/v1/organizations/:id/logo", (rc) => logo(rc, false), FAPI);

  router.delete(
    "/v1/organizations/:id",
    (rc) => {
      const { ex, org } = member(rt, rc, "org:sys_profile:delete");
      if (!org.admin_delete_enabled) {
        throw clerkError(
          403,
          "organization_admin_delete_not_enabled",
          "admin delete not enabled",
          "Deletion by admin is not enabled for this organization.",
        );
      }
      return rt.send(ex, organizationDeletedJson(d.deleteOrganization(org.id)));
    },
    FAPI,
  );
}
