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
    private readonly byEmail: Map<string, string>,
    private readonly byPhone: Map<string, string>,
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
    const { query, rest } = splitQuery(filter);
    const small = this.candidates(filter);
    if (small) {
      const pred = this.candidateFilter(filter);
      const cmp = comparator(order.field);
      const dir = order.desc ? -1 : 1;
      const kept = small.filter((u) => (!pred || pred(u)) && (!after || dir * cmp(u, after) > 0));
      return pageUsers(kept, order, offset, limit);
    }
    const pred = compileFilter(rest, () => "");
    const { list, texts } = this.index_.view(order.field);
    const out: UserRecord[] = [];
    let skipped = 0;
    const n = list.length;
    let start = 0;
    if (after) {
      const pos = this.index_.lowerBound(order.field, after);
      const exact = list[pos]?.id === after.id ? 1 : 0;
      start = order.desc ? n - pos : pos + exact;
    }
    for (let k = start; k < n && out.length < limit; k++) {
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
    const small = this.candidates(filter, 4);
    if (small) {
      const pred = this.candidateFilter(filter);
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

  /** Trigram candidates already contain the query; exact (email/id) candidates still need it checked. */
  private candidateFilter(filter: UserFilter) {
    const exact = !!(filter.userIds?.length || filter.emailAddresses?.length || filter.phoneNumbers?.length);
    return compileFilter(exact ? filter : splitQuery(filter).rest, (u) => this.text.get(u.id) ?? "");
  }

  /** Exact email / id filters, or a selective query, narrow the set before scanning. `fraction`: use the trigram postings while they hold at most users/fraction entries. */
  private candidates(filter: UserFilter, fraction = 20): UserRecord[] | undefined {
    const exact = this.exactCandidates(filter);
    if (exact) return exact;
    const q = filter.query?.trim().toLowerCase();
    if (!q || q.length < 3) return undefined;
    // Listing: past ~5% of users a sorted scan with early exit beats paging the candidates.
    // Counting: verifying postings beats scanning everyone until about a quarter of users.
    return this.trigrams.candidates(q, Math.max(2_000, this.users.size / fraction));
  }

  private exactCandidates(filter: UserFilter): UserRecord[] | undefined {
    if (filter.userIds?.length) {
      return [...new Set(filter.userIds)].map((id) => this.users.get(id)).filter((u): u is UserRecord => !!u);
    }
    if (filter.emailAddresses?.length) {
      const ids = new Set(filter.emailAddresses.map((e) => this.byEmail.get(e.toLowerCase())));
      return [...ids].map((id) => (id ? this.users.get(id) : undefined)).filter((u): u is UserRecord => !!u);
    }
    if (filter.phoneNumbers?.length) {
      const ids = new Set(filter.phoneNumbers.map((p) => this.byPhone.get(p)));
      return [...ids].map((id) => (id ? this.users.get(id) : undefined)).filter((u): u is UserRecord => !!u);
    }
    return undefined;
  }
}

function splitQuery(filter: UserFilter): { query: string | undefined; rest: UserFilter } {
  const { query, ...rest } = filter;
  return { query: query?.trim().toLowerCase() || undefined, rest };
}
