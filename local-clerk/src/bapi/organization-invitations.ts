import type { LocalClerkContext } from "../context";
import {
  isPlainObject,
  type JsonObject,
  jsonObjectBody,
  optBool,
  optInt,
  optObject,
  optString,
  parseJson,
  reqString,
} from "../http/body";
import { clerkError } from "../http/errors";
import type { Router } from "../http/router";
import {
  createOrgInvitations,
  type OrgInvitationInput,
  requireOrgInvitation,
  revokeOrgInvitation,
} from "../state/organization-invitation-ops";
import { organizationInvitationJson } from "../state/organization-serialize";
import type { OrganizationInvitationRecord } from "../state/organization-types";
import { paginate } from "./organization-params";
import { list, oneOf, str } from "./params";

const STATUSES = ["pending", "accepted", "revoked", "expired"] as const;

function invitationInput(body: JsonObject): OrgInvitationInput {
  optBool(body, "notify");
  return {
    emailAddress: reqString(body, "email_address"),
    role: reqString(body, "role"),
    inviterUserId: optString(body, "inviter_user_id"),
    publicMetadata: optObject(body, "public_metadata"),
    privateMetadata: optObject(body, "private_metadata"),
    redirectUrl: optString(body, "redirect_url"),
    expiresInDays: optInt(body, "expires_in_days", 1, 365),
  };
}

export function registerOrganizationInvitationRoutes(router: Router, ctx: LocalClerkContext): void {
  const d = ctx.state.organizations;
  const json = (i: OrganizationInvitationRecord, withOrganization = false) =>
    organizationInvitationJson(d.invitationView(i), ctx.baseUrl(), withOrganization);

  router.post("/v1/organizations/:id/invitations", (rc) => {
    const input = invitationInput(jsonObjectBody(rc));
    const [inv] = createOrgInvitations(d, rc.params.id as string, [input]);
    return json(inv as OrganizationInvitationRecord);
  });

  router.post("/v1/organizations/:id/invitations/bulk", (rc) => {
    const body = parseJson(rc);
    if (!Array.isArray(body) || body.length < 1 || body.length > 10 || !body.every(isPlainObject)) {
      throw clerkError(
        422,
        "form_param_value_invalid",
        "is invalid",
        "The body must be an array of 1 to 10 organization invitation objects.",
      );
    }
    const created = createOrgInvitations(d, rc.params.id as string, body.map(invitationInput));
    return { data: created.map((i) => json(i)), total_count: created.length };
  });

  router.get("/v1/organizations/:id/invitations", ({ params, query }) => {
    const org = d.orgs.require(params.id as string);
    const status = oneOf(query, "status", STATUSES);
    const all = d.invitations.list(
      { organizationId: org.id, status, emailAddresses: list(query, "email_address") },
      str(query, "order_by"),
    );
    return paginate(all, query, (i) => json(i));
  });

  router.get("/v1/organizations/:id/invitations/pending", ({ params, query }) => {
    const org = d.orgs.require(params.id as string);
    const all = d.invitations.list({ organizationId: org.id, status: "pending" }, undefined);
    return paginate(all, query, (i) => json(i));
  });

  router.get("/v1/organizations/:id/invitations/:invitation_id", ({ params }) =>
    json(requireOrgInvitation(d, params.id as string, params.invitation_id as string)),
  );

  router.post("/v1/organizations/:id/invitations/:invitation_id/revoke", (rc) => {
    const body = jsonObjectBody(rc);
    const requester = optString(body, "requesting_user_id");
    return json(revokeOrgInvitation(d, rc.params.id as string, rc.params.invitation_id as string, requester));
  });

  router.get("/v1/organization_invitations", ({ query }) => {
    const status = oneOf(query, "status", STATUSES);
    const all = d.invitations.list({ status, query: str(query, "query") }, str(query, "order_by"));
    return paginate(all, query, (i) => json(i, true));
  });

  router.get("/v1/users/:id/organization_invitations", ({ params, query }) => {
    const user = ctx.state.users.require(params.id as string);
    const status = oneOf(query, "status", STATUSES);
    const emails = user.emails.map((e) => e.email_address);
    const all = emails.length > 0 ? d.invitations.list({ status, emailAddresses: emails }, undefined) : [];
    return paginate(all, query, (i) => json(i, true));
  });
}
