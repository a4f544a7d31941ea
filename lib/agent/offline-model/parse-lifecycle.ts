import type { Intent } from "./intent";
import { userTarget } from "./parse-users";
import { type Masked, tokensIn, tokenValue } from "./text";

const DELETE =
  /^(?:delete|remove|destroy|erase|wipe|purge)\s+(?:the\s+)?(?:(?:user|account)s?\s+)?(?:of\s+|for\s+)?/i;
/** Only the user is left after the verb: "remove plan from x@y.com" is a metadata change, not this. */
const ONLY_TARGET = /^⟦[ue]\d+⟧(?:'s account)?[.!]*$/;
// "add user x to Initech" is an organization change: plain "add" needs "new".
const CREATE =
  /^(?:create|make|set up|register)\s+(?:a\s+|an\s+)?(?:new\s+)?(?:user|account)\b|^add\s+(?:a\s+)?new\s+(?:user|account)\b/i;
const NOTE =
  /^(?:add|save|put|leave|write|attach|set)\s+(?:a\s+|an\s+)?(?:(private|internal|public)\s+)?note\b(?!\s*=)[\s:]*(.*?)\s+(?:for|to|on)\s+(.+)$/i;
const PASSWORD = /\bpasswords?\b/i;

function parseName(m: Masked, text: string): { first?: string; last?: string } {
  const named =
    /\b(?:named|called|name(?:d)? is|with (?:the )?name)\s+(⟦q\d+⟧|[A-Za-zÀ-ÿ'’-]+(?:\s+[A-Za-zÀ-ÿ'’-]+)?)/i.exec(
      text,
    );
  const first = /\bfirst name\s+(⟦q\d+⟧|[A-Za-zÀ-ÿ'’-]+)/i.exec(text);
  const last = /\b(?:last name|surname)\s+(⟦q\d+⟧|[A-Za-zÀ-ÿ'’-]+)/i.exec(text);
  const value = (raw: string | undefined) => (raw ? (tokenValue(m, raw) ?? raw) : undefined);
  const out: { first?: string; last?: string } = {};
  const full = value(named?.[1]);
  if (full) {
    const [f, ...rest] = full.trim().split(/\s+/);
    out.first = f;
    if (rest.length > 0) out.last = rest.join(" ");
  }
  if (first?.[1]) out.first = value(first[1]);
  if (last?.[1]) out.last = value(last[1]);
  return out;
}

/** create / delete a user, a note in private metadata, and why passwords stay in the console. */
export function parseLifecycle(m: Masked, text: string): Intent | undefined {
  if (PASSWORD.test(text) && /\b(?:reset|change|set|update|give|new)\b/i.test(text)) {
    return {
      kind: "reply",
      message:
        "Passwords never go through the chat (the transcript would keep them). Set it on the user's page, under Danger zone → Set password. I can revoke their sessions or lock the account.",
    };
  }
  const note = NOTE.exec(text);
  if (note) {
    const raw = (note[2] ?? "").trim();
    const body = (tokenValue(m, raw) ?? raw).replace(/^[:\s]+|[\s:]+$/g, "").trim();
    const target = userTarget(m, note[3] ?? "");
    if (!body)
      return {
        kind: "reply",
        message: 'What should the note say? E.g. add a private note "VIP" for jane@acme.com.',
      };
    if (!target)
      return { kind: "reply", message: "Which user is the note for? Give me an email or a user id." };
    const field = note[1]?.toLowerCase() === "public" ? "public_metadata" : "private_metadata";
    return { kind: "updateMetadata", target, field, changes: { note: body } };
  }
  if (CREATE.test(text)) {
    const emails = tokensIn(m, text, "e");
    if (emails.length !== 1) {
      return {
        kind: "reply",
        message:
          "I create one user at a time: give me one email, e.g. “create a user jane@acme.com named Jane Doe”.",
      };
    }
    const name = parseName(m, text);
    const username = /\busername\s+(⟦q\d+⟧|[\w.-]+)/i.exec(text)?.[1];
    return {
      kind: "createUser",
      email: emails[0] as string,
      ...(name.first ? { firstName: name.first } : {}),
      ...(name.last ? { lastName: name.last } : {}),
      ...(username ? { username: tokenValue(m, username) ?? username } : {}),
    };
  }
  const rest = DELETE.test(text) ? text.replace(DELETE, "").trim() : "";
  if (rest && (ONLY_TARGET.test(rest) || /^(?:⟦[ue]\d+⟧[\s,]*(?:and\s+)?)+$/.test(rest))) {
    if (tokensIn(m, rest, "e").length + tokensIn(m, rest, "u").length > 1) {
      return {
        kind: "reply",
        message: "I delete one user at a time, each with its own approval: give me one email or user id.",
      };
    }
    const target = userTarget(m, rest);
    if (target) return { kind: "deleteUser", target };
  }
  return undefined;
}
