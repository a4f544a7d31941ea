import { parseImpersonationRevoke } from "./impersonation-revoke";
import type { Intent, JsonObject, UserTarget } from "./intent";
import { userTarget } from "./parse-users";
import { type Masked, tokensIn, tokenValue } from "./text";

/** Writes to one user's account (not metadata): profile fields, emails, phones, MFA, image. */
export type AccountTool =
  | "updateUserProfile"
  | "addEmailAddress"
  | "verifyEmailAddress"
  | "setPrimaryEmailAddress"
  | "removeEmailAddress"
  | "addPhoneNumber"
  | "verifyPhoneNumber"
  | "setPrimaryPhoneNumber"
  | "removePhoneNumber"
  | "disableMfa"
  | "removeProfileImage"
  | "revokeAllSessions";

const PHONE = /(?<![\w+])\+?\d[\d\s().-]{6,18}\d\b/;
const NAME_WORD = "[A-Za-zÀ-ÿ'’-]+";
const PROFILE_FIELDS: Record<string, "first_name" | "last_name" | "username" | "external_id"> = {
  "first name": "first_name",
  firstname: "first_name",
  "given name": "first_name",
  "last name": "last_name",
  lastname: "last_name",
  surname: "last_name",
  "family name": "last_name",
  username: "username",
  "user name": "username",
  handle: "username",
  "external id": "external_id",
  external_id: "external_id",
  externalid: "external_id",
  "crm id": "external_id",
};
const FIELD = Object.keys(PROFILE_FIELDS)
  .map((k) => k.replace(/ /g, "[\\s_-]?"))
  .join("|");
const SET = "(?:set|change|update|make|edit|correct|fix)";

function write(tool: AccountTool, target: UserTarget | undefined, args: JsonObject): Intent {
  if (!target)
    return { kind: "reply", message: "Which user? Give me their email address or user id (user_…)." };
  return { kind: "accountWrite", tool, target, args };
}

/** "set the first name of X to Y", "change X's username to y", "rename X to First Last". */
function parseProfile(m: Masked, text: string): Intent | undefined {
  const value = (raw: string) => tokenValue(m, raw.trim()) ?? raw.trim().replace(/[.!]+$/, "");
  const of = new RegExp(`^${SET}\\s+(?:the\\s+)?(${FIELD})\\s+(?:of|for)\\s+(.+?)\\s+to\\s+(.+)$`, "i").exec(
    text,
  );
  const owned = new RegExp(`^${SET}\\s+(.+?)'s?\\s+(${FIELD})\\s+to\\s+(.+)$`, "i").exec(text);
  const found = of
    ? { field: of[1], who: of[2], to: of[3] }
    : owned
      ? { field: owned[2], who: owned[1], to: owned[3] }
      : undefined;
  if (found?.field && found.who && found.to) {
    const field =
      PROFILE_FIELDS[found.field.toLowerCase().replace(/[\s_-]+/g, " ")] ??
      PROFILE_FIELDS[found.field.toLowerCase()];
    if (!field) return undefined;
    return write("updateUserProfile", userTarget(m, found.who), { [field]: value(found.to) });
  }
  const rename = new RegExp(
    `^rename\\s+(?:the\\s+user\\s+)?(.+?)\\s+to\\s+(${NAME_WORD})(?:\\s+(${NAME_WORD}))?$`,
    "i",
  ).exec(text);
  if (rename?.[1] && rename[2] && !/\borgani[sz]ation\b/i.test(rename[1])) {
    const target = userTarget(m, rename[1]);
    if (!target) return undefined;
    const args: JsonObject = { first_name: rename[2] };
    if (rename[3]) args.last_name = rename[3];
    return write("updateUserProfile", target, args);
  }
  return undefined;
}

/** The one email the request is about, and the user: "verify A of B", "add A to B", "make A B's primary email". */
function parseEmail(m: Masked, text: string): Intent | undefined {
  if (!/\be-?mail(?: address)?\b/i.test(text)) return undefined;
  const emails = tokensIn(m, text, "e");
  if (emails.length === 0 || emails.length > 2) return undefined;
  const address = emails[0] as string;
  // With two emails the user is the other one; with one, the user who holds it.
  const target: UserTarget | undefined =
    tokensIn(m, text, "u").length > 0
      ? userTarget(m, text.replace(/⟦e\d+⟧/g, " "))
      : { by: "email", emails: [emails[1] ?? address] };
  if (/^(?:add|attach|give)\b/i.test(text)) {
    if (emails.length < 2 && !target) return undefined;
    const args: JsonObject = { email_address: address };
    if (/\bverified\b/i.test(text)) args.verified = true;
    if (/\bprimary\b/i.test(text)) args.primary = true;
    return emails.length < 2 && target?.by === "email"
      ? {
          kind: "reply",
          message: "Add that email to which user? E.g. add the email a@x.com to jane@acme.com.",
        }
      : write("addEmailAddress", target, args);
  }
  if (/\bprimary\b/i.test(text) && /^(?:make|set|use|change|switch)\b/i.test(text))
    return write("setPrimaryEmailAddress", target, { email_address: address });
  if (/^(?:verify|mark|confirm)\b/i.test(text) && !/\bunverified\b/i.test(text))
    return write("verifyEmailAddress", target, { email_address: address });
  if (/^(?:remove|delete|drop|detach)\b/i.test(text))
    return write("removeEmailAddress", target, { email_address: address });
  return undefined;
}

