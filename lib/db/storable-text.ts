// PostgreSQL text and jsonb reject U+0000 and unpaired UTF-16 surrogates. These helpers keep such
// input from ever reaching the database as a 500: request text is refused, foreign payloads cleaned.

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function isStorableText(text: string): boolean {
  UNSTORABLE.lastIndex = 0;
  return !UNSTORABLE.test(text);
}

export function toStorableText(text: string): string {
  return text.replace(UNSTORABLE, "\uFFFD");
}

/** Deep copy of a JSON value with every string (keys included) made storable. */
export function toStorableJson<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (typeof value === "string") return toStorableText(value);
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) out[toStorableText(key)] = clean(member);
    return out;
  }
  return value;
}
