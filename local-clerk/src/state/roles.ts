import { createHash } from "node:crypto";
import { clerkError, invalidParam } from "../http/errors";
import { newId } from "./ids";
import { permissionJson, roleJson } from "./organization-serialize";
import type { OrganizationEvent, PermissionRecord, RoleRecord } from "./organization-types";
import type { Clock } from "./types";

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
const CREATOR_REQUIRED = ["org:sys_memberships:manage", "org:sys_memberships:read", "org:sys_profile:delete"];
const MEMBER_DEFAULT = ["org:sys_memberships:read", "org:sys_billing:read"];
/** Clerk's development-instance limit on custom roles. */
export const MAX_CUSTOM_ROLES = 10;

const ROLE_KEY = /^org:[a-z0-9_]+$/;
const DEFAULTS_CREATED_AT = Date.UTC(2024, 0, 1);
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A Clerk-shaped id derived from a key (prefix + 27 base62 characters). */
function stableId(prefix: string, key: string): string {
  const digest = createHash("sha256").update(`local-clerk:${key}`).digest();
  let out = `${prefix}_`;
  for (let i = 0; i < 27; i++) out += BASE62[(digest[i] as number) % 62];
  return out;
}
const PERMISSION_KEY = /^org:[a-z0-9_]+:[a-z0-9_]+$/;

export interface RoleInput {
  name?: string;
  key?: string;
  description?: string | null;
  permissionIds?: string[];
}

type Emit = (e: OrganizationEvent) => void;
type Opts = { silent?: boolean; rand?: () => number; at?: number };

/** Instance-wide organization roles and permissions, with Clerk's defaults built in. */
export class RoleStore {
  readonly roles = new Map<string, RoleRecord>();
  readonly permissions = new Map<string, PermissionRecord>();
  private readonly roleByKey = new Map<string, string>();
  private readonly permissionByKey = new Map<string, string>();

  constructor(
    private readonly clock: Clock,
    private readonly emit: Emit,
  ) {}

  /**
   * Clerk's system permissions and the `org:admin` / `org:member` roles, when absent. Their ids and
   * timestamps are fixed, so every instance (seeded, restored, fresh) has the same defaults.
   */
  ensureDefaults(): void {
    const at = DEFAULTS_CREATED_AT;
    for (const [key, name, description] of SYSTEM_PERMISSIONS) {
      if (this.permissionByKey.has(key)) continue;
      this.loadPermission({
        id: stableId("perm", key),
        key,
        name,
        description,
        type: "system",
        created_at: at,
        updated_at: at,
      });
    }
    const ids = (keys: string[]) => keys.map((k) => this.permissionByKey.get(k) as string);
    const defaults: [string, string, string, string[], boolean][] = [
      [ADMIN_ROLE, "Admin", "Role with elevated permissions", SYSTEM_PERMISSIONS.map(([k]) => k), true],
      [MEMBER_ROLE, "Member", "Role with non-privileged permissions", MEMBER_DEFAULT, false],
    ];
    for (const [key, name, description, perms, creator] of defaults) {
      if (this.roleByKey.has(key)) continue;
      this.loadRole({
        id: stableId("role", key),
        key,
        name,
        description,
        permission_ids: ids(perms),
        is_creator_eligible: creator,
        created_at: at,
        updated_at: at,
      });
    }
  }

  loadRole(r: RoleRecord): void {
    const prev = this.roles.get(r.id);
    if (prev) this.roleByKey.delete(prev.key);
    this.roles.set(r.id, r);
    this.roleByKey.set(r.key, r.id);
  }

  loadPermission(p: PermissionRecord): void {
    const prev = this.permissions.get(p.id);
    if (prev) this.permissionByKey.delete(prev.key);
    this.permissions.set(p.id, p);
    this.permissionByKey.set(p.key, p.id);
  }

  roleByKeyOrUndefined(key: string): RoleRecord | undefined {
    const id = this.roleByKey.get(key);
    return id ? this.roles.get(id) : undefined;
  }

  /** Clerk answers an unknown role (also an unprefixed legacy one like `admin`) with this 404. */
  requireRoleKey(key: string): RoleRecord {
    const role = this.roleByKeyOrUndefined(key);
    if (!role) {
      throw clerkError(404, "resource_not_found", "not found", "Organization role not found", {
        param_name: "role",
      });
    }
    return role;
  }

  requireRole(id: string): RoleRecord {
    const role = this.roles.get(id);
    if (!role) throw clerkError(404, "resource_not_found", "not found", "Organization role not found");
    return role;
  }

