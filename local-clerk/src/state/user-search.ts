import { type IdentifierIndex, providerKey } from "./identifier-index";
import { TrigramIndex } from "./trigram-index";
import type { UserRecord } from "./types";
import { UserIndex } from "./user-index";
import {
  comparator,
  compileFilter,
  pageUsers,
  searchText,
  type UserFilter,
  type UserOrder,
  type UserOrderField,
} from "./user-query";

/**
 * Everything that makes user search fast at 100k: per-user lowercase search text, sorted views
 * kept current on writes, a trigram index for selective queries, and a count cache.
 */
export class UserSearch {
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
    private readonly users: Map<string, UserRecord>,
    private readonly ids: IdentifierIndex,
  ) {}

  /** Builds the default sorted view and the trigram index now rather than on the first query. */
  warm(): void {
    this.index_.view("created_at");
    this.trigrams.build();
  }

  /** Call after `users` holds the new record; `prev` is the record it replaced. */
  upsert(prev: UserRecord | undefined, u: UserRecord): void {
    const text = searchText(u);
    this.text.set(u.id, text);
    this.index_.upsert(prev, u, text);
    this.trigrams.upsert(u, text);
    this.writes++;
  }

  remove(u: UserRecord): void {
    this.text.delete(u.id);
    this.index_.remove(u);
    this.trigrams.remove(u);
    this.writes++;
  }

  /** `after`: the `starting_after` cursor's user; the page starts right after it in `order`. */
  list(
    filter: UserFilter,
    order: UserOrder,
    limit: number,
    offset: number,
    after?: UserRecord,
  ): UserRecord[] {
    const small = this.candidates(filter);
    if (small) {
      const pred = this.candidateFilter(filter);
      const cmp = comparator(order.field);
      const dir = order.desc ? -1 : 1;
      const kept = small.filter((u) => (!pred || pred(u)) && (!after || dir * cmp(u, after) > 0));
      return pageUsers(kept, order, offset, limit);
    }
    const { needles, pred } = scanFilter(filter);
    const { list, texts } = this.index_.view(order.field);
    // A range on the order field bounds the scan to its slice of the view.
    let [from, to] = this.slice(filter, order.field) ?? [0, list.length];
    if (after) {
      const pos = this.index_.lowerBound(order.field, after);
      if (order.desc) to = Math.min(to, pos);
      else from = Math.max(from, pos + (list[pos]?.id === after.id ? 1 : 0));
    }
    const out: UserRecord[] = [];
    let skipped = 0;
    const step = order.desc ? -1 : 1;
    for (let i = order.desc ? to - 1 : from; i >= from && i < to && out.length < limit; i += step) {
      if (needles && !contains(texts[i] as string, needles)) continue;
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
    const small = this.candidates(filter, 4);
    if (small) {
      const pred = this.candidateFilter(filter);
      return pred ? small.filter(pred).length : small.length;
    }
    const { needles, pred } = scanFilter(filter);
    if (!needles && !pred) return this.users.size;
    if (Object.entries(filter).every(([k, v]) => v === undefined || k === "banned")) {
      return filter.banned ? this.ids.banned.size : this.users.size - this.ids.banned.size;
    }
    // The narrowest date range, if any, bounds the scan to a slice of that field's sorted view.
    let best: { field: UserOrderField; from: number; to: number } | undefined;
    for (const field of RANGE_FIELDS) {
      const s = this.slice(filter, field);
      if (s && (!best || s[1] - s[0] < best.to - best.from)) best = { field, from: s[0], to: s[1] };
    }
    const { list, texts } = best ? this.index_.view(best.field) : this.index_.anyView();
    if (best && onlyRange(filter, best.field)) return best.to - best.from;
    let n = 0;
    for (let i = best?.from ?? 0; i < (best?.to ?? list.length); i++) {
      if (needles && !contains(texts[i] as string, needles)) continue;
      if (pred && !pred(list[i] as UserRecord)) continue;
      n++;
    }
    return n;
  }

  /** [from, to) of the field's ascending view holding the filter's before/after range on it. */
  private slice(filter: UserFilter, field: UserOrderField): [number, number] | undefined {
    const range = rangeOf(filter, field);
    if (!range) return undefined;
    const from = range.after === undefined ? 0 : this.index_.keyBound(field, range.after, true);
    const to =
      range.before === undefined ? this.users.size : this.index_.keyBound(field, range.before, false);
    return [from, Math.max(from, to)];
  }

  /** Candidates only narrow: the whole filter (query included) is checked on each. */
  private candidateFilter(filter: UserFilter) {
    return compileFilter(filter, (u) => this.text.get(u.id) ?? "");
  }

  /**
   * Exact-value filters (ids, emails, phones, usernames, wallets, external ids, OAuth ids), a selective
   * substring (query or a *_query filter, via the trigram index) or a narrow date range narrow the set
   * before scanning. `fraction`: use them while they hold at most users/fraction entries.
   */
  private candidates(filter: UserFilter, fraction = LIST_FRACTION): UserRecord[] | undefined {
    const exact = this.exactCandidates(filter);
    if (exact) return exact;
    // Counting only: a list finds its page of banned users sooner by scanning in order.
    if (fraction !== LIST_FRACTION && filter.banned === true) {
      return [...this.ids.banned].map((id) => this.users.get(id)).filter((u): u is UserRecord => !!u);
    }
    // Listing: past ~5% of users a sorted scan with early exit beats paging the candidates.
    // Counting: verifying postings beats scanning everyone until about a quarter of users.
    const max = Math.max(SEARCH_TUNING.minCandidates, this.users.size / fraction);
    for (const needle of scanFilter(filter).needles ?? []) {
      if (needle.length < 3) continue;
      const found = this.trigrams.candidates(needle, max);
      if (found) return found;
    }
    for (const field of RANGE_FIELDS) {
      const s = this.slice(filter, field);
      if (s && s[1] - s[0] <= max) return this.index_.view(field).list.slice(s[0], s[1]);
    }
    return undefined;
  }

  private exactCandidates(filter: UserFilter): UserRecord[] | undefined {
    if (filter.userIds?.length) {
      return [...new Set(filter.userIds)].map((id) => this.users.get(id)).filter((u): u is UserRecord => !!u);
    }
    if (filter.emailAddresses?.length) {
      const ids = new Set(filter.emailAddresses.map((e) => this.ids.byEmail.get(e.toLowerCase())));
      return [...ids].map((id) => (id ? this.users.get(id) : undefined)).filter((u): u is UserRecord => !!u);
    }
    const ids = this.exactIds(filter);
    return ids && [...ids].map((id) => this.users.get(id)).filter((u): u is UserRecord => !!u);
  }

  /** Users holding one of the exact values of an indexed filter (the first one present). */
  private exactIds(f: UserFilter): Set<string> | undefined {
    const one = (values: string[], map: Map<string, string>, norm = (v: string) => v) =>
      new Set(values.map((v) => map.get(norm(v))).filter((id): id is string => !!id));
    const many = (keys: string[], map: Map<string, Set<string>>) =>
      new Set(keys.flatMap((k) => [...(map.get(k) ?? [])]));
    const lower = (v: string) => v.toLowerCase();
    if (f.phoneNumbers?.length) return one(f.phoneNumbers, this.ids.byPhone);
    if (f.usernames?.length) return one(f.usernames, this.ids.byUsername, lower);
    if (f.web3Wallets?.length) return one(f.web3Wallets, this.ids.byWallet, lower);
    if (f.externalIds?.length) return many(f.externalIds, this.ids.byExternalId);
    if (f.provider && f.providerUserIds?.length) {
      const provider = f.provider;
      return many(
        f.providerUserIds.map((id) => providerKey(provider, id)),
        this.ids.byProviderUid,
      );
    }
    return undefined;
  }
}

