import type { LocalClerkContext } from "../context";
import { jsonObjectBody, optBool, optInt, optObject, optString, reqString } from "../http/body";
import { clerkError } from "../http/errors";
import type { RequestContext, Router } from "../http/router";
import { organizationDeletedJson, organizationJson } from "../state/organization-serialize";
import type { OrganizationRecord } from "../state/organization-types";
import { organizationNotFound } from "../state/organizations";
import { readLogo, sendImage } from "./organization-logo";
import { metadataPatch, optTime, paginate, rejectUnknown, signedIds } from "./organization-params";
import { bool, str } from "./params";

const MAX_MEMBERSHIPS = 1_000_000;
const UPDATE_KEYS = [
  "name",
  "slug",
  "max_allowed_memberships",
  "admin_delete_enabled",
  "created_at",
  "role_set_key",
];

export function registerOrganizationRoutes(router: Router, ctx: LocalClerkContext): void {
  const d = ctx.state.organizations;
  const json = (o: OrganizationRecord, withCounts = false, withMissing = false) => ({
    ...organizationJson(o, ctx.baseUrl(), withCounts ? d.counts(o.id) : undefined),
    ...(withMissing ? { missing_member_with_elevated_permissions: d.missingElevatedMember(o.id) } : {}),
  });
  const flags = (q: URLSearchParams) =>
    [
      bool(q, "include_members_count") ?? false,
      bool(q, "include_missing_member_with_elevated_permissions") ?? false,
    ] as const;
  const changed = (o: OrganizationRecord) => {
    d.emitOrganization("organization.updated", o);
    return json(o);
  };

  router.get("/v1/organizations", ({ query }) => {
    const [withCounts, withMissing] = flags(query);
    const users = signedIds(query, "user_id");
    const toOrgIds = (ids: Set<string> | undefined) =>
      ids && new Set([...ids].flatMap((u) => [...d.memberships.ofUser(u).keys()]));
    const all = d.orgs.list(
      {
        query: str(query, "query"),
        ids: signedIds(query, "organization_id"),
        memberOf: users && { include: toOrgIds(users.include), exclude: toOrgIds(users.exclude) },
      },
      str(query, "order_by"),
      (id) => d.memberships.count(id),
    );
    return paginate(all, query, (o) => json(o, withCounts, withMissing));
  });

  router.post("/v1/organizations", (rc) => {
    const body = jsonObjectBody(rc);
    optString(body, "role_set_key");
    const org = d.createOrganization({
      name: reqString(body, "name"),
      slug: optString(body, "slug"),
      createdBy: optString(body, "created_by"),
      maxAllowedMemberships: optInt(body, "max_allowed_memberships", 0, MAX_MEMBERSHIPS),
      publicMetadata: optObject(body, "public_metadata"),
      privateMetadata: optObject(body, "private_metadata"),
      createdAt: optTime(body, "created_at"),
    });
    return json(org);
  });

  router.get("/v1/organizations/:id", ({ params, query }) => {
    const [withCounts, withMissing] = flags(query);
    return json(d.orgs.require(params.id as string), withCounts, withMissing);
  });

  // API version 2026-05-12: metadata goes through /metadata, so PATCH refuses it like any unknown key.
  router.patch("/v1/organizations/:id", (rc) => {
    const body = jsonObjectBody(rc);
    rejectUnknown(body, UPDATE_KEYS);
    const input = {
      name: optString(body, "name"),
      slug: optString(body, "slug"),
      maxAllowedMemberships: optInt(body, "max_allowed_memberships", 0, MAX_MEMBERSHIPS),
      adminDeleteEnabled: optBool(body, "admin_delete_enabled"),
      createdAt: optTime(body, "created_at"),
    };
    optString(body, "role_set_key");
    return changed(d.orgs.update(orgId(rc), input));
  });

  router.delete("/v1/organizations/:id", (rc) => organizationDeletedJson(d.deleteOrganization(orgId(rc))));

  router.patch("/v1/organizations/:id/metadata", (rc) =>
    changed(d.orgs.mergeMetadata(orgId(rc), metadataPatch(jsonObjectBody(rc)))),
  );
  router.put("/v1/organizations/:id/metadata", (rc) =>
    changed(d.orgs.replaceMetadata(orgId(rc), metadataPatch(jsonObjectBody(rc)))),
  );

  router.put("/v1/organizations/:id/logo", async (rc) => {
    const org = d.orgs.require(orgId(rc));
    const { logo, uploaderUserId } = await readLogo(rc);
    if (uploaderUserId) ctx.state.users.require(uploaderUserId);
    const next = d.orgs.setLogo(org.id, logo);
    d.emitOrganization("organization.updated", next);
    const out = json(next);
    return { ...out, logo_url: out.image_url };
  });

  router.delete("/v1/organizations/:id/logo", (rc) => {
    const org = d.orgs.require(orgId(rc));
    if (!org.logo) throw clerkError(404, "image_not_found", "Image not found", "Image not found");
    return changed(d.orgs.setLogo(org.id, null));
  });

  // Logos are stored in Local Clerk's state and served here, so image_url works offline.
  router.get(
    "/__local_clerk/images/organizations/:id",
    (rc) => {
      const logo = d.orgs.get(rc.params.id as string)?.logo;
      if (!logo) throw organizationNotFound();
      return sendImage(rc, logo);
    },
    { auth: false },
  );
}

function orgId(rc: RequestContext): string {
  return rc.params.id as string;
}
