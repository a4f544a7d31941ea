import type { UserFilter } from "./intent";

const PHONE = /(?<![\w+])(\+?\d[\d\s().-]{6,18}\d)\b/;

/** Clerk's exact identifier filters: "with external id crm_1", "with username jdoe", "phone number +1555…". */
export function identifierFilters(text: string): Pick<UserFilter, "externalId" | "username" | "phone"> {
  const out: Pick<UserFilter, "externalId" | "username" | "phone"> = {};
  const external = /\bexternal[\s_-]?id\s+(?:is\s+|of\s+|=\s*)?([\w.:-]+)/i.exec(text);
  if (external?.[1]) out.externalId = [external[1]];
  const username = /\buser[\s_-]?name\s+(?:is\s+|=\s*)?@?([\w.-]+)/i.exec(text);
  if (username?.[1] && !/^(?:of|for|to)$/i.test(username[1])) out.username = [username[1].toLowerCase()];
  if (/\b(?:phone|mobile|cell)(?: number)?\b/i.test(text)) {
    const raw = PHONE.exec(text)?.[1];
    if (raw) out.phone = [`${raw.startsWith("+") ? "+" : ""}${raw.replace(/\D/g, "")}`];
  }
  return out;
}
