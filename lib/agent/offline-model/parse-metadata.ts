import type { Intent, JsonObject, MetadataField } from "./intent";
import { parseFilter, splitBulk, userTarget } from "./parse-users";
import { cleanPhrase, KEY, keyValues, type Masked, parseValue, setPath, tokenValue, VALUE } from "./text";

const REMOVE_VERB = "(?:remove|delete|unset|clear|drop|erase|wipe|strip)";
const SET_VERB = "(?:set|change|update|switch|modify|make)";
const SET_VERB_AT_START = /^(?:set|change|update|switch|modify|make|give|assign|grant|add|apply|mark|tag)\b/i;
const FIELD = String.raw`(?:(?:public|private|unsafe)\s+)?(?:metadata\s+)?(?:(?:key|field|value)\s+)?`;
const NON_KEYS =
  /^(?:the|a|an|key|keys|field|fields|metadata|public|private|unsafe|value|values|property|properties|entry|entries|flag|and|from|of|its|their|his|her)$/i;

function fieldOf(text: string): MetadataField {
  if (/\bprivate\b/i.test(text)) return "private_metadata";
  if (/\bunsafe\b/i.test(text)) return "unsafe_metadata";
  return "public_metadata";
}

const WHOSE =
  "Whose metadata? Give me an email, a user id (user_…), or say “for everyone at example.com who …”.";

/** Resolves the "who" part of a metadata write into a single-target or bulk intent. */
function withTarget(m: Masked, text: string, fragment: string, changes: JsonObject): Intent {
  const field = fieldOf(text);
  if (Object.keys(changes).length === 0)
    return { kind: "reply", message: "Which metadata key should I change?" };
  const bulk = splitBulk(fragment);
  if (bulk) {
    const filter = parseFilter(m, bulk.tail);
    if (!filter.domain && !filter.metadata && !filter.query) {
      return {
        kind: "reply",
        message:
          "I only make bulk changes for a domain or a filter, e.g. “set plan=pro for everyone at acme.com who is on free”.",
      };
    }
    return { kind: "bulkUpdateMetadata", filter, field, changes };
  }
  const target = userTarget(
    m,
    fragment.replace(/\b(?:(?:public|private|unsafe)\s+)?metadata(?:\s+(?:of|for))?\b/gi, " ").trim(),
  );
  if (!target) return { kind: "reply", message: WHOSE };
  return { kind: "updateMetadata", target, field, changes };
}

