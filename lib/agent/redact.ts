// What the model is allowed to see of a tool result.

const PRIVATE_KEYS = new Set(["private_metadata", "privateMetadata"]);
export const REDACTED = "[hidden]";

export function allowPrivateMetadata(env: Record<string, string | undefined> = process.env): boolean {
  return env.AGENT_ALLOW_PRIVATE_METADATA === "true";
}

/** Replaces every private-metadata member, at any depth, unless the deployment opted in. */
export function redactForModel<T>(value: T, allowPrivate: boolean): T {
  if (allowPrivate) return value;
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(walk);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      out[key] = PRIVATE_KEYS.has(key) ? REDACTED : walk(member);
    }
    return out;
  }
  return value;
}

/** Drops null/undefined members and empty objects/arrays so the model gets fewer tokens; metadata values are kept verbatim. */
export function compactForModel(value: unknown, insideMetadata = false): unknown {
  if (insideMetadata) return value;
  if (Array.isArray(value)) return value.map((item) => compactForModel(item));
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (member === null || member === undefined) continue;
      const isMetadata = /metadata$/i.test(key);
      const compacted = compactForModel(member, isMetadata);
      if (!isMetadata && isEmpty(compacted)) continue;
      out[key] = compacted;
    }
    return out;
  }
  return value;
}

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return !!value && typeof value === "object" && Object.keys(value).length === 0;
}

/**
 * Everything a tool returns comes from Clerk records that end users control (names, metadata), so the
 * model receives it inside an envelope the instructions call untrusted.
 */
export function untrustedEnvelope(value: unknown): { untrusted_data: unknown } {
  return { untrusted_data: value };
}

const MODEL_OMIT = new Set(["updated_at"]);

/**
 * The token-lean view for the model: lists of records become {columns, rows} (keys once, not per
 * record); false flags, empty objects, redacted members and bookkeeping fields are dropped, and so is
 * a lone email list equal to the primary email. The UI keeps the full projection.
 */
export function modelView(value: unknown, insideMetadata = false): unknown {
  if (insideMetadata) return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => modelView(item));
    if (items.length >= 2 && items.every(isRecord)) {
      const columns = [...new Set(items.flatMap((item) => Object.keys(item)))];
      return { columns, rows: items.map((item) => columns.map((c) => item[c] ?? null)) };
    }
    return items;
  }
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === false || member === REDACTED || MODEL_OMIT.has(key)) continue;
    if (isRecord(member) && Object.keys(member).length === 0) continue;
    if (
      key === "email_addresses" &&
      Array.isArray(member) &&
      member.length === 1 &&
      member[0] === value.primary_email
    ) {
      continue;
    }
    out[key] = modelView(member, /metadata$/i.test(key));
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date);
}
