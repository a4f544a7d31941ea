import { errorText, quote, userLabel } from "./format";
import type { Decision, JsonObject, PlannedCall, UserTarget } from "./intent";
import { asUserList, type Conversation, type Observation, type UserView } from "./observations";

export type Resolved = { users: UserView[]; missing: string[] };

export function say(text: string): Decision {
  return { type: "text", text };
}

export function call(toolName: string, input: JsonObject): PlannedCall {
  return { toolName, input };
}

export function calls(list: PlannedCall[]): Decision {
  return { type: "tool-calls", calls: list };
}

/** The answer to a write the chat proposed: done, still awaiting approval, denied, or failed. */
export function writeAnswer(obs: Observation, done: string): Decision {
  const o = obs.outcome;
  if (!o) return say("Waiting for your approval of the change.");
  if (o.status === "ok") return say(done);
  if (o.status === "denied") return say("Not done: you denied it.");
  return say(`That failed: ${errorText(o)}.`);
}

export function observed(conv: Conversation, toolName: string): Observation[] {
  return conv.observations.filter((o) => o.toolName === toolName);
}

function lookupLabel(target: UserTarget): string {
  if (target.by === "email") return target.emails.join(", ");
  if (target.by === "name") return quote(target.query);
  if (target.by === "id") return target.userIds.join(", ");
  return "that user";
}

/** Turns a target into concrete users, asking Clerk first when the target is an email or a name. */
export function resolveUsers(target: UserTarget, conv: Conversation): Decision | Resolved {
  if (target.by === "id") return { users: target.userIds.map((id) => ({ id })), missing: [] };
  if (target.by === "context") {
    if (conv.contextUser) return { users: [conv.contextUser], missing: [] };
    return say("Which user do you mean? Give me their email address or user id (user_…).");
  }
  const lookup = conv.observations.find(
    (o) =>
      o.toolName === "listUsers" &&
      (target.by === "email" ? Array.isArray(o.input.email_address) : o.input.query === target.query),
  );
  if (!lookup) {
    return calls([
      target.by === "email"
        ? call("listUsers", { email_address: target.emails })
        : call("listUsers", { query: target.query, limit: 10 }),
    ]);
  }
  const outcome = lookup.outcome;
  if (!outcome) return say(`I'm still waiting for the lookup of ${lookupLabel(target)}.`);
  if (outcome.status === "denied")
    return say(`The lookup of ${lookupLabel(target)} was denied, so I stopped.`);
  if (outcome.status === "error")
    return say(`I couldn't look up ${lookupLabel(target)}: ${errorText(outcome)}.`);
  const users = asUserList(outcome.value)?.users ?? [];
  if (target.by === "email") {
    const holds = (u: (typeof users)[number], e: string) => u.email === e || (u.emails?.includes(e) ?? false);
    const found = users.filter((u) => !u.email || target.emails.some((e) => holds(u, e)));
    const missing = target.emails.filter((e) => !found.some((u) => holds(u, e)));
    return { users: found, missing: found.length === 0 ? target.emails : missing };
  }
  if (users.length === 0) return say(`No user matches ${quote(target.query)}. Try their email address.`);
  if (users.length > 1) {
    const list = users.slice(0, 10).map((u) => `- ${userLabel(u)}`);
    return say(
      `${users.length} users match ${quote(target.query)}:\n${list.join("\n")}\nWhich one? Give me their email address or user id.`,
    );
  }
  return { users, missing: [] };
}

export function notFound(emails: string[]): string {
  if (emails.length === 0) return "";
  return `No user found with ${emails.length === 1 ? "email" : "emails"} ${emails.join(", ")}.`;
}

/** The one user an optional target names (none without a target), or the step that gets there. */
export function optionalUser(
  target: UserTarget | undefined,
  conv: Conversation,
): Decision | { user?: UserView } {
  if (!target) return {};
  const resolved = resolveUsers(target, conv);
  if ("type" in resolved) return resolved;
  const [user] = resolved.users;
  if (!user || resolved.users.length > 1)
    return say(notFound(resolved.missing) || "Which user? Give me one email.");
  return { user };
}
