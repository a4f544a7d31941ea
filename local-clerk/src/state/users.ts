import { clerkError, invalidParam, notFound } from "../http/errors";
import { IdentifierIndex } from "./identifier-index";
import type { UserIdentifierFields } from "./identifier-types";
import { newId } from "./ids";
import { assertMetadataSize, deepMerge } from "./metadata";
import { hashPassword, verifyPasswordHash } from "./password";
import type { Clock, Metadata, StateEvent, UserRecord } from "./types";
import { type IdentifierInput, identifierFields, identifierLookup } from "./user-identifiers";
import type { UserFilter, UserOrder } from "./user-query";
import { UserSearch } from "./user-search";
import { assertEmail, assertPassword, identifierTaken, usernameTaken } from "./user-validation";

export interface CreateUserInput extends IdentifierInput {
  emailAddresses?: string[];
  firstName?: string | null;
  lastName?: string | null;
  username?: string | null;
  externalId?: string | null;
  password?: string | null;
  /** Pre-hashed password (seed); skips the expensive scrypt call. */
  passwordHash?: string | null;
  publicMetadata?: Metadata;
  privateMetadata?: Metadata;
  unsafeMetadata?: Metadata;
  createdAt?: number;
  id?: string;
}

export interface UpdateUserInput {
  firstName?: string | null;
  lastName?: string | null;
  username?: string | null;
  externalId?: string | null;
  password?: string;
  primaryEmailAddressId?: string;
  publicMetadata?: Metadata;
  privateMetadata?: Metadata;
  unsafeMetadata?: Metadata;
  /** Already validated by the caller (phone primary, TOTP, backup codes). */
  identifiers?: UserIdentifierFields;
}

export interface MetadataPatch {
  publicMetadata?: Metadata;
  privateMetadata?: Metadata;
  unsafeMetadata?: Metadata;
}

export class UserStore {
  private readonly users = new Map<string, UserRecord>();
  private readonly ids = new IdentifierIndex(() => this.users.values());
  private readonly search = new UserSearch(this.users, this.ids);

  constructor(
    private readonly clock: Clock,
    private readonly emit: (e: StateEvent) => void,
  ) {}

  get size(): number {
    return this.users.size;
  }

  all(): IterableIterator<UserRecord> {
    return this.users.values();
  }

  get(id: string): UserRecord | undefined {
    return this.users.get(id);
  }

  require(id: string): UserRecord {
    const u = this.users.get(id);
    if (!u) throw notFound("user");
    return u;
  }

  findByEmail(email: string): UserRecord | undefined {
    const id = this.ids.byEmail.get(email.toLowerCase());
    return id ? this.users.get(id) : undefined;
  }

  findByPhone(phone: string): UserRecord | undefined {
    const id = this.ids.byPhone.get(phone);
    return id ? this.users.get(id) : undefined;
  }

  /** The user owning an email address or phone number id. */
  findByIdentification(identificationId: string): UserRecord | undefined {
    const id = this.ids.userIdOf(identificationId);
    return id ? this.users.get(id) : undefined;
  }

  /**
   * Writes `change(current)` as the user's next record (updated_at stamped, indexes and webhooks as
   * for any update). `change` validates and throws before anything is written.
   */
  modify(id: string, change: (u: UserRecord, now: number) => UserRecord): UserRecord {
    const now = this.clock.now();
    return this.replace({ ...change(this.require(id), now), updated_at: now });
  }

  /** Builds the default sorted view and the search index now rather than on the first query. */
  warm(): void {
    this.search.warm();
  }

  list(
    filter: UserFilter,
    order: UserOrder,
    limit: number,
    offset: number,
    after?: UserRecord,
  ): UserRecord[] {
    return this.search.list(filter, order, limit, offset, after);
  }

  count(filter: UserFilter): number {
    return this.search.count(filter);
  }

  /** Loads a record as-is (restore/seed); emits nothing. */
  load(u: UserRecord): void {
    this.index(u);
  }

