import {
  clerkFilterInput,
  dateText,
  errorText,
  filterText,
  listingTool,
  matchesFilter,
  metadataWhere,
  needsClientFilter,
  quote,
  userLabel,
  userLine,
  userProfile,
} from "./format";
import type { Decision, Intent, JsonObject, UserFilter } from "./intent";
import { asInvitations, asSessions, asUserList, type Conversation, type Outcome } from "./observations";
import { call, calls, notFound, observed, resolveUsers, say } from "./steps";

const SHOWN = 20;

function failed(what: string, outcome: Outcome | undefined): Decision | undefined {
  if (!outcome) return say(`I'm still waiting for the result of ${what}.`);
  if (outcome.status === "denied") return say(`${what} was denied, so I stopped.`);
  if (outcome.status === "error") return say(`I couldn't ${what}: ${errorText(outcome)}.`);
  return undefined;
}

function listInput(filter: UserFilter, limit: number, orderBy?: string): JsonObject {
  const search = listingTool(filter, orderBy) === "searchUsersByMetadata";
  const input: JsonObject = search ? { where: metadataWhere(filter) } : {};
  Object.assign(input, clerkFilterInput(filter));
  input.limit = limit;
  if (orderBy && !search) input.order_by = orderBy;
  return input;
}

function planListUsers(intent: Extract<Intent, { kind: "listUsers" }>, conv: Conversation): Decision {
  const clientSide = needsClientFilter(intent.filter, intent.orderBy);
  const tool = listingTool(intent.filter, intent.orderBy);
  const listing = observed(conv, tool)[0];
  if (!listing) {
    return calls([
      call(tool, listInput(intent.filter, clientSide ? 100 : (intent.limit ?? SHOWN), intent.orderBy)),
    ]);
  }
  const stop = failed("list users", listing.outcome);
  if (stop || listing.outcome?.status !== "ok") return stop ?? say("No result.");
  const list = asUserList(listing.outcome.value) ?? { users: [] };
  const matching = list.users.filter((u) => matchesFilter(u, intent.filter));
  const described = filterText(intent.filter);
  if (matching.length === 0) {
    return say(
      `No users found${described ? ` ${described}` : ""}.${scanNote(list.users.length, list.total)}`,
    );
  }
  if (matching.length === 1 && matching[0] && list.users.length === 1) {
    return say(`Found 1 user${described ? ` ${described}` : ""}:\n${userProfile(matching[0])}`);
  }
  const shown = matching.slice(0, intent.limit ?? SHOWN);
  const more = matching.length - shown.length;
  const lines = shown.map(userLine);
  if (more > 0) lines.push(`- …and ${more} more.`);
  const plural = (n: number) => `${n} user${n === 1 ? "" : "s"}`;
  const order = intent.orderBy ? ` (${ORDER_TEXT[intent.orderBy]})` : "";
  const head =
    !clientSide &&
    list.total !== undefined &&
    list.total > shown.length &&
    matching.length === list.users.length
      ? `Showing ${shown.length} of ${plural(list.total)}`
      : `Found ${plural(matching.length)}`;
  return say(
    `${head}${described ? ` ${described}` : ""}${order}${clientSide ? scanNote(list.users.length, list.total) : ""}:\n${lines.join("\n")}`,
  );
}

const ORDER_TEXT: Record<string, string> = {
  "-created_at": "newest first",
  "+created_at": "oldest first",
  "-last_sign_in_at": "most recent sign-in first",
  "+last_sign_in_at": "least recent sign-in first",
};

function scanNote(checked: number, total: number | undefined): string {
  if (total === undefined || total <= checked) return "";
  return ` (I checked the first ${checked} of ${total} users; narrow the search to see the rest)`;
}

/** searchUsersByMetadata's own word on staleness, passed on rather than hidden. */
function indexNote(value: unknown): string {
  const index = (value as { index?: { behind?: unknown; indexed_users?: unknown; clerk_users?: unknown } })
    ?.index;
  if (index?.behind !== true) return "";
  const counts =
    typeof index.indexed_users === "number" && typeof index.clerk_users === "number"
      ? `: it holds ${index.indexed_users} of ${index.clerk_users} users`
      : "";
  return ` (The metadata index is behind Clerk${counts}, so this may be off until the next webhook or resync.)`;
}

function countOf(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const n = v.total_count ?? v.totalCount ?? v.count ?? v.total;
  return typeof n === "number" ? n : undefined;
}

function planCountUsers(intent: Extract<Intent, { kind: "countUsers" }>, conv: Conversation): Decision {
  const described = filterText(intent.filter);
  if (needsClientFilter(intent.filter)) {
    const tool = listingTool(intent.filter);
    const listing = observed(conv, tool)[0];
    if (!listing) return calls([call(tool, listInput(intent.filter, 100))]);
    const stop = failed("list users", listing.outcome);
    if (stop || listing.outcome?.status !== "ok") return stop ?? say("No result.");
    const list = asUserList(listing.outcome.value) ?? { users: [] };
    const n = list.users.filter((u) => matchesFilter(u, intent.filter)).length;
    const partial = list.total !== undefined && list.total > list.users.length;
    return say(
      `${partial ? "At least " : ""}${n} user${n === 1 ? " is" : "s are"} ${described}.${scanNote(list.users.length, list.total)}`,
    );
  }
  const countTool = listingTool(intent.filter) === "listUsers" ? "countUsers" : "searchUsersByMetadata";
  const counting = observed(conv, countTool)[0];
  if (!counting) {
    const input = countTool === "countUsers" ? clerkFilterInput(intent.filter) : listInput(intent.filter, 1);
    return calls([call(countTool, input)]);
  }
  const stop = failed("count users", counting.outcome);
  if (stop || counting.outcome?.status !== "ok") return stop ?? say("No result.");
  const n = countOf(counting.outcome.value);
  if (n === undefined) return say("The count came back in a form I don't understand.");
  return say(
    `There ${n === 1 ? "is" : "are"} ${n} user${n === 1 ? "" : "s"}${described ? ` ${described}` : " in total"}.${indexNote(counting.outcome.value)}`,
  );
}