  requirePermission(id: string): PermissionRecord {
    const p = this.permissions.get(id);
    if (!p) throw clerkError(404, "resource_not_found", "not found", "Organization permission not found");
    return p;
  }

  /** Permission keys of a role, system ones first, as Clerk lists them on a membership. */
  permissionKeys(roleKey: string): string[] {
    const role = this.roleByKeyOrUndefined(roleKey);
    if (!role) return [];
    return role.permission_ids
      .map((id) => this.permissions.get(id))
      .filter((p): p is PermissionRecord => !!p)
      .map((p) => p.key);
  }

  hasPermission(roleKey: string, permissionKey: string): boolean {
    return this.permissionKeys(roleKey).includes(permissionKey);
  }

  roleName(roleKey: string): string {
    return this.roleByKeyOrUndefined(roleKey)?.name ?? roleKey;
  }

  createRole(input: Required<Pick<RoleInput, "name" | "key">> & RoleInput, opts: Opts = {}): RoleRecord {
    this.assertRoleKey(input.key);
    const custom = [...this.roles.values()].filter((r) => r.key !== ADMIN_ROLE && r.key !== MEMBER_ROLE);
    if (custom.length >= MAX_CUSTOM_ROLES) {
      throw clerkError(
        403,
        "organization_instance_roles_quota_exceeded",
        "organization roles for instance quota exceeded",
        `You have reached your limit of ${MAX_CUSTOM_ROLES} organization roles per instance.`,
      );
    }
    const ids = this.resolvePermissions(input.permissionIds ?? []);
    const now = opts.at ?? this.clock.now();
    const role: RoleRecord = {
      id: newId("role", opts.rand),
      key: input.key,
      name: input.name,
      description: input.description ?? null,
      permission_ids: ids,
      is_creator_eligible: CREATOR_REQUIRED.every((k) => ids.includes(this.permissionByKey.get(k) ?? "")),
      created_at: now,
      updated_at: now,
    };
    this.loadRole(role);
    if (!opts.silent) this.emitRole("role.created", role);
    return role;
  }

  /** Validates everything before writing; returns the new record and the previous key. */
  updateRole(id: string, input: RoleInput): { role: RoleRecord; previousKey: string } {
    const current = this.requireRole(id);
    const next: RoleRecord = { ...current, updated_at: this.clock.now() };
    if (input.key !== undefined && input.key !== current.key) {
      if (current.key === ADMIN_ROLE || current.key === MEMBER_ROLE) {
        throw invalidParam("key", "The key of a default role cannot be changed.");
      }
      this.assertRoleKey(input.key);
      next.key = input.key;
    }
    if (input.name !== undefined) next.name = input.name;
    if (input.description !== undefined) next.description = input.description;
    if (input.permissionIds !== undefined) next.permission_ids = this.resolvePermissions(input.permissionIds);
    this.assertCreatorPermissions(next);
    this.loadRole(next);
    this.emitRole("role.updated", next);
    return { role: next, previousKey: current.key };
  }

  setRolePermission(roleId: string, permissionId: string, assign: boolean): RoleRecord {
    const role = this.requireRole(roleId);
    this.requirePermission(permissionId);
    const has = role.permission_ids.includes(permissionId);
    if (assign && has) {
      throw clerkError(
        409,
        "organization_role_permission_association_exists",
        "permission already assigned to role",
        "This organization permission is already associated to this organization role.",
      );
    }
    if (!assign && !has) {
      throw clerkError(
        404,
        "organization_role_permission_association_not_found",
        "permission not assigned to role",
        "This organization permission is not associated with the organization role.",
      );
    }
    const ids = assign
      ? [...role.permission_ids, permissionId]
      : role.permission_ids.filter((p) => p !== permissionId);
    const next = { ...role, permission_ids: ids, updated_at: this.clock.now() };
    this.assertCreatorPermissions(next);
    this.loadRole(next);
    this.emitRole("role.updated", next);
    return next;
  }

