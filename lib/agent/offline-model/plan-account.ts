import { isPlainObject } from "@/lib/clerk/metadata";
import { errorText, quote, userLabel } from "./format";
import type { Decision, Intent } from "./intent";
import { type Conversation, listOf } from "./observations";
import { call, calls, notFound, observed, optionalUser, resolveUsers, say } from "./steps";

const DONE: Record<string, string> = {
  updateUserProfile: "profile updated",
  addEmailAddress: "email address added",
  verifyEmailAddress: "email address marked verified",
  setPrimaryEmailAddress: "primary email address changed",
  removeEmailAddress: "email address removed",
  addPhoneNumber: "phone number added",
  verifyPhoneNumber: "phone number marked verified",
  setPrimaryPhoneNumber: "primary phone number changed",
  removePhoneNumber: "phone number removed",
  disableMfa: "MFA disabled",
  removeProfileImage: "profile image removed",
  revokeAllSessions: "every session revoked",
};

/** One write to one user's account: resolve the user, propose the write, then say how it went. */
export function planAccount(intent: Extract<Intent, { kind: "accountWrite" }>, conv: Conversation): Decision {
  const resolved = resolveUsers(intent.target, conv);
  if ("type" in resolved) return resolved;
  if (resolved.users.length === 0) return say(notFound(resolved.missing));
  if (resolved.users.length > 1)
    return say(
      "That matches more than one user; I change one account at a time. Give me the exact email or user id.",
    );
  const user = resolved.users[0] as (typeof resolved.users)[number];
  const done = observed(conv, intent.tool)[0];
  if (!done) return calls([call(intent.tool, { user_id: user.id, ...intent.args })]);
  if (done.outcome?.status !== "ok") {
    return say(
      `${userLabel(user)}: not changed (${done.outcome ? errorText(done.outcome) || "denied" : "no result"}).`,
    );
  }
  return say(`${userLabel(user)}: ${DONE[intent.tool] ?? "done"}.`);
}

/** Impersonations (from the console's audit), optionally of one user: a count and one line each. */
export function planImpersonations(
  intent: Extract<Intent, { kind: "listImpersonations" }>,
  conv: Conversation,
): Decision {
  const target = optionalUser(intent.target, conv);
  if ("type" in target) return target;
  const userId = target.user?.id;
  const done = observed(conv, "listImpersonations")[0];
  if (!done)
    return calls([
      call("listImpersonations", {
        ...(userId ? { user_id: userId } : {}),
        ...(intent.all ? { include_inactive: true } : {}),
      }),
    ]);
  if (done.outcome?.status !== "ok")
    return say(
      `I couldn't list impersonations: ${done.outcome ? errorText(done.outcome) || "denied" : "no result"}.`,
    );
  const items = (listOf(done.outcome.value, ["impersonations"])?.items ?? []).filter(isPlainObject);
  const kind = intent.all ? "" : "active ";
  if (items.length === 0) return say(`No ${kind}impersonations.`);
  const lines = items
    .slice(0, 20)
    .map(
      (x) =>
        `- ${quote(x.user_email ?? x.user_id)} by ${quote(x.admin_email ?? x.actor ?? "?")}${x.reason ? `: ${quote(x.reason)}` : ""}`,
    );
  return say(`${items.length} ${kind}impersonation${items.length === 1 ? "" : "s"}:\n${lines.join("\n")}`);
}
