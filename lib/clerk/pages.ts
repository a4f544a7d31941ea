/**
 * Reads an offset-paged Clerk list, handing each page to `take`, until a page runs short, `take`
 * returns false (it has what it needs), or `max` items were asked for. `complete` is false only when
 * `max` cut the list short.
 */
export async function eachPage<P extends { data: readonly unknown[] }>(
  list: (page: { limit: number; offset: number }) => Promise<P>,
  take: (page: P) => Promise<boolean | undefined> | boolean | undefined,
  { pageSize, max = Number.POSITIVE_INFINITY }: { pageSize: number; max?: number },
): Promise<{ complete: boolean }> {
  for (let offset = 0; offset < max; offset += pageSize) {
    const limit = Math.min(pageSize, max - offset);
    const page = await list({ limit, offset });
    if ((await take(page)) === false || page.data.length < limit) return { complete: true };
  }
  return { complete: false };
}
