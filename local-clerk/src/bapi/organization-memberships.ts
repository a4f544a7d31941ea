import type { LocalClerkContext } from "../context";
import { jsonObjectBody, optObject, reqString } from "../http/body";
import type { RequestContext, Router } from "../http/router";
import { membershipJson } from "../state/organization-serialize";
import type { OrganizationMembershipRecord } from "../state/organization-types";
import { membershipFilter, queryMemberships } from "./organization-membership-query";
import { metadataPatch, paginate } from "./organization-params";
import { str } from "./params";

export function registerOrganizationMembershipRoutes(router: Router, ctx: LocalClerkContext): void {
  const d = ctx.state.organizations;
  const json = (m: OrganizationMembershipRecord) => membershipJson(d.membershipView(m), ctx.baseUrl());
  const ids = (rc: RequestContext) => [rc.params.id as string, rc.params.user_id as string] as const;
  const users = (id: string) => ctx.state.users.get(id);

  router.post("/v1/organizations/:id/memberships", (rc) => {
    const body = jsonObjectBody(rc);
    const m = d.createMembership(rc.params.id as string, {
      userId: reqString(body, "user_id"),
      role: reqString(body, "role"),
      publicMetadata: optObject(body, "public_metadata"),
      privateMetadata: optObject(body, "private_metadata"),
    });
    return json(m);
  });

  router.get("/v1/organizations/:id/memberships", ({ params, query }) => {
    const org = d.orgs.require(params.id as string);
    const filter = membershipFilter(query);
    const all = queryMemberships(
      d.memberships.ofOrganization(org.id).values(),
      users,
      filter,
      str(query, "order_by"),
    );
    return paginate(all, query, json);
  });

  router.patch("/v1/organizations/:id/memberships/:user_id", (rc) => {
    const body = jsonObjectBody(rc);
    const role = reqString(body, "role");
    return json(d.updateMembershipRole(...ids(rc), role));
  });

  router.delete("/v1/organizations/:id/memberships/:user_id", (rc) => {
    const [orgId, userId] = ids(rc);
    const before = json(d.requireMembership(orgId, userId));
    d.deleteMembership(orgId, userId);
    return before;
  });

  router.patch("/v1/organizations/:id/memberships/:user_id/metadata", (rc) => {
    const patch = metadataPatch(jsonObjectBody(rc));
    return json(d.mergeMembershipMetadata(...ids(rc), patch));
  });

  router.get("/v1/organization_memberships", ({ query }) => {
    const all = queryMemberships(d.memberships.all(), users, {}, str(query, "order_by"));
    return paginate(all, query, json);
  });

  router.get("/v1/users/:id/organization_memberships", ({ params, query }) => {
    const user = ctx.state.users.require(params.id as string);
    const all = queryMemberships(d.memberships.ofUser(user.id).values(), users, {}, undefined);
    return paginate(all, query, json);
  });
}