  create(input: CreateUserInput, opts: { silent?: boolean; rand?: () => number } = {}): UserRecord {
    const emails = (input.emailAddresses ?? []).map((e) => e.trim());
    const seen = new Set<string>();
    for (const e of emails) {
      assertEmail("email_address", e);
      const lower = e.toLowerCase();
      if (this.ids.byEmail.has(lower) || seen.has(lower)) throw identifierTaken();
      seen.add(lower);
    }
    if (input.username && this.findByUsername(input.username)) {
      throw usernameTaken();
    }
    if (input.password) assertPassword(input.password);
    const now = input.createdAt ?? this.clock.now();
    const emailRecords = emails.map((e) => ({
      id: newId("idn", opts.rand),
      email_address: e,
      verified: true,
      created_at: now,
      updated_at: now,
    }));
    for (const [k, v] of [
      ["public_metadata", input.publicMetadata],
      ["private_metadata", input.privateMetadata],
      ["unsafe_metadata", input.unsafeMetadata],
    ] as const) {
      if (v) assertMetadataSize(k, v);
    }
    const identifiers = identifierFields(
      input,
      now,
      identifierLookup(this.users, this.ids.byPhone),
      opts.rand,
    );
    const passwordHash = input.passwordHash ?? (input.password ? hashPassword(input.password) : null);
    const user: UserRecord = {
      id: input.id ?? newId("user", opts.rand),
      external_id: input.externalId ?? null,
      username: input.username ?? null,
      first_name: input.firstName ?? null,
      last_name: input.lastName ?? null,
      emails: emailRecords,
      primary_email_address_id: emailRecords[0]?.id ?? null,
      password_hash: passwordHash,
      password_last_updated_at: passwordHash ? now : null,
      public_metadata: input.publicMetadata ?? {},
      private_metadata: input.privateMetadata ?? {},
      unsafe_metadata: input.unsafeMetadata ?? {},
      banned: false,
      locked: false,
      created_at: now,
      updated_at: now,
      last_sign_in_at: null,
      last_active_at: null,
      ...identifiers,
    };
    this.index(user);
    if (!opts.silent) this.emit({ type: "user.created", user });
    return user;
  }

  update(id: string, input: UpdateUserInput): UserRecord {
    const current = this.require(id);
    const next: UserRecord = { ...current, ...input.identifiers };
    if (input.firstName !== undefined) next.first_name = input.firstName;
    if (input.lastName !== undefined) next.last_name = input.lastName;
    if (input.externalId !== undefined) next.external_id = input.externalId;
    if (input.username !== undefined) {
      const other = input.username ? this.findByUsername(input.username) : undefined;
      if (other && other.id !== id) {
        throw usernameTaken();
      }
      next.username = input.username;
    }
    if (input.primaryEmailAddressId !== undefined) {
      if (!current.emails.some((e) => e.id === input.primaryEmailAddressId)) {
        throw invalidParam(
          "primary_email_address_id",
          "primary_email_address_id does not belong to this user.",
        );
      }
      next.primary_email_address_id = input.primaryEmailAddressId;
    }
    for (const [k, v] of [
      ["public_metadata", input.publicMetadata],
      ["private_metadata", input.privateMetadata],
      ["unsafe_metadata", input.unsafeMetadata],
    ] as const) {
      if (v !== undefined) {
        assertMetadataSize(k, v);
        next[k] = v;
      }
    }
    const now = this.clock.now();
    if (input.password !== undefined) {
      assertPassword(input.password);
      next.password_hash = hashPassword(input.password);
      next.password_last_updated_at = now;
    }
    next.updated_at = now;
    return this.replace(next);
  }

  mergeMetadata(id: string, patch: MetadataPatch): UserRecord {
    const current = this.require(id);
    const next: UserRecord = { ...current };
    const pairs = [
      ["public_metadata", patch.publicMetadata],
      ["private_metadata", patch.privateMetadata],
      ["unsafe_metadata", patch.unsafeMetadata],
    ] as const;
    // Validate every merged object before assigning any, so a 422 never leaves a partial write.
    for (const [k, v] of pairs) {
      if (v === undefined) continue;
      const merged = deepMerge(current[k], v);
      assertMetadataSize(k, merged);
      next[k] = merged;
    }
    next.updated_at = this.clock.now();
    return this.replace(next);
  }

  setFlags(id: string, flags: { banned?: boolean; locked?: boolean }): UserRecord {
    const next = { ...this.require(id), ...flags, updated_at: this.clock.now() };
    return this.replace(next);
  }

  recordSignIn(id: string): UserRecord {
    const now = this.clock.now();
    const next = { ...this.require(id), last_sign_in_at: now, last_active_at: now, updated_at: now };
    return this.replace(next);
  }

  touchActive(id: string): void {
    const u = this.users.get(id);
    if (u) this.index({ ...u, last_active_at: this.clock.now() });
  }

  delete(id: string): UserRecord {
    const user = this.require(id);
    this.users.delete(id);
    this.ids.remove(user);
    this.search.remove(user);
    this.emit({ type: "user.deleted", user });
    return user;
  }

  verifyPassword(id: string, password: string): boolean {
    const user = this.require(id);
    if (!user.password_hash) {
      throw clerkError(400, "no_password_set", "no password set", "This user has no password set.");
    }
    return verifyPasswordHash(password, user.password_hash);
  }

  private findByUsername(username: string): UserRecord | undefined {
    const id = this.ids.byUsername.get(username.toLowerCase());
    return id ? this.users.get(id) : undefined;
  }

  private replace(next: UserRecord): UserRecord {
    this.index(next);
    this.emit({ type: "user.updated", user: next });
    return next;
  }

  private index(u: UserRecord): void {
    const prev = this.users.get(u.id);
    if (prev) this.ids.remove(prev);
    this.users.set(u.id, u);
    this.ids.add(u);
    this.search.upsert(prev, u);
  }
}

export { assertEmail } from "./user-validation";