function keysIn(m: Masked, fragment: string): string[] {
  const keys: string[] = [];
  for (const raw of fragment.split(/[\s,]+|\band\b/i)) {
    const word = raw.trim();
    if (!word || NON_KEYS.test(word)) continue;
    const key = tokenValue(m, word) ?? word;
    if (new RegExp(`^${KEY}$`).test(key) && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

function parseRemove(m: Masked, text: string): Intent | undefined {
  if (!new RegExp(`^${REMOVE_VERB}\\b`, "i").test(text)) return undefined;
  let keys: string[] = [];
  let fragment = "";
  const split = new RegExp(String.raw`^${REMOVE_VERB}\s+(.*?)\s*\b(?:from|for|of|on)\s+(.+)$`, "i").exec(
    text,
  );
  if (split) {
    keys = keysIn(m, split[1] ?? "");
    fragment = split[2] ?? "";
  }
  const possessive = new RegExp(String.raw`^${REMOVE_VERB}\s+(.+?)'s\s+(.+)$`, "i").exec(text);
  if (keys.length === 0 && possessive?.[1] && possessive[2]) {
    fragment = possessive[1];
    keys = keysIn(m, possessive[2]);
  }
  if (!split && !possessive) return /⟦[ue]\d+⟧/.test(text) ? cantDelete() : undefined;
  if (keys.length === 0) {
    if (/\b(?:users?|accounts?)\b|⟦[ue]\d+⟧/i.test(possessive ? "" : (text.split(/\bfrom\b/i)[0] ?? ""))) {
      return cantDelete();
    }
    return {
      kind: "reply",
      message: "Which metadata key should I remove? For example: “remove plan from jane@acme.com”.",
    };
  }
  const changes: JsonObject = {};
  for (const key of keys) setPath(changes, key, null);
  return withTarget(m, text, fragment, changes);
}

export function cantDelete(): Intent {
  return {
    kind: "reply",
    message:
      "Tell me one user per request: “delete user jane@acme.com” or “create a user jane@acme.com named Jane Doe”; each shows you an approval card first.",
  };
}

function parseSet(m: Masked, text: string): Intent | undefined {
  const pairs = keyValues(m, text);
  if (pairs.length > 0) {
    const bulk = splitBulk(text);
    const head = bulk ? bulk.head : text;
    const changes: JsonObject = {};
    for (const { key, value } of keyValues(m, head)) setPath(changes, key, value);
    const rest = text.replace(new RegExp(String.raw`${KEY}\s*=\s*${VALUE}`, "g"), " ").replace(/\s+/g, " ");
    const prep = /\b(?:for|on|of|to)\s+(.+)$/i.exec(bulk ? text : rest);
    const fragment = bulk
      ? text.slice((bulk.head ?? "").length)
      : (prep?.[1] ?? rest.replace(SET_VERB_AT_START, ""));
    return withTarget(m, text, fragment, changes);
  }
  const single = (
    key: string | undefined,
    raw: string | undefined,
    fragment: string | undefined,
  ): Intent | undefined => {
    if (!key || raw === undefined || fragment === undefined) return undefined;
    const value = parseValue(m, raw);
    const changes: JsonObject = {};
    setPath(
      changes,
      tokenValue(m, key) ?? key,
      typeof value === "string" && !/⟦/.test(raw) ? value.trim() : value,
    );
    return withTarget(m, text, fragment, changes);
  };
  const possessive = new RegExp(
    String.raw`^${SET_VERB}\s+(.+?)'s\s+${FIELD}(${KEY})\s+(?:to|=|as|into)?\s*(.+)$`,
    "i",
  ).exec(text);
  if (possessive) return single(possessive[2], possessive[3], possessive[1]);
  const ofThenTo = new RegExp(
    String.raw`^${SET_VERB}\s+(?:the\s+)?${FIELD}(${KEY})\s+(?:key\s+|field\s+)?(?:of|for|on)\s+(.+?)\s+(?:to|=|as)\s+(.+)$`,
    "i",
  ).exec(text);
  if (ofThenTo) return single(ofThenTo[1], ofThenTo[3], ofThenTo[2]);
  const toThenFor = new RegExp(
    String.raw`^${SET_VERB}\s+(?:the\s+)?${FIELD}(${KEY})\s+(?:key\s+|field\s+)?(?:to|=|as)\s+(.+?)\s+(?:for|of|on)\s+(.+)$`,
    "i",
  ).exec(text);
  if (toThenFor && !/^(?:the|a|an)$/i.test(toThenFor[1] ?? ""))
    return single(toThenFor[1], toThenFor[2], toThenFor[3]);
  const subjectFirst = new RegExp(
    String.raw`^${SET_VERB}\s+(.*?⟦[ue]\d+⟧.*?)\s+${FIELD}(${KEY})\s+(?:to|=|as)\s+(.+)$`,
    "i",
  ).exec(text);
  if (subjectFirst) return single(subjectFirst[2], subjectFirst[3], subjectFirst[1]);
  const assign = /^(?:assign|grant)\s+(?:the\s+|an?\s+)?([\w-]+)\s+role\s+to\s+(.+)$/i.exec(text);
  if (assign?.[1] && assign[2]) return withTarget(m, text, assign[2], { role: assign[1].toLowerCase() });
  const role =
    /^(?:promote|demote)\s+(.+?)\s+to\s+(?:an?\s+|the\s+)?([\w-]+)(?:\s+role)?$/i.exec(text) ??
    /^give\s+(.+?)\s+(?:the\s+|an?\s+)?([\w-]+)\s+(?:role|access|rights|permissions)$/i.exec(text) ??
    /^make\s+(.+?)\s+(?:an?\s+|the\s+)?([\w-]+)$/i.exec(text);
  if (role?.[1] && role[2]) return withTarget(m, text, role[1], { role: role[2].toLowerCase() });
  const plan =
    /^(?:upgrade|downgrade|move|switch)\s+(.+?)\s+to\s+(?:the\s+)?([\w-]+)(?:\s+(?:plan|tier))?$/i.exec(
      text,
    ) ??
    /^put\s+(.+?)\s+on\s+(?:the\s+)?([\w-]+)(?:\s+(?:plan|tier))?$/i.exec(text) ??
    /^give\s+(.+?)\s+(?:the\s+|an?\s+)?([\w-]+)\s+(?:plan|tier)$/i.exec(text);
  if (plan?.[1] && plan[2]) return withTarget(m, text, plan[1], { plan: plan[2].toLowerCase() });
  return undefined;
}

/** "set plan=pro for …", "set jane@acme.com's plan to pro", "remove plan from …", "make bob@x.com an admin". */
export function parseMetadataWrite(m: Masked, text: string): Intent | undefined {
  const removed = parseRemove(m, text);
  if (removed) return removed;
  const verb =
    /^(?:set|change|update|switch|modify|make|give|promote|demote|upgrade|downgrade|move|put|assign|grant|add|apply|mark|tag)\b/i;
  const subjectFirst = new RegExp(String.raw`^(?:⟦[ue]\d+⟧[\s,]*(?:and\s+)?)+:?\s*${KEY}\s*=`);
  if (!verb.test(text) && !new RegExp(String.raw`^${KEY}\s*=`).test(text) && !subjectFirst.test(text))
    return undefined;
  const intent = parseSet(m, text);
  if (intent?.kind === "updateMetadata" && intent.target.by === "name") {
    const name = cleanPhrase(intent.target.query);
    if (!name) return { kind: "reply", message: WHOSE };
  }
  return intent;
}
