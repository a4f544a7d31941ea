/** Sorts in place by `key`, ties by id, descending when asked: a list order stable across pages. */
export function sortByKey<T extends { id: string }>(
  items: T[],
  key: (item: T) => string | number,
  desc: boolean,
): T[] {
  return items.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : 1;
    return desc ? -c : c;
  });
}
