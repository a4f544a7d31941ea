// Access lists in the chat: "block spam.com", "add acme.com to the allow-list", "unblock spam.com",
// "show the block-list", "is x@y.com allowed?". A bare domain after "block" is a block-list entry; an
// email after "block" stays a user ban (./parse-request) unless the list is named.
import { coveringEntry } from "@/lib/clerk/actions/access-list-shared";
import { isPlainObject } from "@/lib/clerk/metadata";
import { addedDay } from "../tool-views";
import { dateText, errorText, quote } from "./format";
import type { Decision, Intent } from "./intent";
import { type Conversation, listOf, type Observation } from "./observations";
import { isBulk } from "./parse-users";
import { call, calls, observed, say, writeAnswer } from "./steps";
import { findDomain, type Masked, tokensIn } from "./text";

type List = "allowlist" | "blocklist";
const LABEL: Record<List, string> = { allowlist: "allow-list", blocklist: "block-list" };
const TOOLS: Record<List, { list: string; add: string; remove: string }> = {
  allowlist: {
    list: "listAllowlistIdentifiers",
    add: "addAllowlistIdentifier",
    remove: "removeAllowlistIdentifier",
  },
  blocklist: {
    list: "listBlocklistIdentifiers",
    add: "addBlocklistIdentifier",
    remove: "removeBlocklistIdentifier",
  },
};

const NAMED = /\b(?:the\s+)?(allow|white|block|black|deny)[\s-]?list\b/i;
const listOfWord = (w: string): List => (/^(?:allow|white)$/i.test(w) ? "allowlist" : "blocklist");

function identifierIn(m: Masked, text: string): string | undefined {
  const email = tokensIn(m, text, "e")[0];
  if (email) return email;
  const star = /\*@((?:[a-z0-9-]+\.)+[a-z]{2,})/i.exec(text);
  return star ? `*@${star[1]?.toLowerCase()}` : findDomain(text);
}

export function parseAccessList(m: Masked, text: string): Intent | undefined {
  const check =
    /^(?:is|are|can|could|would)\s+(⟦e\d+⟧)\s+(?:be\s+)?(?:allowed|blocked|permitted|able to sign ?up|sign ?up|on the (?:allow|block)[\s-]?list)\b/i.exec(
      text,
    );
  if (check?.[1]) {
    const email = tokensIn(m, check[1], "e")[0];
    if (email) return { kind: "accessCheck", email };
  }
  const named = NAMED.exec(text);
  if (named && /^(?:show|list|what(?:'s| is| are)?|who(?:'s| is)?|get|view)\b/i.test(text))
    return { kind: "accessList", list: listOfWord(named[1] ?? "") };
  const identifier = identifierIn(m, text);
  if (named && identifier) {
    const list = listOfWord(named[1] ?? "");
    if (/^(?:remove|delete|drop|take)\b/i.test(text)) return { kind: "accessRemove", list, identifier };
    if (/^(?:add|put|allow|block|include)\b/i.test(text)) return { kind: "accessAdd", list, identifier };
  }
  // "block spam.com" / "unblock spam.com" / "allow acme.com": a bare domain, never an email (a user ban).
  const verb = /^(unblock|block|allow|disallow)\s+(?:the\s+)?(?:domain\s+)?/i.exec(text);
  const bareDomain = identifier !== undefined && (identifier.startsWith("*@") || !identifier.includes("@"));
  if (verb && bareDomain && !isBulk(text) && tokensIn(m, text, "e").length === 0) {
    const v = (verb[1] ?? "").toLowerCase();
    if (v === "block") return { kind: "accessAdd", list: "blocklist", identifier };
    if (v === "allow") return { kind: "accessAdd", list: "allowlist", identifier };
    if (v === "unblock") return { kind: "accessRemove", list: "blocklist", identifier };
    return { kind: "accessRemove", list: "allowlist", identifier };
  }
  return undefined;
}

export function requiredAccessListTools(intent: Intent): string[] | undefined {
  switch (intent.kind) {
    case "accessAdd":
      return [TOOLS[intent.list].add];
    case "accessRemove":
      return [TOOLS[intent.list].list, TOOLS[intent.list].remove];
    case "accessList":
      return [TOOLS[intent.list].list];
    case "accessCheck":
      return [TOOLS.allowlist.list, TOOLS.blocklist.list];
    default:
      return undefined;
  }
}

