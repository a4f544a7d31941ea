import {
  changesText,
  clerkFilterInput,
  errorText,
  filterText,
  matchesFilter,
  metadataText,
  outcomeLines,
  quote,
  userLabel,
} from "./format";
import type { Decision, Intent, JsonObject, ModerationTool } from "./intent";
import {
  asInvitations,
  asSessions,
  asUserList,
  type Conversation,
  type Observation,
  type UserView,
} from "./observations";
import { planCreateUser, planDeleteUser } from "./plan-lifecycle";
import { call, calls, notFound, observed, type Resolved, resolveUsers, say } from "./steps";

function labelFor(users: UserView[], obs: Observation): string {
  const id = String(obs.input.user_id ?? "");
  const fromResult = obs.outcome?.status === "ok" ? asUserList(obs.outcome.value)?.users[0] : undefined;
  return userLabel(users.find((u) => u.id === id && (u.email || u.name)) ?? fromResult, id);
}

function withMissing(text: string, missing: string[]): string {
  const note = notFound(missing);
  return note ? `${text}\n${note}` : text;
}

function metadataDone(field: string) {
  return (obs: Observation): string => {
    if (obs.outcome?.status !== "ok") return "updated";
    const user = asUserList(obs.outcome.value)?.users[0];
    const meta =
      field === "public_metadata"
        ? user?.publicMetadata
        : field === "private_metadata"
          ? user?.privateMetadata
          : undefined;
    return meta
      ? `updated, ${field.replace("_", " ")} is now ${quote(metadataText(meta) || "{}", 140)}`
      : "updated";
  };
}

function isNoop(user: UserView, changes: JsonObject): boolean {
  return Object.entries(changes).every(([k, v]) => {
    const actual = user.publicMetadata?.[k];
    if (v === null) return actual === undefined;
    if (typeof v === "object") return false;
    return actual === v;
  });
}

function planUpdate(intent: Extract<Intent, { kind: "updateMetadata" }>, conv: Conversation): Decision {
  const resolved = resolveUsers(intent.target, conv);
  if ("type" in resolved) return resolved;
  return writeMetadata(resolved, intent.field, intent.changes, conv);
}

function writeMetadata(
  resolved: Resolved,
  field: string,
  changes: JsonObject,
  conv: Conversation,
  header = "",
): Decision {
  const writes = observed(conv, "updateUserMetadata");
  if (writes.length === 0) {
    if (resolved.users.length === 0)
      return say(header ? `${header}\nNothing to change.` : notFound(resolved.missing));
    return calls(resolved.users.map((u) => call("updateUserMetadata", { user_id: u.id, [field]: changes })));
  }
  const done = metadataDone(field);
  const lines = outcomeLines(writes, (obs) => ({ label: labelFor(resolved.users, obs), done: done(obs) }));
  const intro = `${header ? `${header}\n` : ""}Change to ${field.replace("_", " ")} (${changesText(changes)}):`;
  return say(withMissing(`${intro}\n${lines}`, resolved.missing));
}

/** More targets than this become one bulk job (one plan, one approval) instead of single cards. */
export const BULK_THRESHOLD = 3;
const BULK_PAGE = 100;
const BULK_MAX_PAGES = 100;

function planBulk(intent: Extract<Intent, { kind: "bulkUpdateMetadata" }>, conv: Conversation): Decision {
  const listings = observed(conv, "listUsers");
  const listInput = (offset: number) => ({
    ...clerkFilterInput(intent.filter),
    limit: BULK_PAGE,
    ...(offset ? { offset } : {}),
  });
  if (listings.length === 0) return calls([call("listUsers", listInput(0))]);
  const failedListing = listings.find((l) => l.outcome?.status !== "ok");
  if (failedListing) {
    const outcome = failedListing.outcome;
    return say(`I couldn't list the users: ${outcome ? errorText(outcome) || "denied" : "no result"}.`);
  }
  const pages = listings.map((l) => asUserList(l.outcome?.status === "ok" ? l.outcome.value : undefined));
  const users = pages.flatMap((p) => p?.users ?? []);
  const total = pages.at(-1)?.total;
  const bulkAvailable = intent.field === "public_metadata" && (conv.tools?.has(BULK_JOB) ?? false);
  // With the bulk tool the targets come from the full result, page by page, not the first page only.
  const lastPage = pages.at(-1)?.users.length ?? 0;
  if (
    bulkAvailable &&
    total !== undefined &&
    users.length < total &&
    lastPage > 0 &&
    listings.length < BULK_MAX_PAGES
  )
    return calls([call("listUsers", listInput(users.length))]);
  const matching = users.filter((u) => matchesFilter(u, intent.filter));
  const targets = matching.filter((u) => intent.field !== "public_metadata" || !isNoop(u, intent.changes));
  const described = filterText(intent.filter);
  const skipped = matching.length - targets.length;
  const notes = [
    `${matching.length} user${matching.length === 1 ? "" : "s"} ${described}${skipped ? ` (${skipped} already up to date)` : ""}.`,
    total !== undefined && total > users.length
      ? `Only the first ${users.length} of ${total} listed users were checked.`
      : "",
  ].filter(Boolean);
  if (bulkAvailable && (targets.length > BULK_THRESHOLD || observed(conv, BULK_JOB).length > 0))
    return proposeBulk(intent, conv, { targets, matching }, notes.join(" "));
  if (targets.length === 0 && observed(conv, "updateUserMetadata").length === 0) {
    return say(`${notes.join(" ")} Nothing to change.`);
  }
  return writeMetadata({ users: targets, missing: [] }, intent.field, intent.changes, conv, notes.join(" "));
}

