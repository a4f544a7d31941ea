import { clerkError, invalidParam } from "../http/errors";
import { newId } from "./ids";
import { permissionJson } from "./organization-serialize";
import type { OrganizationEvent, PermissionRecord } from "./organization-types";
import { PERMISSION_KEY } from "./role-defaults";
import type { Clock } from "./types";

export interface PermissionInput {
  name: string;
  key: string;
  description?: string;
}

const permissionNotFound = () =>
  clerkError(404, "resource_not_found", "not found", "Organization permission not found");

/** Organization permissions: Clerk's system ones (read-only) and custom `org:<feature>:<action>` ones. */
export class PermissionStore {
  readonly items = new Map<string, PermissionRecord>();
  private readonly byKey = new Map<string, string>();

  constructor(
    private readonly clock: Clock,
    private readonly emit: (e: OrganizationEvent) => void,
  ) {}

  load(p: PermissionRecord): void {
    const prev = this.items.get(p.id);
    if (prev) this.byKey.delete(prev.key);
    this.items.set(p.id, p);
    this.byKey.set(p.key, p.id);
  }

  idOf(key: string): string | undefined {
    return this.byKey.get(key);
  }

  require(id: string): PermissionRecord {
    const p = this.items.get(id);
    if (!p) throw permissionNotFound();
    return p;
  }

  create(input: PermissionInput, opts: { silent?: boolean; rand?: () => number; at?: number } = {}) {
    this.assertKey(input.key);
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
    this.load(p);
    if (!opts.silent) this.emit({ type: "permission.created", payload: () => permissionJson(p) });
    return p;
  }

  update(id: string, input: Partial<PermissionInput>): PermissionRecord {
    const current = this.require(id);
    assertNotSystem(current);
    const next = { ...current, updated_at: this.clock.now() };
    if (input.key !== undefined && input.key !== current.key) {
      this.assertKey(input.key);
      next.key = input.key;
    }
    if (input.name !== undefined) next.name = input.name;
    if (input.description !== undefined) next.description = input.description;
    this.load(next);
    this.emit({ type: "permission.updated", payload: () => permissionJson(next) });
    return next;
  }

  delete(id: string): PermissionRecord {
    const p = this.require(id);
    assertNotSystem(p);
    this.items.delete(id);
    this.byKey.delete(p.key);
    this.emit({ type: "permission.deleted", payload: () => ({ object: "permission", id, deleted: true }) });
    return p;
  }

  private assertKey(key: string): void {
    if (!PERMISSION_KEY.test(key) || key.startsWith("org:sys_")) {
      throw invalidParam(
        "key",
        "key must have the format org:<feature>:<action> (lowercase letters, digits, underscores) and cannot begin with org:sys_.",
        "form_param_format_invalid",
      );
    }
    if (this.byKey.has(key)) {
      throw clerkError(422, "form_identifier_exists", "is taken", "That key is taken. Please try another.", {
        param_name: "key",
      });
    }
  }
}

function assertNotSystem(p: PermissionRecord): void {
  if (p.type === "system") {
    throw clerkError(
      403,
      "organization_system_permission_not_modifiable",
      "organization system permission cannot be modified",
      "This organization permission cannot be modified because it is a system permission.",
    );
  }
}
