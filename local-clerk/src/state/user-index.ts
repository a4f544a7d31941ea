import type { UserRecord } from "./types";
import { comparator, sortValue, type UserOrderField } from "./user-query";

/** Users sorted by one field, with their lowercase search text at the same index. */
export interface SortedView {
  list: UserRecord[];
  texts: string[];
}

/**
 * Sorted views, built lazily per order field and then kept up to date on every write
 * (binary search + splice), so neither a read nor a write ever re-sorts 100k users.
 */
export class UserIndex {
  private readonly views = new Map<UserOrderField, SortedView>();

  constructor(
    private readonly all: () => Iterable<UserRecord>,
    private readonly textOf: (u: UserRecord) => string,
  ) {}

  view(field: UserOrderField): SortedView {
    let v = this.views.get(field);
    if (!v) {
      const list = [...this.all()].sort(comparator(field));
      v = { list, texts: list.map(this.textOf) };
      this.views.set(field, v);
    }
    return v;
  }

  /** Any built view, for scans where order does not matter. */
  anyView(): SortedView {
    return this.views.values().next().value ?? this.view("created_at");
  }

  /** Index of the first user not before `u` in the field's ascending view. */
  lowerBound(field: UserOrderField, u: UserRecord): number {
    return position(this.view(field).list, u, comparator(field));
  }

  /** First index in the field's ascending view whose value is >= key (> key when `strict`). */
  keyBound(field: UserOrderField, key: number, strict: boolean): number {
    const { list } = this.view(field);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = sortValue(list[mid] as UserRecord, field) as number;
      if (v < key || (strict && v === key)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  upsert(prev: UserRecord | undefined, next: UserRecord, text: string): void {
    for (const [field, v] of this.views) {
      const cmp = comparator(field);
      if (prev) {
        const i = position(v.list, prev, cmp);
        if (v.list[i]?.id === prev.id) {
          // Same id, so 0 means the sort key did not change: replace in place.
          if (cmp(prev, next) === 0) {
            v.list[i] = next;
            v.texts[i] = text;
            continue;
          }
          v.list.splice(i, 1);
          v.texts.splice(i, 1);
        }
      }
      const j = position(v.list, next, cmp);
      v.list.splice(j, 0, next);
      v.texts.splice(j, 0, text);
    }
  }

  remove(u: UserRecord): void {
    for (const [field, v] of this.views) {
      const i = position(v.list, u, comparator(field));
      if (v.list[i]?.id === u.id) {
        v.list.splice(i, 1);
        v.texts.splice(i, 1);
      }
    }
  }
}

/** First index whose element is not less than `u` (lower bound). */
function position(list: UserRecord[], u: UserRecord, cmp: (a: UserRecord, b: UserRecord) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(list[mid] as UserRecord, u) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