const BULK_JOB = "proposeBulkJob";

/** One job for all targets: the admin approves its plan (count, diffs, skipped, pace, ETA) once. */
function proposeBulk(
  intent: Extract<Intent, { kind: "bulkUpdateMetadata" }>,
  conv: Conversation,
  { targets, matching }: { targets: UserView[]; matching: UserView[] },
  header: string,
): Decision {
  const proposed = observed(conv, BULK_JOB)[0];
  if (!proposed) {
    const title = `Set ${changesText(intent.changes)} for ${targets.length} users ${filterText(intent.filter)}`;
    // Every matching user goes into the plan: the server re-reads each one and shows those already up
    // to date as excluded on the plan card, rather than trusting this listing's view of them.
    return calls([
      call(BULK_JOB, {
        action: "updateUserMetadata",
        user_ids: matching.map((u) => u.id),
        public_metadata: intent.changes,
        title: title.slice(0, 200),
      }),
    ]);
  }
  if (proposed.outcome?.status !== "ok")
    return say(
      `${header}\nI couldn't plan the bulk change: ${proposed.outcome ? errorText(proposed.outcome) || "denied" : "no result"}.`,
    );
  const job = proposed.outcome.value as { targets?: unknown; excluded?: unknown; review_url?: unknown };
  const count = typeof job.targets === "number" ? job.targets : targets.length;
  const where = typeof job.review_url === "string" ? ` at ${job.review_url}` : "";
  return say(
    `${header}\nI planned one bulk job for ${count} users (${changesText(intent.changes)}). Nothing is written yet: approve the plan once${where}; it then runs paced to Clerk's rate limit.`,
  );
}

function planInvite(intent: Extract<Intent, { kind: "invite" }>, conv: Conversation): Decision {
  const sent = observed(conv, "createInvitation");
  if (sent.length === 0) {
    return calls(
      intent.emails.map((email) => {
        const input: JsonObject = { email };
        if (intent.publicMetadata) input.public_metadata = intent.publicMetadata;
        if (intent.redirectUrl) input.redirect_url = intent.redirectUrl;
        if (intent.notify !== undefined) input.notify = intent.notify;
        if (intent.expiresInDays !== undefined) input.expires_in_days = intent.expiresInDays;
        return call("createInvitation", input);
      }),
    );
  }
  return say(
    `Invitations:\n${outcomeLines(sent, (obs) => {
      const inv = obs.outcome?.status === "ok" ? asInvitations(obs.outcome.value)?.invitations[0] : undefined;
      const how = intent.notify === false ? "created (no email sent)" : "sent";
      return {
        label: `<${String(obs.input.email ?? "")}>`,
        done: `invitation ${how}${inv?.id ? ` (${inv.id}, ${inv.status ?? "pending"})` : ""}`,
      };
    })}`,
  );
}

/**
 * Revokes by id when the admin gave ids, else by email: each email is looked up among the pending
 * invitations, and one found is revoked by its email (the model's view of listInvitations has no ids;
 * only a list where one email has two pending invitations keeps them, and then each is revoked by id).
 */