function parsePhone(m: Masked, text: string): Intent | undefined {
  if (!/\b(?:phone|mobile|cell)(?: number)?\b/i.test(text)) return undefined;
  const raw = PHONE.exec(text)?.[0];
  if (!raw) return undefined;
  const phone = `${raw.startsWith("+") ? "+" : ""}${raw.replace(/\D/g, "")}`;
  const rest = text.replace(raw, " ");
  const target = userTarget(m, rest.replace(/^.*?\b(?:to|of|from|for)\s+/i, ""));
  const args: JsonObject = { phone_number: phone };
  if (/^(?:add|attach|give)\b/i.test(text)) {
    if (/\bverified\b/i.test(text)) args.verified = true;
    return write("addPhoneNumber", target, args);
  }
  if (/\bprimary\b/i.test(text) && /^(?:make|set|use|change|switch)\b/i.test(text))
    return write("setPrimaryPhoneNumber", target, args);
  if (/^(?:verify|mark|confirm)\b/i.test(text)) return write("verifyPhoneNumber", target, args);
  if (/^(?:remove|delete|drop|detach)\b/i.test(text)) return write("removePhoneNumber", target, args);
  return undefined;
}

const MFA =
  /^(?:disable|turn off|switch off|remove|reset|clear)\s+(?:the\s+)?(?:mfa|2fa|two[- ]factor(?: authentication)?|multi[- ]factor(?: authentication)?|second factors?)\s+(?:for|of|on)\s+(.+)$/i;
const IMAGE =
  /^(?:remove|delete|clear|reset)\s+(?:the\s+)?(?:profile\s+)?(?:picture|photo|image|avatar|pic)\s+(?:of|for|from|on)\s+(.+)$/i;
const IMAGE_OWNED =
  /^(?:remove|delete|clear|reset)\s+(.+?)'s?\s+(?:profile\s+)?(?:picture|photo|image|avatar|pic)$/i;
const SIGN_IN_LINK = /\b(?:sign[- ]?in|log[- ]?in|login|magic)\s+(?:link|token|url)s?\b/i;
const IMPERSONATE = /\b(?:impersonat\w*|(?:sign|log) in as|act as|become)\b/i;

/** Account writes; sign-in links and impersonation are refused here (their secrets stay in the console). */
export function parseAccount(m: Masked, text: string): Intent | undefined {
  const revoke = parseImpersonationRevoke(m, text);
  if (revoke) return revoke;
  if (/^(?:list|show|get|which|what|any|are there)\b.*\bimpersonations\b/i.test(text)) {
    const who = /\b(?:of|for|on)\s+(.+)$/i.exec(text)?.[1];
    const target = who ? userTarget(m, who) : undefined;
    const all = /\b(?:all|revoked|expired|inactive|past|every)\b/i.test(text);
    return { kind: "listImpersonations", all, ...(target ? { target } : {}) };
  }
  if (SIGN_IN_LINK.test(text) && /\b(?:create|make|generate|send|give|get|issue|new)\b/i.test(text)) {
    return {
      kind: "reply",
      message:
        "A sign-in link is a secret shown once, so it is created on the user's page in the console (Danger zone → One-time sign-in link), not in the chat, whose transcript is stored.",
    };
  }
  if (IMPERSONATE.test(text) && !/\bimpersonations\b/i.test(text)) {
    return {
      kind: "reply",
      message:
        "Impersonation links are secrets shown once: start it from the user's page in the console (Sign in as this user, with a reason). I can list active impersonations.",
    };
  }
  const mfa = MFA.exec(text);
  if (mfa?.[1]) return write("disableMfa", userTarget(m, mfa[1]), {});
  const image = IMAGE.exec(text) ?? IMAGE_OWNED.exec(text);
  if (image?.[1]) return write("removeProfileImage", userTarget(m, image[1]), {});
  return parseProfile(m, text) ?? parseEmail(m, text) ?? parsePhone(m, text);
}
