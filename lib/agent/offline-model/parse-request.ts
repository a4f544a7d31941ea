import { parseAccessList } from "./access-lists";
import { parseAutomation } from "./automations";
import type { Intent, InvitationStatus, JsonObject, ModerationTool } from "./intent";
import { parseOrganizationAdmin } from "./organization-admin";
import { parseOrganizationInviteRevoke } from "./organization-invite-revoke";
import { parseOrganizationInvite } from "./organization-invites";
import { parseOrganizationRequest } from "./organizations";
import { parseAccount } from "./parse-account";
import { parseHistory } from "./parse-history";
import { parseLifecycle } from "./parse-lifecycle";
import { cantDelete, parseMetadataWrite } from "./parse-metadata";
import { isBulk, parseUserQuery, ROLE_WORDS, userTarget } from "./parse-users";
import { parseSignInRequest } from "./sign-ins";
import { findDomain, keyValues, type Masked, mask, setPath, tokensIn, words } from "./text";

const POLITE =
  /^(?:please|pls|kindly|ok(?:ay)?|hey|so|now|then|also|and|can you|could you|would you|will you|would you mind|i want to|i'd like to|i would like to|i need to|i need you to|help me|let's|lets|go ahead and|just|quickly)[\s,]+/i;

function stripPoliteness(text: string): string {
  let out = text;
  for (let i = 0; i < 6 && POLITE.test(out); i++) out = out.replace(POLITE, "");
  return words(out.replace(/[\s,]+(?:please|pls|for me|thanks|thank you)[.!]*$/i, ""));
}

function parseInvitationStatus(text: string): InvitationStatus | undefined {
  if (/\b(?:pending|outstanding|open|unaccepted|waiting)\b/i.test(text)) return "pending";
  if (/\baccepted\b/i.test(text)) return "accepted";
  if (/\b(?:revoked|cancell?ed|withdrawn)\b/i.test(text)) return "revoked";
  if (/\bexpired\b/i.test(text)) return "expired";
  return undefined;
}

function singularRole(word: string): string {
  return new RegExp(`^(?:${ROLE_WORDS})s$`).test(word) ? word.slice(0, -1) : word;
}