function planRevokeInvitation(
  intent: Extract<Intent, { kind: "revokeInvitation" }>,
  conv: Conversation,
): Decision {
  let revokes: JsonObject[] = intent.invitationIds.map((id) => ({ invitation_id: id }));
  const missing: string[] = [];
  if (intent.emails.length > 0) {
    const lookups = observed(conv, "listInvitations");
    const pending = intent.emails.filter((e) => !lookups.some((l) => l.input.query === e));
    if (pending.length > 0)
      return calls(pending.map((e) => call("listInvitations", { query: e, status: "pending" })));
    revokes = [];
    for (const email of intent.emails) {
      const l = lookups.find((x) => x.input.query === email);
      const found =
        l?.outcome?.status === "ok"
          ? (asInvitations(l.outcome.value)?.invitations ?? []).filter(
              (i) => (!i.email || i.email === email) && (!i.status || i.status === "pending"),
            )
          : [];
      if (found.length === 0) missing.push(email);
      else if (found.length === 1) revokes.push({ email_address: email });
      else revokes.push(...found.flatMap((i) => (i.id ? [{ invitation_id: i.id }] : [])));
    }
  }
  const done = observed(conv, "revokeInvitation");
  const none = missing.length ? `No pending invitation for ${missing.join(", ")}.` : "";
  if (done.length === 0) {
    if (revokes.length === 0) return say(none || "No invitation to revoke.");
    return calls(revokes.map((input) => call("revokeInvitation", input)));
  }
  const lines = outcomeLines(done, (obs) => ({
    label: obs.input.invitation_id
      ? `Invitation ${String(obs.input.invitation_id)}`
      : `Invitation for <${String(obs.input.email_address ?? "")}>`,
    done: "revoked",
  }));
  return say(none ? `${lines}\n${none}` : lines);
}

function planRevokeSessions(
  intent: Extract<Intent, { kind: "revokeUserSessions" }>,
  conv: Conversation,
): Decision {
  const resolved = resolveUsers(intent.target, conv);
  if ("type" in resolved) return resolved;
  if (resolved.users.length === 0) return say(notFound(resolved.missing));
  const listings = observed(conv, "listSessions");
  if (listings.length === 0) {
    return calls(resolved.users.map((u) => call("listSessions", { user_id: u.id, status: "active" })));
  }
  const sessionIds = listings.flatMap((l) =>
    l.outcome?.status === "ok"
      ? (asSessions(l.outcome.value) ?? []).filter((s) => !s.status || s.status === "active")
      : [],
  );
  const revokes = observed(conv, "revokeSession");
  const who = resolved.users.map((u) => userLabel(u)).join(", ");
  if (revokes.length === 0) {
    const failedListing = listings.find((l) => l.outcome?.status !== "ok");
    if (failedListing?.outcome && sessionIds.length === 0) {
      return say(`I couldn't list the sessions of ${who}: ${errorText(failedListing.outcome) || "denied"}.`);
    }
    if (sessionIds.length === 0) return say(`${who} has no active sessions, so there is nothing to revoke.`);
    return calls(sessionIds.map((s) => call("revokeSession", { session_id: s.id })));
  }
  return say(
    `Sessions of ${who}:\n${outcomeLines(revokes, (obs) => ({ label: String(obs.input.session_id ?? ""), done: "revoked" }))}`,
  );
}

const DONE: Record<ModerationTool, string> = {
  banUser: "banned",
  unbanUser: "unbanned",
  lockUser: "locked",
  unlockUser: "unlocked",
};

function planModerate(intent: Extract<Intent, { kind: "moderate" }>, conv: Conversation): Decision {
  const resolved = resolveUsers(intent.target, conv);
  if ("type" in resolved) return resolved;
  const writes = observed(conv, intent.tool);
  if (writes.length === 0) {
    if (resolved.users.length === 0) return say(notFound(resolved.missing));
    return calls(resolved.users.map((u) => call(intent.tool, { user_id: u.id })));
  }
  const lines = outcomeLines(writes, (obs) => ({
    label: labelFor(resolved.users, obs),
    done: DONE[intent.tool],
  }));
  return say(withMissing(lines, resolved.missing));
}

export function planWrite(intent: Intent, conv: Conversation): Decision | undefined {
  switch (intent.kind) {
    case "updateMetadata":
      return planUpdate(intent, conv);
    case "bulkUpdateMetadata":
      return planBulk(intent, conv);
    case "invite":
      return planInvite(intent, conv);
    case "revokeInvitation":
      return planRevokeInvitation(intent, conv);
    case "revokeSession": {
      const revokes = observed(conv, "revokeSession");
      if (revokes.length === 0)
        return calls(intent.sessionIds.map((id) => call("revokeSession", { session_id: id })));
      return say(
        outcomeLines(revokes, (obs) => ({
          label: `Session ${String(obs.input.session_id ?? "")}`,
          done: "revoked",
        })),
      );
    }
    case "revokeUserSessions":
      return planRevokeSessions(intent, conv);
    case "moderate":
      return planModerate(intent, conv);
    case "createUser":
      return planCreateUser(intent, conv);
    case "deleteUser":
      return planDeleteUser(intent, conv);
    default:
      return undefined;
  }
}