/** An entry as the model reads it: the identifier, and the UTC day (YYYYMMDD) it was added when stated. */
type Listed = { identifier: string; added?: number };

/**
 * A list tool's entries: grouped by the day they were added (`added_YYYYMMDD: [..]`, the model view of
 * lib/agent/tool-views.ts) or as rows (a plain view, or JSON in scripted tests).
 */
function entries(obs: Observation | undefined): Listed[] | string {
  const o = obs?.outcome;
  if (!o) return "no result yet";
  if (o.status !== "ok") return errorText(o) || "denied";
  const grouped = isPlainObject(o.value) ? o.value.identifiers : undefined;
  if (isPlainObject(grouped))
    return Object.entries(grouped).flatMap(([key, list]) => {
      const added = addedDay(key);
      if (added === undefined || !Array.isArray(list)) return [];
      return list.filter((x) => typeof x === "string").map((identifier) => ({ identifier, added }));
    });
  return (listOf(o.value, ["identifiers", "data"])?.items ?? []).flatMap((x): Listed[] =>
    isPlainObject(x) && typeof x.identifier === "string" ? [{ identifier: x.identifier }] : [],
  );
}

function planCheck(email: string, conv: Conversation): Decision {
  const allow = observed(conv, TOOLS.allowlist.list)[0];
  const block = observed(conv, TOOLS.blocklist.list)[0];
  if (!allow || !block) return calls([call(TOOLS.allowlist.list, {}), call(TOOLS.blocklist.list, {})]);
  const allowed = entries(allow);
  const blocked = entries(block);
  if (typeof allowed === "string") return say(`I couldn't read the allow-list: ${allowed}.`);
  if (typeof blocked === "string") return say(`I couldn't read the block-list: ${blocked}.`);
  const by = coveringEntry(blocked, email);
  const on = coveringEntry(allowed, email);
  const lines = [
    by
      ? `${email} is blocked: the block-list has ${quote(by.identifier)}; Clerk refuses its sign-up.`
      : `${email} is not on the block-list.`,
    on
      ? `It is on the allow-list (${quote(on.identifier)}).`
      : allowed.length > 0
        ? `It is outside the allow-list (${allowed.length} entr${allowed.length === 1 ? "y" : "ies"}): when the allow-list restriction is on, Clerk refuses its sign-up.`
        : "The allow-list is empty.",
  ];
  return say(lines.join(" "));
}

export function planAccessList(intent: Intent, conv: Conversation): Decision | undefined {
  switch (intent.kind) {
    case "accessCheck":
      return planCheck(intent.email, conv);
    case "accessList": {
      const obs = observed(conv, TOOLS[intent.list].list)[0];
      if (!obs) return calls([call(TOOLS[intent.list].list, {})]);
      const list = entries(obs);
      if (typeof list === "string") return say(`I couldn't read the ${LABEL[intent.list]}: ${list}.`);
      if (list.length === 0) return say(`The ${LABEL[intent.list]} is empty.`);
      const lines = list
        .slice(0, 50)
        .map((e) => `- ${quote(e.identifier)}${e.added ? ` (added ${dateText(e.added)})` : ""}`);
      return say(`The ${LABEL[intent.list]} has ${list.length}:\n${lines.join("\n")}`);
    }
    case "accessAdd": {
      const obs = observed(conv, TOOLS[intent.list].add)[0];
      if (!obs) return calls([call(TOOLS[intent.list].add, { identifier: intent.identifier })]);
      return writeAnswer(obs, `Added ${quote(intent.identifier)} to the ${LABEL[intent.list]}.`);
    }
    case "accessRemove": {
      const tools = TOOLS[intent.list];
      const lookup = observed(conv, tools.list)[0];
      if (!lookup) return calls([call(tools.list, { query: intent.identifier })]);
      const list = entries(lookup);
      if (typeof list === "string") return say(`I couldn't read the ${LABEL[intent.list]}: ${list}.`);
      const wanted = intent.identifier.toLowerCase();
      const hit = list.find((e) => e.identifier.toLowerCase() === wanted);
      if (!hit) return say(`${quote(intent.identifier)} is not on the ${LABEL[intent.list]}.`);
      const obs = observed(conv, tools.remove)[0];
      if (!obs) return calls([call(tools.remove, { identifier: hit.identifier })]);
      return writeAnswer(obs, `Removed ${quote(intent.identifier)} from the ${LABEL[intent.list]}.`);
    }
    default:
      return undefined;
  }
}
