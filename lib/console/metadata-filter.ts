// View model of the users page's public-metadata filter (URL `mk` / `mv`), served from the metadata index.

export type MetadataFilter = {
  key: string;
  /** Absent: the key only has to exist. */
  value?: unknown;
};

export type ParsedMetadataFilter = { ok: true; filter: MetadataFilter | null } | { ok: false; error: string };

const KEY_MAX = 100;

/**
 * `mv` is JSON when it reads as a number, boolean, null, quoted string, object or array (`5`, `true`,
 * `"5"`), otherwise plain text (`pro`). Blank `mk` means no filter.
 */
export function parseFilterValue(raw: string): unknown {
  const t = raw.trim();
  if (/^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/.test(t) || /^["[{]/.test(t)) {
    try {
      return JSON.parse(t);
    } catch {
      return t;
    }
  }
  return t;
}

export function parseMetadataFilter(
  mk: string | null | undefined,
  mv: string | null | undefined,
): ParsedMetadataFilter {
  const key = (mk ?? "").trim();
  if (!key) return { ok: true, filter: null };
  if (key.length > KEY_MAX)
    return { ok: false, error: `Metadata key is too long (max ${KEY_MAX} characters).` };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f]/.test(key)) return { ok: false, error: "Metadata key contains control characters." };
  const rawValue = (mv ?? "").trim();
  if (rawValue.length > 1000)
    return { ok: false, error: "Metadata value is too long (max 1000 characters)." };
  return { ok: true, filter: rawValue ? { key, value: parseFilterValue(rawValue) } : { key } };
}

/** PostgreSQL jsonb `@>` semantics below the top level: objects by key, arrays by element, scalars equal. */
export function jsonContains(container: unknown, contained: unknown): boolean {
  if (Array.isArray(contained)) {
    return (
      Array.isArray(container) && contained.every((c) => container.some((item) => jsonContains(item, c)))
    );
  }
  if (contained !== null && typeof contained === "object") {
    if (container === null || typeof container !== "object" || Array.isArray(container)) return false;
    const obj = container as Record<string, unknown>;
    return Object.entries(contained).every(([k, v]) => Object.hasOwn(obj, k) && jsonContains(obj[k], v));
  }
  return container === contained;
}

/** The same test the index runs in SQL, applied to what Clerk returns now. */
export function matchesMetadataFilter(
  publicMetadata: Record<string, unknown>,
  filter: MetadataFilter,
): boolean {
  if (!Object.hasOwn(publicMetadata, filter.key)) return false;
  return !("value" in filter) || jsonContains(publicMetadata[filter.key], filter.value);
}

/**
 * Keeps the index's order and drops what Clerk no longer agrees with (deleted users, or metadata changed
 * after the index row was written), so the page never shows a user that does not match.
 */
export function reconcileIndexPage<U extends { id: string; public_metadata: Record<string, unknown> }>(
  indexIds: readonly string[],
  users: readonly U[],
  filter: MetadataFilter,
): { users: U[]; dropped: number } {
  const byId = new Map(users.map((u) => [u.id, u]));
  const kept: U[] = [];
  for (const id of indexIds) {
    const u = byId.get(id);
    if (u && matchesMetadataFilter(u.public_metadata, filter)) kept.push(u);
  }
  return { users: kept, dropped: indexIds.length - kept.length };
}

export function describeFilter(filter: MetadataFilter): string {
  if (!("value" in filter)) return `${filter.key} is set`;
  const v = typeof filter.value === "string" ? filter.value : JSON.stringify(filter.value);
  return `${filter.key} = ${v}`;
}

export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

export type FreshnessView = { users: number; lastResyncAt: number | null; lastEventAt: number | null };

/** "index: 500 users · last event 3 s ago · last full resync 2 min ago". */
export function describeIndexFreshness(f: FreshnessView, now: number): string {
  const users = `index: ${f.users} ${f.users === 1 ? "user" : "users"}`;
  const event =
    f.lastEventAt === null ? "no webhook events yet" : `last event ${formatAgo(now - f.lastEventAt)}`;
  const resync =
    f.lastResyncAt === null ? "never fully resynced" : `last full resync ${formatAgo(now - f.lastResyncAt)}`;
  return `${users} · ${event} · ${resync}`;
}
