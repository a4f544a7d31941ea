import { isPlainObject } from "@/lib/clerk/metadata";
import { errorText, minuteText, quote } from "./format";
import type { DateRange, Decision, Intent, JsonObject } from "./intent";
import { type Conversation, listOf, type Observation, str } from "./observations";
import { recentRange } from "./parse-dates";
import { call, calls, observed, say } from "./steps";
import { type Masked, tokensIn } from "./text";

const SIGN_IN_NOUN = /\b(?:sign[- ]?ins|log[- ]?ins|logins)\b/i;
const SIGN_IN_ANY =
  /\b(?:sign[- ]?ins?|log[- ]?ins?|logins?|(?:signed|logged) ?in|sessions?|activity|users?|accounts?)\b/i;
const SUSPICIOUS = /\b(?:suspicious|unusual|anomalous|odd|strange|risky)\b/i;
const PER_DAY = /\b(?:per|a|each|by) day\b|\bdaily\b/i;
const REVOKE =
  /^(?:revoke|end|kill|terminate|close)\b|\b(?:sign|log|kick)(?: them| those| these)? out\b|\band (?:revoke|end|kill)\b/i;
const WHO_SIGNED_IN = /^(?:who|which users?|what users?)\b.*\b(?:signed|logged) ?in\b/i;
const RECENT_MINUTES = /\b(?:in |within |during )?(?:the )?(?:last|past) (\d{1,3}) minutes?\b/i;
const ACTIVE_NOW =
  /^(?:(?:list|show|get|display|see)(?: me)? )?(?:all |the |every )?(?:currently )?(?:active|live|open) sessions(?: (?:right )?now)?\??$|^who(?:'s| is) (?:signed|logged) ?in (?:right )?now\??$|^how many (?:active|live|open) sessions(?: are there)?(?: (?:right )?now)?\??$/i;

function hoursRange(text: string, now: number): DateRange | undefined {
  const minutes = RECENT_MINUTES.exec(text);
  if (minutes?.[1]) {
    const n = Number(minutes[1]);
    return { after: new Date(now - n * 60_000).toISOString(), text: `in the last ${n} minutes` };
  }
  const range = recentRange(text, now);
  return range && /\bhours?\b/i.test(range.text) ? range : undefined;
}

/**
 * "who signed in in the last hour?", "recent sign-ins", "sign-ins per day", "show suspicious sign-ins
 * this week", "revoke the suspicious sessions", "active sessions now". Day-sized "who logged in in the
 * last 3 days" stays a users query (Clerk's last_sign_in_at filter).
 */
export function parseSignInRequest(m: Masked, text: string, now: number): Intent | undefined {
  if (SUSPICIOUS.test(text) && SIGN_IN_ANY.test(text)) {
    const intent: Intent = { kind: "suspiciousSignIns", revoke: REVOKE.test(text) };
    const range = recentRange(text, now);
    if (range) intent.range = range;
    const n = /\bmore than (\d{1,2})\b/i.exec(text);
    if (n?.[1]) intent.moreThan = Math.min(20, Math.max(1, Number(n[1])));
    const emails = tokensIn(m, text, "e");
    if (emails.length > 0) intent.emails = emails.map((e) => e.toLowerCase());
    return intent;
  }
  const targeted = tokensIn(m, text, "e").length > 0 || tokensIn(m, text, "u").length > 0;
  if (targeted) return undefined;
  if (ACTIVE_NOW.test(text)) return { kind: "activeSessions" };
  if (SIGN_IN_NOUN.test(text) && PER_DAY.test(text)) {
    const range = recentRange(text, now);
    return range ? { kind: "signInsPerDay", range } : { kind: "signInsPerDay" };
  }
  const hours = hoursRange(text, now);
  if (WHO_SIGNED_IN.test(text) && hours) return { kind: "listSignIns", range: hours };
  if (SIGN_IN_NOUN.test(text) && !/\bhow many users\b/i.test(text)) {
    const range = hours ?? recentRange(text, now);
    return range ? { kind: "listSignIns", range } : { kind: "listSignIns" };
  }
  return undefined;
}

export function signInTools(intent: Intent): string[] | undefined {
  switch (intent.kind) {
    case "listSignIns":
      return ["listSignIns"];
    case "signInsPerDay":
      return ["countSignInsPerDay"];
    case "suspiciousSignIns":
      return intent.revoke ? ["listSuspiciousSignIns", "revokeSession"] : ["listSuspiciousSignIns"];
    case "activeSessions":
      return ["listActiveSessions"];
    default:
      return undefined;
  }
}

const SESSION_ID = /^sess_[A-Za-z0-9]{1,59}$/;
const MAX_REVOKES = 10;

function place(x: Record<string, unknown>): string {
  const where = [str(x.city), str(x.country)].filter(Boolean).join(", ");
  return where ? ` (${quote(where, 40)})` : "";
}

function signInLine(x: Record<string, unknown>): string {
  const when = minuteText(x.when);
  const who = str(x.user_email) ?? str(x.user_id) ?? "?";
  const device = [str(x.device ?? x.device_type), str(x.browser)].filter(Boolean).join(" · ");
  const ip = str(x.ip ?? x.ip_address);
  return `- ${when} UTC ${quote(who, 80)}${device ? ` · ${quote(device, 40)}` : ""}${ip ? ` · ${quote(ip, 40)}` : ""}${place(x)}${str(x.status) && x.status !== "active" ? ` [${x.status}]` : ""}`;
}

function suspiciousLine(u: Record<string, unknown>): string {
  const list = (v: unknown) => (Array.isArray(v) ? v.map((s) => quote(s, 40)).join(", ") : "");
  const active = Array.isArray(u.active_session_ids)
    ? u.active_session_ids.filter((s) => SESSION_ID.test(String(s)))
    : [];
  return `- ${quote(str(u.user_email) ?? str(u.user_id) ?? "?", 80)}: ${Number(u.sign_ins) || 0} sign-ins from ${list(u.locations) || "?"}; devices ${list(u.devices) || "?"}${active.length ? `; active: ${active.join(", ")}` : ""}`;
}

function firstResult(conv: Conversation, tool: string): Observation | undefined {
  return observed(conv, tool)[0];
}

function failed(obs: Observation, what: string): Decision | undefined {
  const outcome = obs.outcome;
  if (!outcome) return say(`I'm still waiting for the ${what}.`);
  if (outcome.status === "denied") return say(`Reading the ${what} was denied, so I stopped.`);
  if (outcome.status === "error") return say(`I couldn't read the ${what}: ${errorText(outcome)}.`);
  return undefined;
}

function windowInput(range: DateRange | undefined): JsonObject {
  const input: JsonObject = {};
  if (range?.after) input.from = range.after;
  if (range?.before) input.to = range.before;
  return input;
}

function planSuspicious(
  intent: Extract<Intent, { kind: "suspiciousSignIns" }>,
  conv: Conversation,
): Decision {
  const read = firstResult(conv, "listSuspiciousSignIns");
  if (!read) {
    const input = windowInput(intent.range);
    if (intent.moreThan) input.more_than = intent.moreThan;
    if (intent.emails) input.limit = 100;
    return calls([call("listSuspiciousSignIns", input)]);
  }
  const stop = failed(read, "suspicious sign-ins");
  if (stop) return stop;
  const value = read.outcome?.status === "ok" ? read.outcome.value : undefined;
  const all = (listOf(value, ["users"])?.items ?? []).filter(isPlainObject);
  const wanted = intent.emails;
  const users = wanted ? all.filter((u) => wanted.includes(String(u.user_email ?? "").toLowerCase())) : all;
  const n =
    isPlainObject(value) && typeof value.more_than === "number" ? value.more_than : (intent.moreThan ?? 2);
  const span = intent.range?.text ?? "in the last 7 days";
  if (users.length === 0) {
    const who = wanted ? `${wanted.join(", ")} did not sign in` : "No user signed in";
    return say(`${who} from more than ${n} locations or devices ${span}.`);
  }
  const sessions = users.flatMap((u) =>
    Array.isArray(u.active_session_ids)
      ? u.active_session_ids.map(String).filter((s) => SESSION_ID.test(s))
      : [],
  );
  const header = `${users.length} user${users.length === 1 ? "" : "s"} signed in from more than ${n} locations or devices ${span}:\n${users.map(suspiciousLine).join("\n")}`;
  if (!intent.revoke) {
    return say(
      sessions.length > 0
        ? `${header}\nSay “revoke the suspicious sessions” to sign them out (each revoke asks for your approval), or revoke one on the Sessions page.`
        : header,
    );
  }
  const revokes = observed(conv, "revokeSession");
  if (revokes.length === 0) {
    if (sessions.length === 0)
      return say(`${header}\nNone of them has an active session, so there is nothing to revoke.`);
    if (sessions.length > MAX_REVOKES) {
      return say(
        `${header}\nThat is ${sessions.length} sessions; I revoke at most ${MAX_REVOKES} at once. Revoke them on the Sessions page or name the sessions.`,
      );
    }
    return calls(sessions.map((id) => call("revokeSession", { session_id: id })));
  }
  const lines = revokes.map((r) => {
    const id = String(r.input.session_id ?? "");
    const o = r.outcome;
    if (!o) return `- ${id}: no result yet.`;
    if (o.status === "ok") return `- ${id}: revoked.`;
    if (o.status === "denied") return `- ${id}: not done, you denied it.`;
    return `- ${id}: failed: ${errorText(o)}.`;
  });
  return say(`Suspicious sessions:\n${lines.join("\n")}`);
}

export function planSignIns(intent: Intent, conv: Conversation): Decision | undefined {
  switch (intent.kind) {
    case "listSignIns": {
      const read = firstResult(conv, "listSignIns");
      if (!read) return calls([call("listSignIns", { ...windowInput(intent.range), limit: 20 })]);
      const stop = failed(read, "sign-ins");
      if (stop) return stop;
      const list = listOf(read.outcome?.status === "ok" ? read.outcome.value : undefined, ["sign_ins"]);
      const items = (list?.items ?? []).filter(isPlainObject);
      const span = intent.range?.text ?? "recently";
      if (items.length === 0) return say(`No one signed in ${span}.`);
      const total = list?.total ?? items.length;
      const more = total > items.length ? ` (the newest ${items.length} of ${total})` : "";
      return say(
        `${total} sign-in${total === 1 ? "" : "s"} ${span}${more}:\n${items.map(signInLine).join("\n")}`,
      );
    }
    case "signInsPerDay": {
      const read = firstResult(conv, "countSignInsPerDay");
      if (!read) return calls([call("countSignInsPerDay", windowInput(intent.range))]);
      const stop = failed(read, "sign-in counts");
      if (stop) return stop;
      const value = read.outcome?.status === "ok" ? read.outcome.value : undefined;
      const days = (listOf(value, ["days"])?.items ?? []).filter(isPlainObject);
      const total = isPlainObject(value) && typeof value.total === "number" ? value.total : 0;
      return say(
        `${total} sign-ins:\n${days.map((d) => `- ${str(d.day) ?? "?"}: ${Number(d.count) || 0}`).join("\n")}`,
      );
    }
    case "suspiciousSignIns":
      return planSuspicious(intent, conv);
    case "activeSessions": {
      const read = firstResult(conv, "listActiveSessions");
      if (!read) return calls([call("listActiveSessions", { limit: 50 })]);
      const stop = failed(read, "active sessions");
      if (stop) return stop;
      const list = listOf(read.outcome?.status === "ok" ? read.outcome.value : undefined, ["sessions"]);
      const items = (list?.items ?? []).filter(isPlainObject);
      if (items.length === 0) return say("No session is active right now.");
      const total = list?.total ?? items.length;
      const lines = items.slice(0, 20).map((s) => {
        const a = isPlainObject(s.latest_activity) ? s.latest_activity : s;
        const device = [str(a.device ?? a.device_type), str(a.browser ?? a.browser_name)]
          .filter(Boolean)
          .join(" · ");
        return `- ${quote(str(s.user_email) ?? str(s.user_id) ?? "?", 80)} ${SESSION_ID.test(String(s.id)) ? s.id : ""}${device ? ` · ${quote(device, 40)}` : ""}${place(a)}`;
      });
      return say(`${total} active session${total === 1 ? "" : "s"} now:\n${lines.join("\n")}`);
    }
    default:
      return undefined;
  }
}
