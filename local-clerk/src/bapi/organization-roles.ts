import type { LocalClerkContext } from "../context";
import { type JsonObject, jsonObjectBody, optBool, optString, optStringArray, reqString } from "../http/body";
import { invalidParam } from "../http/errors";
import type { Router } from "../http/router";
import { deleteRole, updateRole } from "../state/organization-role-ops";
import { permissionJson, roleJson } from "../state/organization-serialize";
import type { PermissionRecord, RoleRecord } from "../state/organization-types";
import { sortByKey } from "../state/sort";
import { paginate, rejectUnknown } from "./organization-params";
import { str } from "./params";

const ORDER_FIELDS = ["created_at", "name", "key"] as const;

/** Clerk's role/permission lists: exact id or partial name/key `query`, `order_by` ±created_at/name/key. */
function search<T extends RoleRecord | PermissionRecord>(items: Iterable<T>, q: URLSearchParams): T[] {
  const raw = str(q, "order_by") ?? "-created_at";
  const desc = raw.startsWith("-");
  const field = raw.replace(/^[+-]/, "") as (typeof ORDER_FIELDS)[number];
  if (!ORDER_FIELDS.includes(field)) {
    throw invalidParam(
      "order_by",
      `order_by must be one of ${ORDER_FIELDS.map((f) => `[+-]${f}`).join(", ")}; got '${raw}'.`,
    );
  }
  const query = str(q, "query")?.trim();
  const lower = query?.toLowerCase();
  const out = [...items].filter(
    (x) => !lower || x.id === query || x.name.toLowerCase().includes(lower) || x.key.includes(lower),
  );
  const key = (x: T) => (field === "created_at" ? x.created_at : x[field].toLowerCase());
  return sortByKey(out, key, desc);
}

function nonEmpty(body: JsonObject, key: string): string | undefined {
  const v = optString(body, key);
  if (v === "") throw invalidParam(key, `${key} is invalid. Must be not empty`);
  return v ?? undefined;
}

export function registerOrganizationRoleRoutes(router: Router, ctx: LocalClerkContext): void {
  const d = ctx.state.organizations;
  const roles = d.roles;
  const role = (r: RoleRecord) => roleJson(r, roles.permissions);

  router.get("/v1/organization_roles", ({ query }) =>
    paginate(search(roles.roles.values(), query), query, role),
  );

  router.post("/v1/organization_roles", (rc) => {
    const body = jsonObjectBody(rc);
    rejectUnknown(body, ["name", "key", "description", "permissions", "include_in_initial_role_set"]);
    optBool(body, "include_in_initial_role_set");
    return role(
      roles.createRole({
        name: reqString(body, "name"),
        key: reqString(body, "key"),
        description: optString(body, "description"),
        permissionIds: optStringArray(body, "permissions"),
      }),
    );
  });

  router.get("/v1/organization_roles/:id", ({ params }) => role(roles.requireRole(params.id as string)));

  router.patch("/v1/organization_roles/:id", (rc) => {
    const body = jsonObjectBody(rc);
    rejectUnknown(body, ["name", "key", "description", "permissions"]);
    return role(
      updateRole(d, rc.params.id as string, {
        name: nonEmpty(body, "name"),
        key: nonEmpty(body, "key"),
        description: optString(body, "description"),
        permissionIds: optStringArray(body, "permissions"),
      }),
    );
  });

  router.delete("/v1/organization_roles/:id", ({ params }) => {
    const r = deleteRole(d, params.id as string);
    return { object: "role", id: r.id, deleted: true };
  });

  router.post("/v1/organization_roles/:id/permissions/:permission_id", ({ params }) =>
    role(roles.setRolePermission(params.id as string, params.permission_id as string, true)),
  );
  router.delete("/v1/organization_roles/:id/permissions/:permission_id", ({ params }) =>
    role(roles.setRolePermission(params.id as string, params.permission_id as string, false)),
  );

  router.get("/v1/organization_permissions", ({ query }) =>
    paginate(search(roles.permissions.values(), query), query, permissionJson),
  );

  router.post("/v1/organization_permissions", (rc) => {
    const body = jsonObjectBody(rc);
    return permissionJson(
      roles.createPermission({
        name: reqString(body, "name"),
        key: reqString(body, "key"),
        description: optString(body, "description") ?? undefined,
      }),
    );
  });

  router.get("/v1/organization_permissions/:id", ({ params }) =>
    permissionJson(roles.requirePermission(params.id as string)),
  );

  router.patch("/v1/organization_permissions/:id", (rc) => {
    const body = jsonObjectBody(rc);
    return permissionJson(
      roles.updatePermission(rc.params.id as string, {
        name: nonEmpty(body, "name"),
        key: nonEmpty(body, "key"),
        description: optString(body, "description") ?? undefined,
      }),
    );
  });

  router.delete("/v1/organization_permissions/:id", ({ params }) => {
    const p = roles.deletePermission(params.id as string);
    return { object: "permission", id: p.id, deleted: true };
  });
}
