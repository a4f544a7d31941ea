// "end the impersonation of bob@x.com", "revoke all impersonations of bob@x.com", "revoke impersonation
// act_123": an impersonation (actor token) revoked before its link is used. The console's register of
// tokens is listImpersonations (active ones only), so every proposal names a token it listed.
import { isPlainObject } from "@/lib/clerk/metadata";
import { errorText, outcomeLines, quote, userLabel } from "./format";
import type { Decision, Intent, UserTarget } from "./intent";
import { type Conversation, listOf } from "./observations";
import { userTarget } from "./parse-users";
import { call, calls, observed, optionalUser, say } from "./steps";
import type { Masked } from "./text";

const LIST = "listImpersonations";
const REVOKE = "revokeImpersonation";
const TOKEN_ID = /\bact_[A-Za-z0-9]{1,60}\b/g;
const USER_ID = /^user_[A-Za-z0-9]{1,60}$/;
const VERB = /^(?:revoke|end|cancel|stop|terminate|kill|invalidate|disable|expire|close|withdraw|void)\b/i;
const NOUN = /\bimpersonations?(?:\s+(?:links?|tokens?|sessions?))?\b|\bactor\s+tokens?\b/i;

type RevokeIntent = Extract<Intent, { kind: "revokeImpersonation" }>;

/** A revoke of impersonations, or undefined (listing and starting one are parse-account's). */
export function parseImpersonationRevoke(m: Masked, text: string): Intent | undefined {
  const tokenIds = [...text.matchAll(TOKEN_ID)].map((x) => x[0]);
  if (!VERB.test(text) || (!NOUN.test(text) && tokenIds.length === 0)) return undefined;
  const rest = text.replace(TOKEN_ID, " ").replace(VERB, " ").replace(NOUN, " ");
  const who = /\b(?:of|for|on|as)\s+(.+)$/i.exec(rest)?.[1] ?? rest;
  const target: UserTarget | undefined = userTarget(m, who.replace(/\b(?:all|every|active|the|my)\b/gi, " "));
  const all = /\b(?:all|every|each)\b/i.test(text);
  if (!target && tokenIds.length === 0 && !all)
    return {
      kind: "reply",
      message: "Whose impersonation? Give me the user's email, or the token id (act_…) from the list.",
    };
  return { kind: "revokeImpersonation", tokenIds, all, ...(target ? { target } : {}) };
}

export function requiredImpersonationRevokeTools(intent: RevokeIntent): string[] {
  const lookup = intent.target?.by === "email" || intent.target?.by === "name" ? ["listUsers"] : [];
  return [...lookup, LIST, REVOKE];
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

export function planImpersonationRevoke(intent: RevokeIntent, conv: Conversation): Decision {
  const target = optionalUser(intent.target, conv);
  if ("type" in target) return target;
  const userId = target.user?.id;
  const who = target.user ? userLabel(target.user) : undefined;
  const listed = observed(conv, LIST)[0];
  if (!listed) return calls([call(LIST, userId ? { user_id: userId } : {})]);
  if (listed.outcome?.status !== "ok")
    return say(
      `I couldn't list impersonations: ${listed.outcome ? errorText(listed.outcome) || "denied" : "no result"}.`,
    );
  // The tool result leaves out the user id this call passed (lib/agent/model-text.ts): it is the input's.
  const asked = str(listed.input.user_id);
  const active = (listOf(listed.outcome.value, ["impersonations"])?.items ?? [])
    .filter(isPlainObject)
    .map((x) => (asked && !x.user_id ? { ...x, user_id: asked } : x))
    .filter((x) => x.active !== false && USER_ID.test(str(x.user_id)) && str(x.token_id).startsWith("act_"));
  const picked = intent.tokenIds.length
    ? active.filter((x) => intent.tokenIds.includes(str(x.token_id)))
    : active;
  const label = (x: Record<string, unknown>) => who ?? quote(str(x.user_label) || str(x.user_id));
  const revoked = observed(conv, REVOKE);
  if (revoked.length > 0)
    return say(
      `Impersonations:\n${outcomeLines(revoked, (obs) => {
        const x = picked.find((p) => p.token_id === obs.input.actor_token_id);
        return { label: `${x ? label(x) : "?"} (${str(obs.input.actor_token_id)})`, done: "revoked" };
      })}`,
    );
  const whose = who ? ` of ${who}` : "";
  if (picked.length === 0)
    return say(
      intent.tokenIds.length
        ? `No active impersonation has the token ${intent.tokenIds.join(", ")}${whose}: it may be used, expired or revoked already.`
        : `No active impersonation${whose}: nothing to revoke.`,
    );
  return calls(picked.map((x) => call(REVOKE, { user_id: str(x.user_id), actor_token_id: str(x.token_id) })));
}
