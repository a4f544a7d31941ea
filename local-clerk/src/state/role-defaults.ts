import { createHash } from "node:crypto";
import type { PermissionRecord, RoleRecord } from "./organization-types";

/** Clerk's System Permissions (docs: Roles and Permissions), in Clerk's order. */
export const SYSTEM_PERMISSIONS: ReadonlyArray<[key: string, name: string, description: string]> = [
  ["org:sys_profile:manage", "Manage organization", "Permission to manage an organization."],
  ["org:sys_profile:delete", "Delete organization", "Permission to delete an organization."],
  ["org:sys_memberships:read", "Read members", "Permission to read the members of an organization."],
  ["org:sys_memberships:manage", "Manage members", "Permission to manage the members of an organization."],
  ["org:sys_domains:read", "Read domains", "Permission to read the domains of an organization."],
  ["org:sys_domains:manage", "Manage domains", "Permission to manage the domains of an organization."],
  ["org:sys_billing:read", "Read billing", "Permission to read the billing of an organization."],
  ["org:sys_billing:manage", "Manage billing", "Permission to manage the billing of an organization."],
  ["org:sys_entconns:manage", "Manage enterprise connections", "Permission to manage self-serve SSO."],
];

export const ADMIN_ROLE = "org:admin";
export const MEMBER_ROLE = "org:member";
/** The creator role must keep these (Clerk refuses to strip them). */
export const CREATOR_REQUIRED = [
  "org:sys_memberships:manage",
  "org:sys_memberships:read",
  "org:sys_profile:delete",
];
const MEMBER_DEFAULT = ["org:sys_memberships:read", "org:sys_billing:read"];
/** Clerk's development-instance limit on custom roles. */
export const MAX_CUSTOM_ROLES = 10;

export const ROLE_KEY = /^org:[a-z0-9_]+$/;
export const PERMISSION_KEY = /^org:[a-z0-9_]+:[a-z0-9_]+$/;

const DEFAULTS_CREATED_AT = Date.UTC(2024, 0, 1);
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A Clerk-shaped id derived from a key (prefix + 27 base62 characters), the same in every instance. */
function stableId(prefix: string, key: string): string {
  const digest = createHash("sha256").update(`local-clerk:${key}`).digest();
  let out = `${prefix}_`;
  for (let i = 0; i < 27; i++) out += BASE62[(digest[i] as number) % 62];
  return out;
}

/**
 * Fixed ids and timestamps, so a seeded, a restored and a fresh instance have identical defaults
 * (a restore then replaces them instead of adding a second set).
 */
export function defaultPermissions(): PermissionRecord[] {
  return SYSTEM_PERMISSIONS.map(([key, name, description]) => ({
    id: stableId("perm", key),
    key,
    name,
    description,
    type: "system",
    created_at: DEFAULTS_CREATED_AT,
    updated_at: DEFAULTS_CREATED_AT,
  }));
}

export function defaultRoles(): RoleRecord[] {
  const defaults: [string, string, string, string[], boolean][] = [
    [ADMIN_ROLE, "Admin", "Role with elevated permissions", SYSTEM_PERMISSIONS.map(([k]) => k), true],
    [MEMBER_ROLE, "Member", "Role with non-privileged permissions", MEMBER_DEFAULT, false],
  ];
  return defaults.map(([key, name, description, perms, creator]) => ({
    id: stableId("role", key),
    key,
    name,
    description,
    permission_ids: perms.map((k) => stableId("perm", k)),
    is_creator_eligible: creator,
    created_at: DEFAULTS_CREATED_AT,
    updated_at: DEFAULTS_CREATED_AT,
  }));
}
