import { clerkError } from "../http/errors";
import type { OrganizationDomain } from "./organization-domain";
import type { RoleRecord } from "./organization-types";
import type { RoleInput } from "./roles";

/** A key change carries over to every membership and invitation that names the role. */
export function updateRole(d: OrganizationDomain, id: string, input: RoleInput): RoleRecord {
  const { role, previousKey } = d.roles.updateRole(id, input);
  if (role.key !== previousKey) {
    for (const m of [...d.memberships.all()]) {
      if (m.role === previousKey) d.memberships.put({ ...m, role: role.key });
    }
    for (const i of [...d.invitations.all()]) {
      if (i.role === previousKey) d.invitations.put({ ...i, role: role.key });
    }
  }
  return role;
}

/** Clerk refuses to delete a role that members hold or that pending invitations name. */
export function deleteRole(d: OrganizationDomain, id: string): RoleRecord {
  return d.roles.deleteRole(id, (key) => {
    for (const m of d.memberships.all()) {
      if (m.role === key) {
        throw clerkError(
          422,
          "organization_role_assigned_members",
          "role is assigned to organization members",
          "The organization role is currently assigned to one or more organization members.",
        );
      }
    }
    for (const i of d.invitations.all()) {
      if (i.role === key && d.invitations.get(i.id)?.status === "pending") {
        throw clerkError(
          422,
          "organization_role_exists_in_invitations",
          "role exists in pending organization invitations",
          "The organization role exists in one or more pending organization invitations. Please revoke these invitations to proceed.",
        );
      }
    }
  });
}
