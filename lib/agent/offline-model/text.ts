import type { JsonObject, JsonPrimitive, JsonValue } from "./intent";

/**
 * A user message with its exact-value entities (quoted strings, URLs, emails, Clerk ids) replaced by
 * tokens like `⟦e0⟧`, so keyword regexes never look inside a value and values keep their exact spelling.
 */
export type Masked = {
  text: string;
  quotes: string[];
  urls: string[];
  emails: string[];
  userIds: string[];
  invitationIds: string[];
  sessionIds: string[];
};

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const URL_RE = /https?:\/\/[^\s"'<>]+/g;
const TOKEN = /⟦([a-z])(\d+)⟧/;

function replaceAll(
  text: string,
  re: RegExp,
  letter: string,
  sink: string[],
  pick: (m: RegExpExecArray) => { value: string; whole: string; lead?: string },
): string {
  return text.replace(re, (...args) => {
    const m = args.slice(0, -2) as unknown as RegExpExecArray;
    const { value, whole, lead = "" } = pick(m);
    let index = sink.indexOf(value);
    if (index < 0) index = sink.push(value) - 1;
    const consumed = m[0];
    return `${lead}⟦${letter}${index}⟧${consumed.slice(lead.length + whole.length)}`;
  });
}

export function mask(input: string): Masked {
  const m: Masked = {
    text: "",
    quotes: [],
    urls: [],
    emails: [],
    userIds: [],
    invitationIds: [],
    sessionIds: [],
  };
  let text = input.replace(/[’‘]/g, "'").replace(/[“”]/g, '"');
  text = replaceAll(text, /"([^"]*)"/g, "q", m.quotes, (x) => ({ value: x[1] ?? "", whole: x[0] }));
  text = replaceAll(text, /(^|[\s=:(])'([^']*)'(?=$|[\s,.;:!?)])/g, "q", m.quotes, (x) => ({
    value: x[2] ?? "",
    whole: x[0].slice((x[1] ?? "").length),
    lead: x[1] ?? "",
  }));
  text = replaceAll(text, URL_RE, "l", m.urls, (x) => {
    const url = x[0].replace(/[.,;:!?)\]]+$/, "");
    return { value: url, whole: url };
  });
  text = replaceAll(text, EMAIL, "e", m.emails, (x) => ({ value: x[0].toLowerCase(), whole: x[0] }));
  text = replaceAll(text, /\buser_[A-Za-z0-9]+\b/g, "u", m.userIds, (x) => ({ value: x[0], whole: x[0] }));
  text = replaceAll(text, /\binv_[A-Za-z0-9]+\b/g, "i", m.invitationIds, (x) => ({
    value: x[0],
    whole: x[0],
  }));
  text = replaceAll(text, /\bsess_[A-Za-z0-9]+\b/g, "s", m.sessionIds, (x) => ({ value: x[0], whole: x[0] }));
  m.text = text.replace(/\s+/g, " ").trim();
  return m;
}

/** The exact value behind a token, or undefined when `raw` is not a token. */
export function tokenValue(m: Masked, raw: string): string | undefined {
  const t = TOKEN.exec(raw);
  if (!t || t[0] !== raw.trim()) return undefined;
  const list = { q: m.quotes, l: m.urls, e: m.emails, u: m.userIds, i: m.invitationIds, s: m.sessionIds }[
    t[1] as "q"
  ];
  return list?.[Number(t[2])];
}

/** Emails/ids referenced by tokens in a fragment of the masked text. */
export function tokensIn(m: Masked, fragment: string, letter: "e" | "u" | "i" | "s" | "l"): string[] {
  const out: string[] = [];
  for (const t of fragment.matchAll(/⟦([a-z])(\d+)⟧/g)) {
    if (t[1] !== letter) continue;
    const value = tokenValue(m, t[0]);
    if (value !== undefined && !out.includes(value)) out.push(value);
  }
  return out;
}

/** `true`/`false` and plain numbers become JSON booleans/numbers; quoted text always stays a string. */
export function parseValue(m: Masked, raw: string): JsonPrimitive {
  const trimmed = raw.trim().replace(/[.,;!?]+$/, "");
  const token = tokenValue(m, trimmed);
  if (token !== undefined) return token;
  if (/^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === "true";
  if (/^null$/i.test(trimmed)) return null;
  if (/^-?\d+(\.\d+)?$/.test(trimmed) && trimmed.length < 16) return Number(trimmed);
  return trimmed;
}

/** `settings.theme` = dark becomes `{ settings: { theme: "dark" } }` (Clerk deep-merges nested objects). */
export function setPath(target: JsonObject, key: string, value: JsonValue): void {
  const parts = key.split(".").filter(Boolean);
  let node: JsonObject = target;
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1) {
      node[part] = value;
      return;
    }
    const next = node[part];
    if (next && typeof next === "object" && !Array.isArray(next)) node = next;
    else {
      const created: JsonObject = {};
      node[part] = created;
      node = created;
    }
  }
}

export const KEY = String.raw`[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*`;
export const VALUE = String.raw`(?:⟦[a-z]\d+⟧|[^\s,;]+)`;

/** All `key=value` pairs in a fragment, in order. */
export function keyValues(m: Masked, fragment: string): Array<{ key: string; value: JsonPrimitive }> {
  const re = new RegExp(String.raw`(${KEY})\s*=\s*(${VALUE})`, "g");
  return [...fragment.matchAll(re)].map((x) => ({ key: x[1] ?? "", value: parseValue(m, x[2] ?? "") }));
}

const DOMAIN = /(?:^|[\s(@])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24})(?=$|[\s,;:!?)'])(?!\s*=)/i;

/** A bare domain such as `acme.com` (never one inside an email, which is masked). */
export function findDomain(fragment: string): string | undefined {
  const cleaned = fragment.replace(new RegExp(String.raw`${KEY}\s*=\s*${VALUE}`, "g"), " ");
  const found = DOMAIN.exec(cleaned.replace(/\.(?=\s|$)/g, ""));
  return found?.[1]?.toLowerCase();
}

export function words(text: string): string {
  return text
    .replace(/[?!.]+$/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Names and plan/role words typed in prose: trimmed, surrounding articles and quotes removed. */
export function cleanPhrase(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const cleaned = text
    .replace(/^(the|a|an|user|users|account)\s+/i, "")
    .replace(/\s+(user|account|please)$/i, "")
    .replace(/[?!.,;:]+$/, "")
    .trim();
  return cleaned.length > 0 ? cleaned : undefined;
}