function planShowUser(intent: Extract<Intent, { kind: "showUser" }>, conv: Conversation): Decision {
  const target = intent.target;
  if (target.by === "id" || target.by === "context") {
    const ids =
      target.by === "id" ? target.userIds : conv.contextUser ? [conv.contextUser.id] : ([] as string[]);
    if (ids.length === 0)
      return say("Which user do you mean? Give me their email address or user id (user_…).");
    const gets = observed(conv, "getUser");
    if (gets.length === 0) return calls(ids.map((id) => call("getUser", { user_id: id })));
    const parts = gets.map((g) => {
      const id = String(g.input.user_id ?? "");
      if (g.outcome?.status === "ok") {
        const user = asUserList(g.outcome.value)?.users[0];
        return user ? userProfile(user) : `${id}: no such user.`;
      }
      return g.outcome?.status === "error" ? `${id}: ${errorText(g.outcome)}` : `${id}: not looked up.`;
    });
    return say(parts.join("\n\n"));
  }
  const resolved = resolveUsers(target, conv);
  if ("type" in resolved) return resolved;
  if (resolved.users.length === 0) return say(notFound(resolved.missing));
  const profiles = resolved.users.map(userProfile);
  const missing = notFound(resolved.missing);
  return say([...profiles, missing].filter(Boolean).join("\n\n"));
}

function planListInvitations(
  intent: Extract<Intent, { kind: "listInvitations" }>,
  conv: Conversation,
): Decision {
  const listing = observed(conv, "listInvitations")[0];
  const what = `${intent.status ? `${intent.status} ` : ""}invitations${intent.query ? ` matching ${quote(intent.query)}` : ""}`;
  if (!listing) {
    const input: JsonObject = {};
    if (intent.status) input.status = intent.status;
    if (intent.query) input.query = intent.query;
    input.limit = intent.limit ?? SHOWN;
    return calls([call("listInvitations", input)]);
  }
  const stop = failed("list invitations", listing.outcome);
  if (stop || listing.outcome?.status !== "ok") return stop ?? say("No result.");
  const list = asInvitations(listing.outcome.value) ?? { invitations: [] };
  if (list.invitations.length === 0) return say(`No ${what} found.`);
  const lines = list.invitations.map(
    (i) =>
      `- ${i.email ? `<${i.email}>` : "(no email)"}: ${i.status ?? "unknown status"}${i.id ? ` (${i.id})` : ""}`,
  );
  const total = list.total ?? list.invitations.length;
  return say(
    `${total} ${what}${total > list.invitations.length ? `, showing ${list.invitations.length}` : ""}:\n${lines.join("\n")}`,
  );
}

function planListSessions(intent: Extract<Intent, { kind: "listSessions" }>, conv: Conversation): Decision {
  const resolved = resolveUsers(intent.target, conv);
  if ("type" in resolved) return resolved;
  if (resolved.users.length === 0) return say(notFound(resolved.missing));
  const listings = observed(conv, "listSessions");
  if (listings.length === 0) {
    return calls(
      resolved.users.map((u) =>
        call("listSessions", intent.status ? { user_id: u.id, status: intent.status } : { user_id: u.id }),
      ),
    );
  }
  const parts = listings.map((l) => {
    const user = resolved.users.find((u) => u.id === l.input.user_id);
    const label = userLabel(user, String(l.input.user_id ?? ""));
    if (l.outcome?.status !== "ok")
      return `${label}: ${l.outcome ? errorText(l.outcome) || "not listed" : "no result"}.`;
    const sessions = asSessions(l.outcome.value) ?? [];
    if (sessions.length === 0)
      return `${label} has no ${intent.status ?? ""}${intent.status ? " " : ""}sessions.`;
    const lines = sessions.map(
      (s) =>
        `- ${s.id}: ${s.status ?? "unknown"}${dateText(s.lastActiveAt) ? `, last active ${dateText(s.lastActiveAt)}` : ""}`,
    );
    return `${label} has ${sessions.length} ${intent.status ?? ""}${intent.status ? " " : ""}session${sessions.length === 1 ? "" : "s"}:\n${lines.join("\n")}`;
  });
  return say(parts.join("\n\n"));
}

export function planRead(intent: Intent, conv: Conversation): Decision | undefined {
  switch (intent.kind) {
    case "listUsers":
      return planListUsers(intent, conv);
    case "countUsers":
      return planCountUsers(intent, conv);
    case "showUser":
      return planShowUser(intent, conv);
    case "listInvitations":
      return planListInvitations(intent, conv);
    case "listSessions":
      return planListSessions(intent, conv);
    default:
      return undefined;
  }
}
