import type { Intent, JsonPrimitive, UserFilter, UserOrder, UserTarget } from "./intent";
import { parseDateFilters } from "./parse-dates";
import { identifierFilters } from "./parse-identifiers";
import {
  cleanPhrase,
  findDomain,
  KEY,
  keyValues,
  type Masked,
  parseValue,
  tokensIn,
  tokenValue,
  VALUE,
} from "./text";

export const ROLE_WORDS = "admin|editor|viewer|owner|manager|moderator|developer|billing|support|guest";
const PRONOUN =
  /\b(?:them|him|her|this (?:user|person|account|one)|that (?:user|person|account|one)|the same (?:user|person|account))\b/i;
const BULK =
  /\b(?:everyone|everybody|every (?:user|account|member|one)|each (?:user|account|member)|all (?:the )?(?:users|accounts|members|people|customers)|all(?= (?:at|from|on|in|who|whose|with)\b))/i;
const NOT_A_NAME =
  /^(?:users?|people|accounts?|members?|customers?|everyone|all|me|it|them|metadata|please|now|here|there|profile|details?|info)$/i;

export function isBulk(text: string): boolean {
  return BULK.test(text);
}

/** Splits "… for everyone at acme.com who is on free" into the part before and the filter after. */
export function splitBulk(text: string): { head: string; tail: string } | undefined {
  const found = BULK.exec(text);
  if (!found) return undefined;
  return { head: text.slice(0, found.index), tail: text.slice(found.index + found[0].length) };
}

