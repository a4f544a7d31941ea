// The organization itself and its listings: "list organizations", "show the organization Acme", "list the
// members of Hooli", "what organization roles are there?", "pending invitations to Globex", "create an
// organization called X", "rename the organization X to Y", "set tier=gold on the organization X",
// "delete the organization X", "remove jane@acme.com from Acme". Names are looked up with listOrganizations.
import { isPlainObject } from "@/lib/clerk/metadata";
import { impliedSlug } from "../model-reshape";
import { quote } from "./format";
import type { Decision, Intent, JsonObject } from "./intent";
import { type Conversation, listOf, type Observation, str } from "./observations";
import { failed, isDecision, oneUser, orgName, resolveOrg } from "./organizations";
import { userTarget } from "./parse-users";
import { call, calls, observed, say, writeAnswer } from "./steps";
import { keyValues, type Masked, setPath, tokensIn } from "./text";

type OrgAdmin = Extract<Intent, { kind: "orgAdmin" }>;
export type OrgAdminOp = OrgAdmin["op"];

const ORG = "(?:org(?:ani[sz]ation)?|team)";
const NOT_ORG = /\b(?:block|allow)[\s-]?list\b|\bmetadata\b|\bplan\b|\brole\b/i;

export function parseOrganizationAdmin(m: Masked, text: string): Intent | undefined {
  const org = (raw: string | undefined) => orgName(raw);
  if (
    new RegExp(
      `^(?:list|show|get|display|view)\\s+(?:me\\s+)?(?:all\\s+)?(?:the\\s+)?${ORG}s\\b[.!?]*$`,
      "i",
    ).test(text) ||
    new RegExp(`^(?:what|which)\\s+${ORG}s\\s+(?:are there|do we have|exist)\\b`, "i").test(text)
  )
    return { kind: "orgAdmin", op: "list" };
  const userOrgs =
    new RegExp(
      `^(?:which|what)\\s+${ORG}s\\s+(?:is|does|do|are)\\s+(.+?)\\s+(?:in|a member of|part of|belong to|belongs to)\\b`,
      "i",
    ).exec(text) ??
    new RegExp(
      `^(?:list|show|get)\\s+(?:me\\s+)?(?:all\\s+)?(?:the\\s+)?${ORG}s\\s+(?:of|for)\\s+(.+)$`,
      "i",
    ).exec(text) ??
    new RegExp(`^(?:list|show|get)?\\s*(.+?)'s?\\s+${ORG}s\\b`, "i").exec(text);
  if (userOrgs) {
    const target = userTarget(m, userOrgs[1] ?? "");
    if (target && target.by !== "name") return { kind: "orgAdmin", op: "userOrgs", target };
  }
  if (new RegExp(`\\b${ORG}\\s+roles\\b|\\broles?\\b.*\\b(?:in|for|of)\\s+${ORG}s\\b`, "i").test(text))
    return { kind: "orgAdmin", op: "roles" };
  const invitations = new RegExp(
    `\\binvit(?:ation|e)s\\s+(?:to|for|of|in)\\s+(?:the\\s+)?(?:${ORG}\\s+)?(.+)$`,
    "i",
  ).exec(text);
  if (
    invitations &&
    /^(?:list|show|get|any|which|what|view)\b/i.test(text) &&
    tokensIn(m, text, "e").length === 0
  ) {
    const name = org(invitations[1]);
    const status = /\bpending\b/i.exec(text)
      ? "pending"
      : /\baccepted\b/i.test(text)
        ? "accepted"
        : undefined;
    if (name) return { kind: "orgAdmin", op: "invitations", org: name, ...(status ? { status } : {}) };
  }
  const members =
    new RegExp(
      `^(?:list|show|get|who are|who is in|display)\\s+(?:me\\s+)?(?:all\\s+)?(?:the\\s+)?(?:members|users|people)\\s+(?:of|in|at)\\s+(?:the\\s+)?(?:${ORG}\\s+)?(.+)$`,
      "i",
    ).exec(text) ?? /^(?:list|show)\s+(?:the\s+)?(.+?)\s+members$/i.exec(text);
  if (members && tokensIn(m, text, "e").length === 0) {
    const name = org(members[1]);
    if (name && !/^(?:an?|any|every|each)\b/i.test(name))
      return { kind: "orgAdmin", op: "members", org: name };
  }
  const show = new RegExp(
    `^(?:show|get|describe|display|view)\\s+(?:me\\s+)?(?:the\\s+)?${ORG}\\s+(.+)$`,
    "i",
  ).exec(text);
  if (show) {
    const name = org(show[1]);
    if (name) return { kind: "orgAdmin", op: "show", org: name };
  }
  const create = new RegExp(
    `^(?:create|add|make|set up|start)\\s+(?:a\\s+|an\\s+)?(?:new\\s+)?${ORG}\\s+(?:called\\s+|named\\s+)?(.+)$`,
    "i",
  ).exec(text);
  if (create) {
    const name = org(create[1]);
    if (name) return { kind: "orgAdmin", op: "create", name };
  }
  const rename = new RegExp(`^rename\\s+(?:the\\s+)?${ORG}\\s+(.+?)\\s+to\\s+(.+)$`, "i").exec(text);
  if (rename) {
    const from = org(rename[1]);
    const to = org(rename[2]);
    if (from && to) return { kind: "orgAdmin", op: "rename", org: from, name: to };
  }
  const del = new RegExp(`^(?:delete|remove|destroy)\\s+(?:the\\s+)?${ORG}\\s+(.+)$`, "i").exec(text);
  if (del) {
    const name = org(del[1]);
    if (name) return { kind: "orgAdmin", op: "delete", org: name };
  }
  const meta = new RegExp(`^set\\s+(.+?)\\s+(?:on|for)\\s+(?:the\\s+)?${ORG}\\s+(.+)$`, "i").exec(text);
  if (meta) {
    const metadata: JsonObject = {};
    for (const { key, value } of keyValues(m, meta[1] ?? "")) setPath(metadata, key, value);
    const name = org(meta[2]);
    if (name && Object.keys(metadata).length > 0)
      return { kind: "orgAdmin", op: "metadata", org: name, metadata };
  }
  const remove = /^(?:remove|kick|drop)\s+(.+?)\s+(?:from|out of)\s+(?:the\s+)?(.+)$/i.exec(text);
  if (remove && !NOT_ORG.test(text)) {
    const target = userTarget(m, remove[1] ?? "");
    const name = org(remove[2]);
    const names = tokensIn(m, remove[2] ?? "", "e").length + tokensIn(m, remove[2] ?? "", "u").length;
    if (target && target.by !== "name" && name && names === 0)
      return { kind: "orgAdmin", op: "removeMember", org: name, target };
  }
  return undefined;
}

