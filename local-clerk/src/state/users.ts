import { clerkError, invalidParam, notFound } from "../http/errors";
import { newId } from "./ids";
import { assertMetadataSize, deepMerge } from "./metadata";
import { hashPassword, verifyPasswordHash } from "./password";
import { TrigramIndex } from "./trigram-index";
import type { Clock, Metadata, StateEvent, UserRecord } from "./types";
import { UserIndex } from "./user-index";
import { compileFilter, searchText, sortUsers, type UserFilter, type UserOrder } from "./user-query";

export interface CreateUserInput {
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
}

export interface MetadataPatch {
  publicMetadata?: Metadata;
  privateMetadata?: Metadata;
  unsafeMetadata?: Metadata;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function assertEmail(param: string, email: string): void {
  if (!EMAIL_RE.test(email)) {
    throw clerkError(
      422,
      "form_param_format_invalid",
      "is invalid",
      `${param} must be a valid email address.`,
      {
        param_name: param,
      },
    );
  }
}

function assertPassword(password: string): void {
  if (password.length < 8) {
    throw clerkError(
      422,
      "form_password_length_too_short",
      "Passwords must be 8 characters or more.",
      "Passwords must be 8 characters or more.",
      { param_name: "password" },
    );
  }
}

export class UserStore {
  private readonly users = new Map<string, UserRecord>();
  private readonly byEmail = new Map<string, string>();
  private readonly text = new Map<string, string>();
  /** Bumped on every write; keys the count cache. */
  private writes = 0;
  private readonly countCache = new Map<string, { writes: number; n: number }>();
  private readonly trigrams = new TrigramIndex(() =>
    [...this.users.values()].map((u): [UserRecord, string] => [u, this.text.get(u.id) ?? ""]),
  );
  private readonly index_ = new UserIndex(
    () => this.users.values(),
    (u) => this.text.get(u.id) ?? searchText(u),
  );

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
    const id = this.byEmail.get(email.toLowerCase());
    return id ? this.users.get(id) : undefined;
  }

