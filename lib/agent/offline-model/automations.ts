// "when someone from acme.com signs up, set company=Acme and plan=enterprise": an automation rule,
// proposed with proposeAutomation (saved disabled, dry-run) and approved on its card.
import { errorText, quote } from "./format";
import type { Decision, Intent, JsonObject } from "./intent";
import type { Conversation } from "./observations";
import { call, calls, observed, say } from "./steps";
import { findDomain, keyValues, type Masked, setPath } from "./text";

const TOOL = "proposeAutomation";
const WHEN =
  /^(?:when(?:ever)?|each time|every time|any ?time|once|after)\s+(?:someone|somebody|anyone|anybody|a (?:new )?(?:user|person)|new users?|users?|people)\b/i;
const SIGN_UP =
  /\bsign(?:s|ed)?[\s-]?up\b|\bregister(?:s|ed)?\b|\bjoin(?:s|ed)?\b|\bcreates? an account\b|\b(?:is|gets) created\b/i;

type AutomationIntent = Extract<Intent, { kind: "automation" }>;

export function parseAutomation(m: Masked, text: string): Intent | undefined {
  if (!WHEN.test(text)) return undefined;
  if (!SIGN_UP.test(text))
    return {
      kind: "reply",
      message:
        "I can draft rules that run when someone signs up (e.g. “when someone from acme.com signs up, set plan=pro”). For other webhooks, create the rule on the Automations page.",
    };
  const changes: JsonObject = {};
  for (const { key, value } of keyValues(m, text)) setPath(changes, key, value);
  if (Object.keys(changes).length === 0)
    return {
      kind: "reply",
      message: "What should the rule set? For example: “… set company=Acme and plan=enterprise”.",
    };
  const domain = findDomain(text.replace(/\b[\w.]+\s*=\s*\S+/g, " "));
  return { kind: "automation", trigger: "user.created", ...(domain ? { domain } : {}), changes };
}

export function requiredAutomationTools(intent: Intent): string[] | undefined {
  return intent.kind === "automation" ? [TOOL] : undefined;
}

function ruleInput(intent: AutomationIntent): JsonObject {
  const who = intent.domain ? `from ${intent.domain}` : "anyone";
  return {
    name: `Sign-ups ${who}: set ${Object.keys(intent.changes).join(", ")}`.slice(0, 120),
    trigger: intent.trigger,
    conditions: intent.domain ? [{ kind: "emailDomain", domain: intent.domain }] : [],
    actions: [
      { action: "updateUserMetadata", args: { user_id: "{{user.id}}", public_metadata: intent.changes } },
    ],
  };
}

export function planAutomation(intent: Intent, conv: Conversation): Decision | undefined {
  if (intent.kind !== "automation") return undefined;
  const [done] = observed(conv, TOOL);
  if (!done) return calls([call(TOOL, ruleInput(intent))]);
  const o = done.outcome;
  if (!o) return say("Waiting for the rule.");
  if (o.status !== "ok") return say(`I couldn't draft the rule: ${errorText(o) || "denied"}.`);
  const v = o.value as {
    name?: unknown;
    dry_run?: { matched?: unknown; examined?: unknown };
    review_url?: unknown;
  };
  const matched = Number(v.dry_run?.matched ?? 0);
  const examined = Number(v.dry_run?.examined ?? 0);
  return say(
    `I drafted the rule ${quote(v.name)}; it is disabled, so nothing runs yet. Dry run: it matched ${matched} of the last ${examined} sign-ups. Approve it on the card with a standing approval's bounds (or let each firing ask in the approvals inbox)${typeof v.review_url === "string" ? `, or review it at ${v.review_url}` : ""}.`,
  );
}
