/** Isomorphic (no Node APIs): the console's JSON editors use it in the browser too. */

export type Metadata = Record<string, unknown>;

/** Clerk's limit per metadata object (public, private, unsafe), measured on the serialized JSON. */
export const METADATA_LIMIT_BYTES = 8192;

export function isPlainObject(value: unknown): value is Metadata {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// JSON.parse yields an own "__proto__" key; plain assignment would set the prototype instead.
function setOwn(target: Metadata, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The result Clerk's PATCH /users/{id}/metadata produces: objects merge at every level, `null`
 * removes a key at any level, anything else (arrays included) replaces the old value.
 */
export function mergeMetadata(before: Metadata | null | undefined, patch: Metadata): Metadata {
  const out: Metadata = { ...(before ?? {}) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete out[key];
    } else if (isPlainObject(value)) {
      const current = Object.hasOwn(out, key) ? out[key] : undefined;
      setOwn(out, key, mergeMetadata(isPlainObject(current) ? current : {}, value));
    } else {
      setOwn(out, key, value);
    }
  }
  return out;
}

const encoder = new TextEncoder();

export function metadataBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value ?? {})).length;
}

export function exceedsMetadataLimit(value: unknown): boolean {
  return metadataBytes(value) > METADATA_LIMIT_BYTES;
}

/**
 * One size rule per metadata object a write sets (the shape of a write's pre-check): `merged` when the
 * objects are the result of a merge, else as given (a create).
 */
export function metadataSizeChecks(
  values: Partial<Record<string, unknown>>,
  merged = true,
): { id: string; ok: boolean; message: string }[] {
  const after = merged ? " after the merge" : "";
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([kind, value]) => {
      const bytes = metadataBytes(value);
      const ok = bytes <= METADATA_LIMIT_BYTES;
      return {
        id: `${kind}.size`,
        ok,
        message: ok
          ? `${kind}: ${bytes} of ${METADATA_LIMIT_BYTES} bytes${after}.`
          : `${kind} ${merged ? "would be" : "is"} ${bytes} bytes${after}; Clerk's limit is ${METADATA_LIMIT_BYTES}.`,
      };
    });
}

/** Field errors (keyed by metadata kind) for every object over the limit. */
export function metadataSizeErrors(
  values: Partial<Record<string, unknown>>,
  merged = true,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const check of metadataSizeChecks(values, merged)) {
    if (!check.ok) out[check.id.replace(/\.size$/, "")] = [check.message];
  }
  return out;
}

/** Each kind's metadata after deep-merging its patch into the current object (kinds without a patch left out). */
export function mergeKinds<K extends string>(
  kinds: readonly K[],
  patches: Partial<Record<K, Metadata>>,
  current: Record<K, Metadata>,
): Partial<Record<K, Metadata>> {
  const after: Partial<Record<K, Metadata>> = {};
  for (const kind of kinds) {
    const patch = patches[kind];
    if (patch !== undefined) after[kind] = mergeMetadata(current[kind], patch);
  }
  return after;
}

/** Whether the current objects already hold every merged kind (the write is applied). */
export function mergeApplied<K extends string>(
  after: Partial<Record<K, Metadata>>,
  current: Record<K, Metadata>,
) {
  return Object.entries(after).every(([kind, value]) => deepEqual(value, current[kind as K]));
}

export interface MetadataChange {
  /** Display path, e.g. `billing.plan` or `tags["a.b"]`. */
  path: string;
  segments: string[];
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

export function formatPath(segments: string[]): string {
  return segments
    .map((s, i) => (/^[A-Za-z_$][\w$-]*$/.test(s) ? (i === 0 ? s : `.${s}`) : `[${JSON.stringify(s)}]`))
    .join("");
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Leaf-level changes from before to after; objects are descended into, arrays compared whole. */
export function diffMetadata(
  before: Metadata | null | undefined,
  after: Metadata | null | undefined,
): MetadataChange[] {
  const changes: MetadataChange[] = [];
  walk(before ?? {}, after ?? {}, [], changes);
  return changes;
}

function walk(before: Metadata, after: Metadata, prefix: string[], out: MetadataChange[]): void {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of [...keys].sort()) {
    const segments = [...prefix, key];
    const hasBefore = Object.hasOwn(before, key);
    const hasAfter = Object.hasOwn(after, key);
    const b = before[key];
    const a = after[key];
    if (!hasAfter) out.push({ path: formatPath(segments), segments, kind: "removed", before: b });
    else if (!hasBefore) out.push({ path: formatPath(segments), segments, kind: "added", after: a });
    else if (isPlainObject(b) && isPlainObject(a)) walk(b, a, segments, out);
    else if (!deepEqual(a, b))
      out.push({ path: formatPath(segments), segments, kind: "changed", before: b, after: a });
  }
}

/**
 * The patch for Clerk's merge endpoint that turns `current` into exactly `target`: keys only in `current`
 * get null, differing objects are patched recursively, anything else (arrays included) is replaced.
 * Exact only when `target` holds no null values inside objects (see `nullPaths`): the merge reads null as
 * "delete".
 */
export function inverseMetadataPatch(current: Metadata, target: Metadata): Metadata {
  const patch: Metadata = {};
  for (const key of Object.keys(current)) if (!Object.hasOwn(target, key)) setOwn(patch, key, null);
  for (const key of Object.keys(target)) {
    const want = target[key];
    const has = Object.hasOwn(current, key);
    const now = has ? current[key] : undefined;
    if (has && deepEqual(now, want)) continue;
    setOwn(
      patch,
      key,
      isPlainObject(want) && isPlainObject(now) ? inverseMetadataPatch(now, want) : structuredClone(want),
    );
  }
  return patch;
}

/** Display paths of null values inside objects: a merge patch cannot write them back. */
export function nullPaths(value: Metadata, prefix: string[] = []): string[] {
  const out: string[] = [];
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === null) out.push(formatPath([...prefix, key]));
    else if (isPlainObject(v)) out.push(...nullPaths(v, [...prefix, key]));
  }
  return out;
}
