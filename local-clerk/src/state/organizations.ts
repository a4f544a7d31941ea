import { clerkError, invalidParam } from "../http/errors";
import { newId } from "./ids";
import { assertMetadataSize, deepMerge } from "./metadata";
import type { OrganizationLogo, OrganizationRecord } from "./organization-types";
import type { Clock, Metadata } from "./types";

export interface CreateOrganizationInput {
  name: string;
  slug?: string | null;
  createdBy?: string | null;
  maxAllowedMemberships?: number | null;
  publicMetadata?: Metadata | null;
  privateMetadata?: Metadata | null;
  createdAt?: number | null;
}

export interface UpdateOrganizationInput {
  name?: string | null;
  slug?: string | null;
  maxAllowedMemberships?: number | null;
  adminDeleteEnabled?: boolean | null;
  createdAt?: number | null;
}

export interface OrganizationFilter {
  query?: string;
  /** Organization ids of the users' memberships: include (`+`/plain) and exclude (`-`). */
  memberOf?: { include?: Set<string>; exclude?: Set<string> };
  ids?: { include?: Set<string>; exclude?: Set<string> };
}

export const ORGANIZATION_ORDER_FIELDS = ["name", "created_at", "members_count"] as const;

const SLUG = /^[a-z0-9-]+$/;
const MAX_NAME = 256;

/** Organizations by id and by slug (unique per instance). */
export class OrganizationStore {
  private readonly items = new Map<string, OrganizationRecord>();
  private readonly bySlug = new Map<string, string>();

  constructor(private readonly clock: Clock) {}

  get size(): number {
    return this.items.size;
  }

  all(): IterableIterator<OrganizationRecord> {
    return this.items.values();
  }

  get(id: string): OrganizationRecord | undefined {
    return this.items.get(id);
  }

  /** `GET /organizations/{organization_id}` takes an id or a slug. */
  findByIdOrSlug(idOrSlug: string): OrganizationRecord | undefined {
    return this.items.get(idOrSlug) ?? this.items.get(this.bySlug.get(idOrSlug) ?? "");
  }

  require(idOrSlug: string): OrganizationRecord {
    const o = this.findByIdOrSlug(idOrSlug);
    if (!o) throw organizationNotFound();
    return o;
  }

  load(o: OrganizationRecord): void {
    const prev = this.items.get(o.id);
    if (prev) this.bySlug.delete(prev.slug);
    this.items.set(o.id, o);
    this.bySlug.set(o.slug, o.id);
  }

  remove(id: string): void {
    const o = this.items.get(id);
    if (!o) return;
    this.items.delete(id);
    this.bySlug.delete(o.slug);
  }

  /** Validates and builds the record; the caller stores it (after its own checks) with `load`. */
  build(input: CreateOrganizationInput, rand?: () => number): OrganizationRecord {
    assertName(input.name);
    const slug = input.slug ?? this.freeSlug(input.name);
    this.assertSlug(slug);
    for (const [k, v] of [
      ["public_metadata", input.publicMetadata],
      ["private_metadata", input.privateMetadata],
    ] as const) {
      if (v) assertMetadataSize(k, v);
    }
    const now = input.createdAt ?? this.clock.now();
    return {
      id: newId("org", rand),
      name: input.name.trim(),
      slug,
      created_by: input.createdBy ?? null,
      max_allowed_memberships: input.maxAllowedMemberships ?? 0,
      admin_delete_enabled: true,
      public_metadata: input.publicMetadata ?? {},
      private_metadata: input.privateMetadata ?? {},
      logo: null,
      created_at: now,
      updated_at: now,
    };
  }

  update(id: string, input: UpdateOrganizationInput): OrganizationRecord {
    const current = this.require(id);
    const next: OrganizationRecord = { ...current, updated_at: this.clock.now() };
    if (input.name !== undefined && input.name !== null) {
      assertName(input.name);
      next.name = input.name.trim();
    }
    if (input.slug !== undefined && input.slug !== null && input.slug !== current.slug) {
      this.assertSlug(input.slug);
      next.slug = input.slug;
    }
    if (input.maxAllowedMemberships !== undefined && input.maxAllowedMemberships !== null) {
      next.max_allowed_memberships = input.maxAllowedMemberships;
    }
    if (input.adminDeleteEnabled !== undefined && input.adminDeleteEnabled !== null) {
      next.admin_delete_enabled = input.adminDeleteEnabled;
    }
    if (input.createdAt !== undefined && input.createdAt !== null) next.created_at = input.createdAt;
    this.load(next);
    return next;
  }