const TOOL: Record<OrgAdminOp, string> = {
  list: "listOrganizations",
  userOrgs: "listUserOrganizations",
  show: "getOrganization",
  members: "listOrganizationMembers",
  roles: "listOrganizationRoles",
  invitations: "listOrganizationInvitations",
  create: "createOrganization",
  rename: "updateOrganization",
  metadata: "updateOrganizationMetadata",
  delete: "deleteOrganization",
  removeMember: "removeOrganizationMember",
};

export function requiredOrganizationAdminTools(intent: Intent): string[] | undefined {
  if (intent.kind !== "orgAdmin") return undefined;
  const lookups = intent.org ? ["listOrganizations"] : [];
  if (intent.op === "userOrgs") lookups.length = 0;
  const users = intent.target && intent.target.by !== "id" ? ["listUsers"] : [];
  return [...new Set([...lookups, ...users, TOOL[intent.op]])];
}

/** One line per listed item, from its structured fields only (names quoted). */
function itemLine(x: Record<string, unknown>): string {
  const name =
    str(x.name) ??
    str(x.organization_name) ??
    ([str(x.first_name), str(x.last_name)].filter(Boolean).join(" ") || undefined) ??
    str(x.email_address) ??
    str(x.email);
  const who =
    str(x.identifier) ??
    str(x.key) ??
    str(x.slug) ??
    (/^org_/.test(String(x.id)) ? impliedSlug(x.name) : undefined) ??
    str(x.organization_slug) ??
    str(x.user_id) ??
    str(x.id);
  const extra = [
    str(x.role),
    str(x.status),
    typeof x.members_count === "number" ? `${x.members_count} members` : undefined,
  ]
    .filter(Boolean)
    .join(", ");
  return `- ${name ? quote(name) : ""}${who ? ` <${quote(who).slice(1, -1)}>` : ""}${extra ? ` (${extra})` : ""}`;
}