function parseInvitations(m: Masked, text: string): Intent | undefined {
  const ids = tokensIn(m, text, "i");
  const emails = tokensIn(m, text, "e");
  const mentionsInvite = /\b(?:re-?)?invit(?:e|es|ation|ations)\b/i.test(text) || ids.length > 0;
  if (!mentionsInvite) return undefined;
  if (/^(?:revoke|cancel|withdraw|rescind|delete|remove|retract|void|invalidate|kill)\b/i.test(text)) {
    if (ids.length === 0 && emails.length === 0) {
      return {
        kind: "reply",
        message: "Which invitation? Give me its id (inv_…) or the email address it was sent to.",
      };
    }
    return { kind: "revokeInvitation", invitationIds: ids, emails: ids.length > 0 ? [] : emails };
  }
  const verb = /\b(?:re-?invite|invite|send (?:an? )?(?:new )?(?:invite|invitation)s?)\b/i.exec(text);
  const listing =
    /^(?:list|show|see|get|find|view|display|which|what|are there|is there|any|how many|search|look ?up|check)\b/i.test(
      text,
    ) ||
    /^(?:all |the )?(?:pending |open |outstanding |accepted |revoked |expired )?invit(?:ation|e)s\b/i.test(
      text,
    );
  if (listing || !verb) {
    const intent: Intent = { kind: "listInvitations" };
    const status = parseInvitationStatus(text);
    if (status) intent.status = status;
    const query = emails[0] ?? findDomain(text);
    if (query) intent.query = query;
    return intent;
  }
  if (emails.length === 0)
    return { kind: "reply", message: "Who should I invite? Give me an email address." };
  const metadata: JsonObject = {};
  const role =
    /\bas (?:an?\s+|the\s+)?([\w-]+)(?!\s*=)/i.exec(text.replace(/\bas (?:soon|well)\b/gi, "")) ??
    /\bwith (?:the |an? )?([\w-]+) role\b/i.exec(text);
  if (role?.[1] && !/^(?:soon|well|long)$/i.test(role[1]))
    metadata.role = singularRole(role[1].toLowerCase());
  const plan = /\b(?:on|with) (?:the |an? )?([\w-]+) (?:plan|tier)\b/i.exec(text);
  if (plan?.[1]) metadata.plan = plan[1].toLowerCase();
  for (const { key, value } of keyValues(m, text)) setPath(metadata, key, value);
  const intent: Intent = { kind: "invite", emails };
  if (Object.keys(metadata).length > 0) intent.publicMetadata = metadata;
  const url = tokensIn(m, text, "l")[0];
  if (url) intent.redirectUrl = url;
  if (
    /\b(?:without (?:sending )?(?:an? |any )?(?:e-?mails?|notifications?)|(?:don't|do not|dont) (?:send|notify|e-?mail)|no (?:e-?mails?|notifications?)|silently|quietly)\b/i.test(
      text,
    )
  ) {
    intent.notify = false;
  }
  const expires = /\b(?:expir\w*|valid|good)\s+(?:in|for|after)\s+(\d{1,3})\s+days?\b/i.exec(text);
  if (expires?.[1]) intent.expiresInDays = Number(expires[1]);
  return intent;
}

function parseSessions(m: Masked, text: string): Intent | undefined {
  const sessionIds = tokensIn(m, text, "s");
  const revoking =
    /^(?:revoke|end|kill|terminate|invalidate|close|cancel)\b|\b(?:sign|log)(?:[\s-]+\S+){0,3}?[\s-]+out\b|\b(?:sign|log)-?out\b|\blogout\b/i;
  if (sessionIds.length > 0 && revoking.test(text)) return { kind: "revokeSession", sessionIds };
  const aboutSessions = /\bsessions?\b/i.test(text);
  const signOut = /\b(?:sign|log)(?:[\s-]+\S+){0,3}?[\s-]+out\b|\bforce (?:a )?log-?out\b|\blogout\b/i.test(
    text,
  );
  if (!aboutSessions && !signOut) return undefined;
  const fragment = text
    .replace(
      /\b(?:sessions?|active|current|all|revoke|end|kill|terminate|sign|log|out|everywhere|list|show|get|of|for|the)\b/gi,
      " ",
    )
    .replace(/\s+/g, " ");
  const target = userTarget(m, fragment);
  if (revoking.test(text) || signOut) {
    if (isBulk(text))
      return { kind: "reply", message: "I sign out one user at a time: give me their email or user id." };
    if (!target)
      return { kind: "reply", message: "Whose sessions should I revoke? Give me an email or a user id." };
    return { kind: "revokeUserSessions", target };
  }
  if (!target) return { kind: "reply", message: "Whose sessions? Give me an email or a user id (user_…)." };
  const intent: Intent = { kind: "listSessions", target };
  if (/\b(?:active|current|live|open)\b/i.test(text)) intent.status = "active";
  else if (/\brevoked\b/i.test(text)) intent.status = "revoked";
  else if (/\bexpired\b/i.test(text)) intent.status = "expired";
  else if (/\bended\b/i.test(text)) intent.status = "ended";
  return intent;
}

const MODERATION: Array<[RegExp, ModerationTool, string]> = [
  [
    /\b(?:unban|un-ban|lift (?:the )?ban(?: on)?|reinstate|unblock|unsuspend|un-suspend)\b/i,
    "unbanUser",
    "unban",
  ],
  [/\b(?:unlock|un-lock)\b/i, "unlockUser", "unlock"],
  [/\b(?:ban|block|suspend)\b/i, "banUser", "ban"],
  [/\block(?: out)?\b/i, "lockUser", "lock"],
];

function parseModeration(m: Masked, text: string): Intent | undefined {
  for (const [re, tool, verb] of MODERATION) {
    const found = re.exec(text);
    if (!found) continue;
    if (isBulk(text)) {
      return {
        kind: "reply",
        message: `I ${verb} users one by one: list their emails or user ids, e.g. “${verb} a@x.com and b@x.com”.`,
      };
    }
    const after = text.slice(found.index + found[0].length);
    const target = userTarget(m, after) ?? userTarget(m, text.slice(0, found.index));
    if (!target)
      return { kind: "reply", message: `Who should I ${verb}? Give me an email or a user id (user_…).` };
    return { kind: "moderate", tool, target };
  }
  return undefined;
}

const HELP =
  /^(?:help|\?|commands|menu|usage|options)$|\bwhat (?:can|do) you do\b|\bhow (?:do|can) i use\b|\bwhat are (?:you|your (?:commands|capabilities))\b|\bwhat commands\b|\bwho are you\b/i;
const GREETING =
  /^(?:hi|hello|hey|hiya|yo|howdy|good (?:morning|afternoon|evening)|thanks|thank you|cheers)(?: there)?[\s!.,]*$/i;

const NEGATED = /^(?:don't|dont|do not|never|no need to|stop)\b/i;
const HYPOTHETICAL =
  /^(?:what happens if|what if|what would happen if|should i|should we|how do i|how can i|how would i|can i|is it safe to)\b/i;
const CONFIRMATION =
  /^(?:y|yes|yep|yeah|sure|ok|okay|approve[d]?|i approve|confirm(?:ed)?|go ahead|do it|proceed|no|nope|deny|denied|don't|stop)[\s!.]*$/i;

/** Turns one admin request into an intent. Deterministic: the same text always gives the same intent. */
export function parseRequest(input: string, now = Date.now()): Intent {
  const m = mask(input);
  const text = stripPoliteness(m.text);
  if (!text || HELP.test(text)) return { kind: "help" };
  if (GREETING.test(text)) return { kind: "help", greeting: true };
  if (NEGATED.test(text)) return { kind: "reply", message: "OK, I won't do anything." };
  if (HYPOTHETICAL.test(text)) {
    return {
      kind: "reply",
      message:
        "I act only on direct requests, and every change first shows you an approval card with the exact change. Say, for example, “ban jane@acme.com”, then approve or deny it.",
    };
  }
  if (CONFIRMATION.test(text)) {
    return {
      kind: "reply",
      message:
        "Approvals are given with the Approve or Deny buttons on each change card; a chat message can't approve a change.",
    };
  }
  const m2: Masked = { ...m, text };
  const automation = parseAutomation(m2, text);
  if (automation) return automation;
  const lifecycle = parseLifecycle(m2, text);
  if (lifecycle) return lifecycle;
  const account = parseAccount(m2, text);
  if (account) return account;
  if (
    /\b(?:delete|destroy|erase)\s+(?:the\s+)?(?:users?|accounts?)\b|\bcreate (?:a |new )*(?:users?|accounts?)\b/i.test(
      text,
    )
  ) {
    return cantDelete();
  }
  return (
    parseSignInRequest(m2, text, now) ??
    parseHistory(m2, text, now) ??
    parseAccessList(m2, text) ??
    parseOrganizationInviteRevoke(m2, text) ??
    parseOrganizationRequest(m2, text) ??
    parseOrganizationAdmin(m2, text) ??
    parseOrganizationInvite(m2, text) ??
    parseInvitations(m2, text) ??
    parseSessions(m2, text) ??
    parseModeration(m2, text) ??
    parseMetadataWrite(m2, text) ??
    parseUserQuery(m2, text, now) ?? { kind: "help", note: "Sorry, I didn't understand that." }
  );
}