  /** PATCH .../metadata: deep merge, `null` deletes; every merged object is size-checked before any write. */
  mergeMetadata(id: string, patch: { publicMetadata?: Metadata; privateMetadata?: Metadata }) {
    return this.setMetadata(id, patch, (current, v) => deepMerge(current, v));
  }

  /** PUT .../metadata: each supplied object replaces that field; omitted ones stay. */
  replaceMetadata(id: string, patch: { publicMetadata?: Metadata; privateMetadata?: Metadata }) {
    return this.setMetadata(id, patch, (_current, v) => v);
  }

  setLogo(id: string, logo: OrganizationLogo | null): OrganizationRecord {
    const next = { ...this.require(id), logo, updated_at: this.clock.now() };
    this.load(next);
    return next;
  }

  list(
    filter: OrganizationFilter,
    orderBy: string | undefined,
    membersCount: (orgId: string) => number,
  ): OrganizationRecord[] {
    const raw = orderBy && orderBy.length > 0 ? orderBy : "-created_at";
    const desc = raw.startsWith("-");
    const field = raw.replace(/^[+-]/, "");
    if (!(ORGANIZATION_ORDER_FIELDS as readonly string[]).includes(field)) {
      throw invalidParam(
        "order_by",
        `order_by must be one of ${ORGANIZATION_ORDER_FIELDS.map((f) => `[+-]${f}`).join(", ")}; got '${raw}'.`,
      );
    }
    const q = filter.query?.trim().toLowerCase();
    const out: OrganizationRecord[] = [];
    for (const o of this.items.values()) {
      if (q && o.id !== filter.query?.trim() && !o.name.toLowerCase().includes(q) && !o.slug.includes(q)) {
        continue;
      }
      if (!passes(filter.ids, o.id)) continue;
      if (!passes(filter.memberOf, o.id)) continue;
      out.push(o);
    }
    const key = (o: OrganizationRecord): number | string =>
      field === "name" ? o.name.toLowerCase() : field === "members_count" ? membersCount(o.id) : o.created_at;
    const keyed = out.map((o) => ({ o, k: key(o) }));
    keyed.sort((a, b) => {
      const c = a.k < b.k ? -1 : a.k > b.k ? 1 : a.o.id < b.o.id ? -1 : 1;
      return desc ? -c : c;
    });
    return keyed.map((x) => x.o);
  }

  private setMetadata(
    id: string,
    patch: { publicMetadata?: Metadata; privateMetadata?: Metadata },
    combine: (current: Metadata, v: Metadata) => Metadata,
  ): OrganizationRecord {
    const current = this.require(id);
    const next: OrganizationRecord = { ...current, updated_at: this.clock.now() };
    for (const [k, v] of [
      ["public_metadata", patch.publicMetadata],
      ["private_metadata", patch.privateMetadata],
    ] as const) {
      if (v === undefined) continue;
      const value = combine(current[k], v);
      assertMetadataSize(k, value);
      next[k] = value;
    }
    this.load(next);
    return next;
  }

  private assertSlug(slug: string): void {
    if (!SLUG.test(slug) || slug.length > MAX_NAME) {
      throw invalidParam(
        "slug",
        'slug can contain only lowercase alphanumeric characters and the dash "-".',
        "form_param_format_invalid",
      );
    }
    if (this.bySlug.has(slug)) {
      throw clerkError(422, "form_identifier_exists", "is taken", "That slug is taken. Please try another.", {
        param_name: "slug",
      });
    }
  }

  /** A slug from the name, suffixed with -2, -3… while taken. */
  private freeSlug(name: string): string {
    const base =
      name
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 200) || "organization";
    let slug = base;
    for (let n = 2; this.bySlug.has(slug); n++) slug = `${base}-${n}`;
    return slug;
  }
}

export const organizationNotFound = () =>
  clerkError(404, "resource_not_found", "not found", "Given organization not found.");

function passes(f: { include?: Set<string>; exclude?: Set<string> } | undefined, id: string): boolean {
  if (!f) return true;
  if (f.include && !f.include.has(id)) return false;
  if (f.exclude?.has(id)) return false;
  return true;
}

function assertName(name: string): void {
  const trimmed = name.trim();
  let reason: string | undefined;
  if (trimmed.length === 0) reason = "it must not be empty";
  else if (trimmed.length > MAX_NAME) reason = `it must not exceed ${MAX_NAME} characters`;
  else if (/[<>]/.test(trimmed) || /(https?:\/\/|www\.)/i.test(trimmed)) {
    reason = "it may not contain URLs or HTML";
  }
  if (reason) {
    throw clerkError(
      422,
      "form_param_value_invalid",
      "invalid organization name",
      `The organization name "${name}" is invalid: ${reason}.`,
      { param_name: "name" },
    );
  }
}
