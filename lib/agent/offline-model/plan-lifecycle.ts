import { errorText, userLabel } from "./format";
import type { Decision, Intent, JsonObject } from "./intent";
import type { Conversation } from "./observations";
import { call, calls, notFound, observed, resolveUsers, say } from "./steps";

export function planCreateUser(
  intent: Extract<Intent, { kind: "createUser" }>,
  conv: Conversation,
): Decision {
  const done = observed(conv, "createUser")[0];
  if (!done) {
    const input: JsonObject = { email: intent.email };
    if (intent.firstName) input.first_name = intent.firstName;
    if (intent.lastName) input.last_name = intent.lastName;
    if (intent.username) input.username = intent.username;
    return calls([call("createUser", input)]);
  }
  if (done.outcome?.status !== "ok") {
    return say(
      `${intent.email} was not created: ${done.outcome ? errorText(done.outcome) || "denied" : "no result"}.`,
    );
  }
  const id = String((done.outcome.value as { id?: unknown } | null)?.id ?? "");
  return say(
    `Created ${intent.email}${id ? ` (${id})` : ""}. Without a password they sign in with an email code; a password can be set on their page in the console.`,
  );
}

export function planDeleteUser(
  intent: Extract<Intent, { kind: "deleteUser" }>,
  conv: Conversation,
): Decision {
  const resolved = resolveUsers(intent.target, conv);
  if ("type" in resolved) return resolved;
  if (resolved.users.length === 0) return say(notFound(resolved.missing));
  if (resolved.users.length > 1) {
    return say(
      "That matches more than one user; I delete one at a time. Give me the exact email or user id.",
    );
  }
  const user = resolved.users[0] as (typeof resolved.users)[number];
  const done = observed(conv, "deleteUser")[0];
  if (!done) return calls([call("deleteUser", { user_id: user.id })]);
  if (done.outcome?.status !== "ok") {
    return say(
      `${userLabel(user)} was not deleted: ${done.outcome ? errorText(done.outcome) || "denied" : "no result"}.`,
    );
  }
  return say(`Deleted ${userLabel(user)}. This cannot be undone; the audit log keeps what the account held.`);
}