  /** Builds the default sorted view and the search index now rather than on the first query. */
  warm(): void {
    this.index_.view("created_at");
    this.trigrams.build();
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
      if (this.byEmail.has(lower) || seen.has(lower)) throw identifierTaken();
      seen.add(lower);
    }
    if (input.username && this.findByUsername(input.username)) {
      throw clerkError(
        422,
        "form_identifier_exists",
        "That username is taken. Please try another.",
        "That username is taken. Please try another.",
        { param_name: "username" },
      );
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
    };
    this.index(user);
    if (!opts.silent) this.emit({ type: "user.created", user });
    return user;
  }

  update(id: string, input: UpdateUserInput): UserRecord {
    const current = this.require(id);
    const next: UserRecord = { ...current };
    if (input.firstName !== undefined) next.first_name = input.firstName;
    if (input.lastName !== undefined) next.last_name = input.lastName;
    if (input.externalId !== undefined) next.external_id = input.externalId;
    if (input.username !== undefined) {
      const other = input.username ? this.findByUsername(input.username) : undefined;
      if (other && other.id !== id) {
        throw clerkError(
          422,
          "form_identifier_exists",
          "That username is taken. Please try another.",
          "That username is taken. Please try another.",
          { param_name: "username" },
        );
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
    this.text.delete(id);
    for (const e of user.emails) this.byEmail.delete(e.email_address.toLowerCase());
    this.index_.remove(user);
    this.trigrams.remove(user);
    this.writes++;
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

  list(filter: UserFilter, order: UserOrder, limit: number, offset: number): UserRecord[] {
    const { query, rest } = splitQuery(filter);
    const small = this.candidates(filter);
    if (small) {
      const pred = compileFilter(filter, (u) => this.text.get(u.id) ?? "");
      return sortUsers(pred ? small.filter(pred) : small, order).slice(offset, offset + limit);
    }
    const pred = compileFilter(rest, () => "");
    const { list, texts } = this.index_.view(order.field);
    const out: UserRecord[] = [];
    let skipped = 0;
    const n = list.length;
    for (let k = 0; k < n && out.length < limit; k++) {
      const i = order.desc ? n - 1 - k : k;
      if (query && !(texts[i] as string).includes(query)) continue;
      const u = list[i] as UserRecord;
      if (pred && !pred(u)) continue;
      if (skipped < offset) {
        skipped++;
        continue;
      }
      out.push(u);
    }
    return out;
  }

  /** The SDK's getUserList asks for the count of the same filter on every page, so repeat counts are cached until the next write. */
  count(filter: UserFilter): number {
    const key = JSON.stringify(filter);
    const hit = this.countCache.get(key);
    if (hit && hit.writes === this.writes) return hit.n;
    const n = this.countUncached(filter);
    if (this.countCache.size > 500) this.countCache.clear();
    this.countCache.set(key, { writes: this.writes, n });
    return n;
  }

  private countUncached(filter: UserFilter): number {
    const small = this.candidates(filter);
    if (small) {
      const pred = compileFilter(filter, (u) => this.text.get(u.id) ?? "");
      return pred ? small.filter(pred).length : small.length;
    }
    const { query, rest } = splitQuery(filter);
    const pred = compileFilter(rest, () => "");
    if (!query && !pred) return this.users.size;
    const { list, texts } = this.index_.anyView();
    let n = 0;
    for (let i = 0; i < list.length; i++) {
      if (query && !(texts[i] as string).includes(query)) continue;
      if (pred && !pred(list[i] as UserRecord)) continue;
      n++;
    }
    return n;
  }

  /** Exact email / id filters, or a selective query, narrow the set before scanning. */
  private candidates(filter: UserFilter): UserRecord[] | undefined {
    const exact = this.exactCandidates(filter);
    if (exact) return exact;
    const q = filter.query?.trim().toLowerCase();
    if (!q || q.length < 3) return undefined;
    // Past ~5% of users a sorted scan with early exit beats sorting the candidates.
    return this.trigrams.candidates(q, Math.max(2_000, this.users.size / 20));
  }

  private exactCandidates(filter: UserFilter): UserRecord[] | undefined {
    if (filter.userIds?.length) {
      return [...new Set(filter.userIds)].map((id) => this.users.get(id)).filter((u): u is UserRecord => !!u);
    }
    if (filter.emailAddresses?.length) {
      const ids = new Set(filter.emailAddresses.map((e) => this.byEmail.get(e.toLowerCase())));
      return [...ids].map((id) => (id ? this.users.get(id) : undefined)).filter((u): u is UserRecord => !!u);
    }
    return undefined;
  }

  private findByUsername(username: string): UserRecord | undefined {
    const lower = username.toLowerCase();
    for (const u of this.users.values()) if (u.username?.toLowerCase() === lower) return u;
    return undefined;
  }

  private replace(next: UserRecord): UserRecord {
    this.index(next);
    this.emit({ type: "user.updated", user: next });
    return next;
  }

  private index(u: UserRecord): void {
    const prev = this.users.get(u.id);
    if (prev) for (const e of prev.emails) this.byEmail.delete(e.email_address.toLowerCase());
    this.users.set(u.id, u);
    for (const e of u.emails) this.byEmail.set(e.email_address.toLowerCase(), u.id);
    const text = searchText(u);
    this.text.set(u.id, text);
    this.index_.upsert(prev, u, text);
    this.trigrams.upsert(u, text);
    this.writes++;
  }
}

function splitQuery(filter: UserFilter): { query: string | undefined; rest: UserFilter } {
  const { query, ...rest } = filter;
  return { query: query?.trim().toLowerCase() || undefined, rest };
}

function identifierTaken() {
  return clerkError(
    422,
    "form_identifier_exists",
    "That email address is taken. Please try another.",
    "That email address is taken. Please try another.",
    { param_name: "email_address" },
  );
}