const LIST_FRACTION = 20;

/** Tests lower it to drive small populations through the scan paths too. */
export const SEARCH_TUNING = { minCandidates: 2_000 };

const RANGE_FIELDS = ["created_at", "last_active_at", "last_sign_in_at"] as const;

function rangeOf(f: UserFilter, field: UserOrderField): { before?: number; after?: number } | undefined {
  const [before, after] =
    field === "created_at"
      ? [f.createdAtBefore, f.createdAtAfter]
      : field === "last_active_at"
        ? [f.lastActiveAtBefore, f.lastActiveAtAfter]
        : field === "last_sign_in_at"
          ? [f.lastSignInAtBefore, f.lastSignInAtAfter]
          : [undefined, undefined];
  return before === undefined && after === undefined ? undefined : { before, after };
}

/**
 * True when the field's range is the filter's only condition and its slice holds exactly the
 * matches: a null value sorts as 0, so only an "after" bound (or created_at, never null) excludes them.
 */
function onlyRange(f: UserFilter, field: UserOrderField): boolean {
  const range = rangeOf(f, field);
  const keys: Record<string, string[]> = {
    created_at: ["createdAtBefore", "createdAtAfter"],
    last_active_at: ["lastActiveAtBefore", "lastActiveAtAfter"],
    last_sign_in_at: ["lastSignInAtBefore", "lastSignInAtAfter"],
  };
  const own = keys[field] ?? [];
  const others = Object.entries(f).some(([k, v]) => v !== undefined && !own.includes(k));
  return !others && (field === "created_at" || (range?.after !== undefined && range.after >= 0));
}

/**
 * Lowercase substrings every match's search text must contain (query, the *_query filters, each word
 * of name_query): a cheap pre-check before the exact predicate, which still decides.
 */
function scanFilter(filter: UserFilter) {
  const { query, rest } = splitQuery(filter);
  const needles = [
    query,
    filter.emailAddressQuery?.toLowerCase(),
    filter.usernameQuery?.toLowerCase(),
    filter.phoneNumberQuery,
    ...(filter.nameQuery?.toLowerCase().split(/\s+/) ?? []),
  ].filter((x): x is string => !!x);
  return { needles: needles.length > 0 ? needles : undefined, pred: compileFilter(rest, () => "") };
}

function contains(text: string, needles: string[]): boolean {
  for (const n of needles) if (!text.includes(n)) return false;
  return true;
}

function splitQuery(filter: UserFilter): { query: string | undefined; rest: UserFilter } {
  const { query, ...rest } = filter;
  return { query: query?.trim().toLowerCase() || undefined, rest };
}
