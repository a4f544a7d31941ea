import type { Intent } from "./intent";
import { recentRange } from "./parse-dates";
import { type Masked, tokenValue } from "./text";

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;
const TOKEN = String.raw`⟦[eu]\d+⟧`;

const UNDO = /^(?:undo|revert|roll ?back|reverse)\b|\b(?:undo|revert|roll ?back)\b/i;
const HISTORY =
  /\b(?:audit(?: log| trail)?|change ?log|history|activity log|recent changes|my (?:recent |last |latest )?changes)\b|\bwho (?:changed|modified|updated|edited|touched|banned|locked)\b|\b(?:what|which)\b.{0,40}\b(?:did|have|has|were)\b.{0,60}\b(?:change|changed|do|done|modify|modified|update|updated|make|made|edit|edited)\b|\bchanges (?:made )?(?:by|to|on)\b|\b(?:failed|recent|latest|last|all) changes\b|^(?:show|list|any|get)(?: me)? (?:the )?changes\b/i;
/** The asking admin as the subject: "what did I change", "my changes", "changes I made". */
const ME = /\b(?:did i|have i|i (?:changed|made|did|edited|updated)|my|me|mine)\b/i;
const WORD_ACTOR =
  /\b(?:what|which changes) (?:did|has|have) ([a-z][\w.-]{1,40}) (?:do|done|change|changed|make|made|modify|edit|update)\b/i;

function token(m: Masked, raw: string | undefined): string | undefined {
  return raw ? tokenValue(m, raw) : undefined;
}

/** "to bob@acme.com", "on user_123", "changed bob@acme.com": the target of the changes asked about. */
function targetOf(m: Masked, text: string, actorToken?: string): string | undefined {
  const near = new RegExp(
    String.raw`\b(?:to|on|for|of|about|changed|modified|updated|touched|edited|banned|locked)\s+(${TOKEN})`,
    "i",
  ).exec(text);
  const found =
    near?.[1] ?? [...text.matchAll(new RegExp(TOKEN, "g"))].map((x) => x[0]).find((t) => t !== actorToken);
  return token(m, found);
}

function actorOf(m: Masked, text: string): { actor?: string; token?: string } {
  const by = new RegExp(String.raw`\b(?:by|did|has|have)\s+(${TOKEN})`, "i").exec(text);
  if (by?.[1]) return { actor: token(m, by[1]), token: by[1] };
  if (ME.test(text)) return { actor: "me" };
  const named =
    WORD_ACTOR.exec(text)?.[1] ?? /\b([a-z][\w.-]{1,40})'s (?:changes|edits|actions)\b/i.exec(text)?.[1];
  if (named && !/^(?:you|we|they|he|she|it|someone|anyone|anybody|somebody|the|an?|admins?)$/i.test(named)) {
    return { actor: named.toLowerCase() };
  }
  const byWord = /\bby ([a-z][\w.-]{1,40})\b/i.exec(text)?.[1];
  if (byWord && !/^(?:the|an?|admins?|anyone|someone|whom?)$/i.test(byWord))
    return { actor: byWord.toLowerCase() };
  return {};
}

function parseUndo(m: Masked, text: string): Intent {
  const entryId = UUID.exec(text)?.[0]?.toLowerCase();
  if (entryId) return { kind: "undo", entryId, context: false };
  const target = targetOf(m, text);
  const mine = ME.test(text);
  const intent: Intent = { kind: "undo", context: !mine && !target };
  if (mine) intent.actor = "me";
  if (target) intent.target = target;
  return intent;
}

/** "what did I change today?", "what did Alice do to bob@acme.com?", "undo that", "undo my last change". */
export function parseHistory(m: Masked, text: string, now: number): Intent | undefined {
  if (UNDO.test(text) && !/\bundo(?:ne)?\s+(?:rules?|button)\b/i.test(text)) return parseUndo(m, text);
  if (!HISTORY.test(text)) return undefined;
  const { actor, token: actorToken } = actorOf(m, text);
  const intent: Intent = { kind: "listAudit" };
  if (actor) intent.actor = actor;
  const target = targetOf(m, text, actorToken);
  if (target) intent.target = target;
  const range = recentRange(text, now);
  if (range) intent.range = range;
  if (/\b(?:failed|failures?|errors?|refused)\b/i.test(text)) intent.outcome = "error";
  return intent;
}