/** Who a fragment such as "for jane@acme.com", "user_123", "them" or "Jane Doe" points at. */
export function userTarget(m: Masked, fragment: string): UserTarget | undefined {
  const ids = tokensIn(m, fragment, "u");
  if (ids.length > 0) return { by: "id", userIds: ids };
  const emails = tokensIn(m, fragment, "e");
  if (emails.length > 0) return { by: "email", emails };
  if (PRONOUN.test(fragment)) return { by: "context" };
  const quoted = /⟦q\d+⟧/.exec(fragment);
  if (quoted) {
    const value = tokenValue(m, quoted[0]);
    if (value?.trim()) return { by: "name", query: value.trim() };
  }
  const name = cleanPhrase(
    fragment
      .replace(/⟦[a-z]\d+⟧/g, " ")
      .replace(/^\s*(?:for|of|on|to|from|with|about)\s+/i, "")
      .replace(/'s?\b.*$/i, "")
      .replace(/\b(?:user|account|the|named|called|please|now|profile|details)\b/gi, " ")
      .replace(/\s+/g, " "),
  );
  if (!name || NOT_A_NAME.test(name) || name.split(" ").length > 4) return undefined;
  return { by: "name", query: name };
}

/** "at Initech", "from \"Acme Corp\"": a capitalised name (or a quoted one) where a domain would be. */
const COMPANY =
  /\b(?:at|from)\s+(?:the\s+)?(⟦q\d+⟧|[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,3})(?=\s*$|\s*[,;]|\s+(?:who|whose|with|on|and|that|are|is|have|has|sorted|ordered|signed|joined|created)\b)/;
const NOT_A_COMPANY =
  /^(?:I|Me|Us|All|Any|Least|Most|Last|This|Next|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

function companyOf(m: Masked, text: string): string | undefined {
  const raw = COMPANY.exec(text)?.[1];
  if (!raw) return undefined;
  const name = tokenValue(m, raw)?.trim() ?? raw;
  return name && !NOT_A_COMPANY.test(name) && !/⟦/.test(name) ? name : undefined;
}

/** Conditions such as "at acme.com", "on the free plan", "whose role is admin", "named Jane", "banned". */
export function parseFilter(m: Masked, text: string, now = Date.now()): UserFilter {
  const filter: UserFilter = { ...parseDateFilters(text, now), ...identifierFilters(text) };
  const metadata: Record<string, JsonPrimitive> = {};
  for (const { key, value } of keyValues(m, text)) metadata[key] = value;
  const plan =
    /\bon (?:the )?([\w-]+) (?:plan|tier)\b/i.exec(text) ??
    /\bon (?:the )?(?:plan|tier) ⟦?([\w-]+)/i.exec(text) ??
    /\b(?:who(?:'s| is| are)|that (?:is|are)|is|are|currently|still|users|people|everyone|everybody) on (?:the )?([\w-]+)\b/i.exec(
      text,
    );
  if (plan?.[1] && !/^(the|a|an|acme)$/i.test(plan[1]) && !findDomain(` ${plan[1]}`)) {
    metadata.plan = plan[1].toLowerCase();
  }
  const whose = new RegExp(
    String.raw`\b(?:whose|where|with (?:the )?)\s*(${KEY}) (?:is|equals|=|set to|of) (${VALUE})`,
    "i",
  );
  const w = whose.exec(text);
  if (w?.[1] && w[2] && !/^name$/i.test(w[1])) metadata[w[1]] = parseValue(m, w[2]);
  const role = new RegExp(
    String.raw`\b(${ROLE_WORDS})(?:s\b|\s+(?:users|people|accounts|members)\b)`,
    "i",
  ).exec(text);
  if (role?.[1]) metadata.role = role[1].toLowerCase();
  const domain = findDomain(text);
  if (domain) filter.domain = domain;
  else {
    const company = companyOf(m, text);
    if (company && metadata.company === undefined) metadata.company = company;
  }
  if (Object.keys(metadata).length > 0) filter.metadata = metadata;

  if (/\b(?:not banned|unbanned)\b/i.test(text)) filter.banned = false;
  else if (/\bbanned\b/i.test(text)) filter.banned = true;
  if (/\b(?:not locked|unlocked)\b/i.test(text)) filter.locked = false;
  else if (/\blocked(?: out)?\b/i.test(text)) filter.locked = true;

  const named =
    /\b(?:named|called|whose name is|with (?:the )?name)\s+(.+?)(?=\s+(?:at|from|who|whose|with|and|sorted|ordered|in)\b|$)/i.exec(
      text,
    ) ??
    /\b(?:matching|containing|search(?:ing)?(?: users?)? for|look(?:ing)? for|like)\s+(.+?)(?=\s+(?:at|from|who|whose|with|and|sorted|ordered|in)\b|$)/i.exec(
      text,
    );
  if (named?.[1]) {
    const quoted = tokenValue(m, named[1].trim());
    const query = quoted ?? cleanPhrase(named[1].replace(/⟦[a-z]\d+⟧/g, "").trim());
    if (query && !NOT_A_NAME.test(query)) filter.query = query;
  }
  return filter;
}

function orderOf(text: string): UserOrder | undefined {
  if (
    /\b(?:least recently active|inactive|(?:haven't|have not|never) (?:signed|logged) in|longest since)/i.test(
      text,
    )
  )
    return "+last_sign_in_at";
  if (
    /\b(?:recently active|active recently|most recently (?:signed|logged) in|(?:signed|logged) in most recently|last (?:signed|logged) in|recent (?:sign[- ]?ins|log[- ]?ins|logins)|(?:signed|logged) in recently|latest (?:sign[- ]?ins|logins))/i.test(
      text,
    )
  )
    return "-last_sign_in_at";
  if (
    /\b(?:sort|sorted|order|ordered)\s+by\s+(?:the\s+)?(?:last|latest|recent)\s+(?:sign|log)[- ]?in/i.test(
      text,
    )
  ) {
    return "-last_sign_in_at";
  }
  if (/\boldest first\b/i.test(text)) return "+created_at";
  if (/\b(?:oldest|earliest|first (?:\d+ )?(?:users|accounts|sign-?ups|people|to sign up))/i.test(text))
    return "+created_at";
  if (
    /\b(?:newest|latest|most recent|recent(?:ly)? (?:created|joined|signed[- ]up|sign-?ups|users|accounts)|new (?:users|sign-?ups|accounts)|(?:joined|signed up|created) recently|last \d+ (?:users|sign-?ups|accounts))/i.test(
      text,
    )
  )
    return "-created_at";
  return undefined;
}

function limitOf(text: string): number | undefined {
  const found =
    /\b(?:top|first|last|latest|newest|oldest|limit(?: to)?|show(?: me)?|list|get|find|only)\s+(?:the\s+)?(\d{1,3})\b(?!\s+(?:days?|weeks?|months?|years?|hours?)\b)/i.exec(
      text,
    ) ??
    /\b(\d{1,3})\s+(?:[\w-]+\s+){0,3}?(?:users|people|accounts|members|sign-?ups|customers)\b/i.exec(text);
  if (!found?.[1]) return undefined;
  return Math.min(500, Math.max(1, Number(found[1])));
}

const USERISH = new RegExp(
  String.raw`\b(?:users?|people|persons?|accounts?|members?|customers?|sign-?ups|everyone|everybody|who|anyone|(?:${ROLE_WORDS})s)\b`,
  "i",
);
const LISTISH =
  /^(?:list|show|find|search|get|display|give me|fetch|look ?up|who|whose|which|what|pull|see|view|browse|any)\b|\b(?:named|called)\b/i;

/** Listing, counting and single-user lookups. */
export function parseUserQuery(m: Masked, text: string, now = Date.now()): Intent | undefined {
  const lookup =
    /^(?:show|get|find|look ?up|lookup|who is|who's|what is|what's|is|does|has|fetch|display|open|view|details|info|profile|tell me about|describe|what about)\b/i;
  const emails = tokensIn(m, text, "e");
  const ids = tokensIn(m, text, "u");
  const counting = /\b(?:how many|count|number of|total (?:number|count) of|total)\b/i.test(text);
  if (
    !counting &&
    (ids.length > 0 || emails.length > 0) &&
    (lookup.test(text) ||
      text.replace(/⟦[a-z]\d+⟧/g, "").trim().length < 3 ||
      /\b(?:user|profile|details|info|metadata|plan|role)\b/i.test(text))
  ) {
    return {
      kind: "showUser",
      target: ids.length > 0 ? { by: "id", userIds: ids } : { by: "email", emails },
    };
  }
  if (!counting && PRONOUN.test(text) && lookup.test(text))
    return { kind: "showUser", target: { by: "context" } };
  const filter = parseFilter(m, text, now);
  if (emails.length > 0 && !filter.query) filter.query = emails[0];
  if (counting) return { kind: "countUsers", filter };
  const order = orderOf(text);
  if (!USERISH.test(text) && !LISTISH.test(text) && !order) return undefined;
  const unfiltered = Object.keys(filter).length === 0;
  if (unfiltered) {
    const rest =
      /^(?:find|search(?: for)?|look ?up|lookup|who is|who's|show(?: me)?|get|tell me about|describe)\s+(.+)$/i.exec(
        text,
      );
    const name =
      rest?.[1] && !USERISH.test(rest[1].replace(/^who/i, "")) ? userTarget(m, rest[1]) : undefined;
    if (name?.by === "name") filter.query = name.query;
    else if (!USERISH.test(text) && !order) return undefined;
  }
  const intent: Intent = { kind: "listUsers", filter };
  if (order) intent.orderBy = order;
  const limit = limitOf(text);
  if (limit) intent.limit = limit;
  return intent;
}