  /** `assertUnused` throws Clerk's 422 when members or pending invitations still have the role. */
  deleteRole(id: string, assertUnused: (key: string) => void): RoleRecord {
    const role = this.requireRole(id);
    if (role.key === ADMIN_ROLE) {
      throw clerkError(
        422,
        "organization_role_default_creator_role",
        "role is used as the creator role",
        "The organization role cannot be deleted as it is currently used as the creator role.",
      );
    }
    if (role.key === MEMBER_ROLE) {
      throw clerkError(
        422,
        "organization_role_domain_default_role",
        "role is used as the domain default role",
        "The organization role cannot be deleted as it is currently used as the default domain role.",
      );
    }
    assertUnused(role.key);
    this.roles.delete(id);
    this.roleByKey.delete(role.key);
    this.emit({ type: "role.deleted", payload: () => ({ object: "role", id, deleted: true }) });
    return role;
  }

  createPermission(input: { name: string; key: string; description?: string }, opts: Opts = {}) {
    this.assertPermissionKey(input.key);
    const now = opts.at ?? this.clock.now();
    const p: PermissionRecord = {
      id: newId("perm", opts.rand),
      key: input.key,
      name: input.name,
      description: input.description ?? "",
      type: "user",
      created_at: now,
      updated_at: now,
    };
    this.loadPermission(p);
    if (!opts.silent) this.emit({ type: "permission.created", payload: () => permissionJson(p) });
    return p;
  }

  updatePermission(id: string, input: { name?: string; key?: string; description?: string }) {
    const current = this.requirePermission(id);
    this.assertNotSystem(current);
    const next = { ...current, updated_at: this.clock.now() };
    if (input.key !== undefined && input.key !== current.key) {
      this.assertPermissionKey(input.key);
      next.key = input.key;
    }
    if (input.name !== undefined) next.name = input.name;
    if (input.description !== undefined) next.description = input.description;
    this.loadPermission(next);
    this.emit({ type: "permission.updated", payload: () => permissionJson(next) });
    return next;
  }

  /** Also removes the permission from every role that has it. */
  deletePermission(id: string): PermissionRecord {
    const p = this.requirePermission(id);
    this.assertNotSystem(p);
    this.permissions.delete(id);
    this.permissionByKey.delete(p.key);
    for (const role of [...this.roles.values()]) {
      if (role.permission_ids.includes(id)) {
        this.loadRole({ ...role, permission_ids: role.permission_ids.filter((x) => x !== id) });
      }
    }
    this.emit({ type: "permission.deleted", payload: () => ({ object: "permission", id, deleted: true }) });
    return p;
  }

  private emitRole(type: "role.created" | "role.updated", role: RoleRecord): void {
    this.emit({ type, payload: () => roleJson(role, this.permissions) });
  }

  private resolvePermissions(ids: string[]): string[] {
    for (const id of ids) {
      if (!this.permissions.has(id)) {
        throw clerkError(404, "resource_not_found", "not found", "Organization permission not found", {
          param_name: "permissions",
        });
      }
    }
    return [...new Set(ids)];
  }

  private assertCreatorPermissions(role: RoleRecord): void {
    if (role.key !== ADMIN_ROLE) return;
    const missing = CREATOR_REQUIRED.filter(
      (k) => !role.permission_ids.includes(this.permissionByKey.get(k) ?? ""),
    );
    if (missing.length > 0) {
      throw clerkError(
        422,
        "organization_missing_creator_role_permissions",
        "missing permissions for creator role",
        `The creator role must contain the following permissions: ${missing.join(", ")}`,
      );
    }
  }

  private assertRoleKey(key: string): void {
    if (!ROLE_KEY.test(key)) {
      throw invalidParam(
        "key",
        "key must start with 'org:' and contain only lowercase alphanumeric characters and underscores.",
        "form_param_format_invalid",
      );
    }
    if (this.roleByKey.has(key)) {
      throw clerkError(422, "form_identifier_exists", "is taken", "That key is taken. Please try another.", {
        param_name: "key",
      });
    }
  }

  private assertPermissionKey(key: string): void {
    if (!PERMISSION_KEY.test(key) || key.startsWith("org:sys_")) {
      throw invalidParam(
        "key",
        "key must have the format org:<feature>:<action> (lowercase letters, digits, underscores) and cannot begin with org:sys_.",
        "form_param_format_invalid",
      );
    }
    if (this.permissionByKey.has(key)) {
      throw clerkError(422, "form_identifier_exists", "is taken", "That key is taken. Please try another.", {
        param_name: "key",
      });
    }
  }

  private assertNotSystem(p: PermissionRecord): void {
    if (p.type === "system") {
      throw clerkError(
        403,
        "organization_system_permission_not_modifiable",
        "organization system permission cannot be modified",
        "This organization permission cannot be modified because it is a system permission.",
      );
    }
  }
}
