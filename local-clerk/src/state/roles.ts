import { clerkError, invalidParam } from "../http/errors";
import { newId } from "./ids";
import { roleJson } from "./organization-serialize";
import type { OrganizationEvent, PermissionRecord, RoleRecord } from "./organization-types";
import { type PermissionInput, PermissionStore } from "./permissions";
import {
  ADMIN_ROLE,
  CREATOR_REQUIRED,
  defaultPermissions,
  defaultRoles,
  MAX_CUSTOM_ROLES,
  MEMBER_ROLE,
  ROLE_KEY,
} from "./role-defaults";
import type { Clock } from "./types";

export { ADMIN_ROLE, MEMBER_ROLE } from "./role-defaults";

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
  private readonly roleByKey = new Map<string, string>();
  private readonly perms: PermissionStore;

  constructor(
    private readonly clock: Clock,
    private readonly emit: Emit,
  ) {
    this.perms = new PermissionStore(clock, emit);
  }

  get permissions(): ReadonlyMap<string, PermissionRecord> {
    return this.perms.items;
  }

  /** Clerk's system permissions and default roles, when absent (fixed ids, see role-defaults.ts). */
  ensureDefaults(): void {
    for (const p of defaultPermissions()) if (!this.perms.idOf(p.key)) this.loadPermission(p);
    for (const r of defaultRoles()) if (!this.roleByKey.has(r.key)) this.loadRole(r);
  }

  loadRole(r: RoleRecord): void {
    const prev = this.roles.get(r.id);
    if (prev) this.roleByKey.delete(prev.key);
    this.roles.set(r.id, r);
    this.roleByKey.set(r.key, r.id);
  }

  loadPermission(p: PermissionRecord): void {
    this.perms.load(p);
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
    return this.perms.require(id);
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
      is_creator_eligible: CREATOR_REQUIRED.every((k) => ids.includes(this.perms.idOf(k) ?? "")),
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

  createPermission(input: PermissionInput, opts: Opts = {}): PermissionRecord {
    return this.perms.create(input, opts);
  }

  updatePermission(id: string, input: Partial<PermissionInput>): PermissionRecord {
    return this.perms.update(id, input);
  }

  /** Also removes the permission from every role that has it. */
  deletePermission(id: string): PermissionRecord {
    const p = this.perms.delete(id);
    for (const role of [...this.roles.values()]) {
      if (role.permission_ids.includes(id)) {
        this.loadRole({ ...role, permission_ids: role.permission_ids.filter((x) => x !== id) });
      }
    }
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
    const missing = CREATOR_REQUIRED.filter((k) => !role.permission_ids.includes(this.perms.idOf(k) ?? ""));
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
}
