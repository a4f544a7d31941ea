import { decode, encode } from "@toon-format/toon";
import { modelView, untrustedEnvelope } from "./redact";

/**
 * What the model reads of a tool result: the lean view (`modelView`) in TOON, which states a list's
 * keys once and quotes only where needed, inside the untrusted envelope. A result that is only a
 * count is the bare figure: a number carries no user-written text to mark as untrusted.
 */
export function modelText(output: unknown, input?: unknown, render = (view: unknown) => view): string {
  const view = render(modelView(withoutEchoes(output, echoedIds(input))));
  const figure = bareFigure(view);
  return figure ?? encode(untrustedEnvelope(basicTimes(view)), { indentSize: INDENT });
}

/** One space a level: o200k spends about a token less per line than on two. */
const INDENT = 1;

/** The value `modelText` encoded (the offline model reads tool results with it). */
export function decodeModelText(text: string): unknown {
  return decode(text, { indentSize: INDENT });
}

const EXTENDED_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;

/**
 * A `when` instant (a sign-in's, an audit entry's) in ISO 8601 basic form, `20261206T094107Z`, like
 * the days: 7 o200k tokens against 13 for `2026-12-06T09:41:07Z`, and nothing lost.
 */
export function basicTime(text: string): string {
  const m = EXTENDED_TIME.exec(text);
  return m ? `${m[1]}${m[2]}${m[3]}T${m[4]}${m[5]}${m[6]}${m[7] ?? ""}Z` : text;
}

function basicTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(basicTimes);
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (/metadata(\.|$)/i.test(key)) out[key] = member;
    else if (typeof member === "string" && (key === "when" || key.endsWith(".when")))
      out[key] = basicTime(member);
    else out[key] = basicTimes(member);
  }
  return out;
}

const COUNT_KEYS = new Set(["total_count", "count"]);

function bareFigure(view: unknown): string | undefined {
  if (typeof view === "number") return String(view);
  if (!view || typeof view !== "object" || Array.isArray(view)) return undefined;
  const entries = Object.entries(view);
  const [key, value] = entries[0] ?? [];
  if (entries.length !== 1 || !key || !COUNT_KEYS.has(key) || typeof value !== "number") return undefined;
  return String(value);
}

const CLERK_ID = /^[a-z]+_[A-Za-z0-9]{10,}$/;

function echoedIds(input: unknown): Set<string> {
  if (!input || typeof input !== "object") return new Set();
  return new Set(Object.values(input).filter((v): v is string => typeof v === "string" && CLERK_ID.test(v)));
}

/**
 * Drops the ids the model passed in its own call (a session's user, a member's organization): it
 * has them already. A record's own `id` and metadata stay.
 */
function withoutEchoes(value: unknown, ids: Set<string>): unknown {
  if (ids.size === 0) return value;
  if (Array.isArray(value)) return value.map((item) => withoutEchoes(item, ids));
  if (!value || typeof value !== "object" || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (key !== "id" && typeof member === "string" && ids.has(member)) continue;
    out[key] = /metadata$/i.test(key) ? member : withoutEchoes(member, ids);
  }
  return out;
}