function listing(obs: Observation, what: string, keys: string[]): Decision {
  const stop = failed(obs, what);
  if (stop) return stop;
  const value = obs.outcome?.status === "ok" ? obs.outcome.value : undefined;
  const list =
    listOf(value, keys) ?? (isPlainObject(value) && str(value.id) ? { items: [value] } : undefined);
  const items = (list?.items ?? []).filter(isPlainObject);
  if (items.length === 0) return say(`No ${what} found.`);
  const total = list?.total ?? items.length;
  const head = total > items.length ? `Showing ${items.length} of ${total} ${what}:` : `${total} ${what}:`;
  return say(`${head}\n${items.slice(0, 50).map(itemLine).join("\n")}`);
}

/** Read or propose, then answer: one tool call after the organization (and user) are resolved. */
function step(
  conv: Conversation,
  tool: string,
  input: JsonObject,
  answer: (obs: Observation) => Decision,
): Decision {
  const obs = observed(conv, tool)[0];
  return obs ? answer(obs) : calls([call(tool, input)]);
}

export function planOrganizationAdmin(intent: Intent, conv: Conversation): Decision | undefined {
  if (intent.kind !== "orgAdmin") return undefined;
  if (intent.op === "list")
    return step(conv, "listOrganizations", { limit: 50, order_by: "+name" }, (o) =>
      listing(o, "organizations", ["organizations", "data"]),
    );
  if (intent.op === "roles")
    return step(conv, "listOrganizationRoles", { limit: 50 }, (o) =>
      listing(o, "organization roles", ["roles", "data"]),
    );
  if (intent.op === "userOrgs" && intent.target) {
    const user = oneUser(intent.target, conv);
    if (isDecision(user)) return user;
    return step(conv, "listUserOrganizations", { user_id: user.id, limit: 100 }, (o) =>
      listing(o, `organizations of ${quote(user.label)}`, ["organizations", "data"]),
    );
  }
  if (intent.op === "create") {
    const name = intent.name ?? "";
    return step(conv, "createOrganization", { name }, (o) =>
      writeAnswer(o, `Created the organization ${quote(name)}.`),
    );
  }
  const org = resolveOrg(intent.org ?? "", conv);
  if (isDecision(org)) return org;
  const id = { organization_id: org.id };
  switch (intent.op) {
    case "show":
      return step(conv, "getOrganization", id, (o) => listing(o, "organization", ["organization"]));
    case "members":
      return step(conv, "listOrganizationMembers", { ...id, limit: 100 }, (o) =>
        listing(o, `members of ${quote(org.name)}`, ["members", "data"]),
      );
    case "invitations":
      return step(
        conv,
        "listOrganizationInvitations",
        { ...id, ...(intent.status ? { status: intent.status } : {}), limit: 100 },
        (o) => listing(o, `invitations to ${quote(org.name)}`, ["invitations", "data"]),
      );
    case "rename":
      return step(conv, "updateOrganization", { ...id, name: intent.name ?? "" }, (o) =>
        writeAnswer(o, `Renamed ${quote(org.name)} to ${quote(intent.name)}.`),
      );
    case "metadata":
      return step(
        conv,
        "updateOrganizationMetadata",
        { ...id, public_metadata: intent.metadata ?? {} },
        (o) => writeAnswer(o, `Updated the public metadata of ${quote(org.name)}.`),
      );
    case "delete":
      if (!org.slug) return say(`I couldn't read the slug of ${quote(org.name)}, which its deletion needs.`);
      return step(conv, "deleteOrganization", { ...id, confirm_slug: org.slug }, (o) =>
        writeAnswer(o, `Deleted the organization ${quote(org.name)}.`),
      );
    case "removeMember": {
      if (!intent.target) return say("Whom should I remove? Give me their email or user id.");
      const user = oneUser(intent.target, conv, false);
      if (isDecision(user)) return user;
      return step(conv, "removeOrganizationMember", { ...id, user_id: user.id }, (o) =>
        writeAnswer(o, `Removed ${quote(user.label)} from ${quote(org.name)}.`),
      );
    }
    default:
      return undefined;
  }
}
