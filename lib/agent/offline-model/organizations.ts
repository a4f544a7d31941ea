// Organization requests: "who are the admins of Acme?", "add jane@acme.com to Acme as a member",
// "make bob an org admin", "which organizations have no admin?". Organizations are named by what the
// admin typed and looked up with listOrganizations; results are read as structured data only.
import { isPlainObject } from "@/lib/clerk/metadata";
import { impliedSlug } from "../model-reshape";
import { errorText, quote } from "./format";
import type { Decision, Intent, UserTarget } from "./intent";
import { type Conversation, listOf, type Observation, str } from "./observations";
import { userTarget } from "./parse-users";
import { call, calls, observed, resolveUsers, say, writeAnswer } from "./steps";
import { cleanPhrase, type Masked } from "./text";

const ORG_ID = /^org_[A-Za-z0-9]{1,60}$/;
const ROLE = /^(?:admin|member|billing)$/;
const PAGE = 500;

type OrgView = { id: string; name: string; slug?: string; missingAdmin?: boolean };

export function orgName(raw: string | undefined): string | undefined {
  const name = cleanPhrase(
    raw
      ?.replace(/⟦[a-z]\d+⟧/g, " ")
      .replace(/^(?:the)\s+/i, "")
      .replace(/\s+(?:org|organization|organisation|team|company)$/i, "")
      .replace(/[?.!]+$/, ""),
  );
  return name && name.length <= 100 ? name : undefined;
}

const roleKey = (word: string) => `org:${word.toLowerCase()}`;

export function parseOrganizationRequest(m: Masked, text: string): Intent | undefined {
  if (
    /\borg(?:anization|anisation)?s\b.*\b(?:no|without|missing|lacking|lack)\s+(?:an?\s+|any\s+)?admins?\b/i.test(
      text,
    )
  ) {
    return { kind: "orgsWithoutAdmin" };
  }
  const admins =
    /^(?:who (?:are|is)|list|show|find|get)\s+(?:me\s+)?(?:all\s+)?(?:the\s+)?(?:org(?:anization)?\s+)?admins?\s+(?:of|in|for|at)\s+(.+)$/i.exec(
      text,
    );
  if (admins) {
    const org = orgName(admins[1]);
    return org ? { kind: "orgAdmins", org } : undefined;
  }
  const add =
    /^add\s+(.+?)\s+to\s+(.+?)(?:\s+as\s+(?:an?\s+)?(admin|member|billing)(?:\s+member)?)?[.!]*$/i.exec(text);
  if (add && !/\bmetadata\b/i.test(text)) {
    const target = userTarget(m, add[1] ?? "");
    const org = orgName(add[2]);
    if (target && org) return { kind: "orgAddMember", org, target, role: roleKey(add[3] ?? "member") };
  }
  const role =
    /^(?:make|promote|set|change)\s+(.+?)\s+(?:to\s+)?(?:an?\s+)?(org(?:anization)?\s+)?(admin|member|billing)(?:\s+(?:of|in|at|for)\s+(.+))?[.!]*$/i.exec(
      text,
    );
  if (role && (role[2] || role[4])) {
    const target = userTarget(m, role[1] ?? "");
    const org = role[4] ? orgName(role[4]) : undefined;
    if (target && ROLE.test(role[3] ?? "")) {
      return { kind: "orgSetRole", target, role: roleKey(role[3] ?? ""), ...(org ? { org } : {}) };
    }
  }
  return undefined;
}

export function requiredOrganizationTools(intent: Intent): string[] | undefined {
  const users = (t: UserTarget) => (t.by === "email" || t.by === "name" ? ["listUsers"] : []);
  switch (intent.kind) {
    case "orgAdmins":
      return ["listOrganizations", "listOrganizationMembers"];
    case "orgsWithoutAdmin":
      return ["listOrganizations"];
    case "orgAddMember":
      return ["listOrganizations", ...users(intent.target), "addOrganizationMember"];
    case "orgSetRole":
      return [
        intent.org ? "listOrganizations" : "listUserOrganizations",
        ...users(intent.target),
        "updateOrganizationMemberRole",
      ];
    default:
      return undefined;
  }
}

function asOrgs(v: unknown): { orgs: OrgView[]; total?: number } {
  const list = listOf(v, ["organizations", "data"]);
  const orgs = (list?.items ?? []).flatMap((x): OrgView[] => {
    if (!isPlainObject(x) || !ORG_ID.test(String(x.id)) || !str(x.name)) return [];
    const org: OrgView = { id: String(x.id), name: String(x.name) };
    const slug = str(x.slug) ?? impliedSlug(x.name);
    if (slug) org.slug = slug;
    if (x.missing_admin === true) org.missingAdmin = true;
    return [org];
  });
  return list?.total === undefined ? { orgs } : { orgs, total: list.total };
}

export function failed(obs: Observation, what: string): Decision | undefined {
  const o = obs.outcome;
  if (!o) return say(`I'm still waiting for ${what}.`);
  if (o.status === "denied")
    return say(`${what[0]?.toUpperCase()}${what.slice(1)} was denied, so I stopped.`);
  if (o.status === "error") return say(`I couldn't get ${what}: ${errorText(o)}.`);
  return undefined;
}

/** The one organization `name` means: an exact name or slug match, else the only (prefix) match. */
export function resolveOrg(name: string, conv: Conversation): Decision | OrgView {
  const lookup = observed(conv, "listOrganizations").find((o) => o.input.query === name);
  if (!lookup) return calls([call("listOrganizations", { query: name, limit: 10 })]);
  const stop = failed(lookup, `the organization ${quote(name)}`);
  if (stop) return stop;
  const { orgs } = asOrgs(lookup.outcome?.status === "ok" ? lookup.outcome.value : undefined);
  const lower = name.toLowerCase();
  const exact = orgs.filter((o) => o.name.toLowerCase() === lower || o.slug === lower);
  const prefix = orgs.filter((o) => o.name.toLowerCase().startsWith(lower));
  const pick = exact.length === 1 ? exact : prefix.length === 1 ? prefix : orgs.length === 1 ? orgs : [];
  if (pick[0]) return pick[0];
  if (orgs.length === 0) return say(`No organization matches ${quote(name)}.`);
  const list = orgs.slice(0, 10).map((o) => `- ${quote(o.name)} (${o.slug ?? o.id})`);
  return say(`${orgs.length} organizations match ${quote(name)}:\n${list.join("\n")}\nWhich one?`);
}

export const isDecision = (x: unknown): x is Decision => isPlainObject(x) && "type" in x;

function memberLabel(x: Record<string, unknown>): string {
  const name = str(x.name) ?? ([str(x.first_name), str(x.last_name)].filter(Boolean).join(" ") || undefined);
  const id = str(x.identifier) ?? str(x.user_id) ?? "?";
  return name ? `${quote(name)} <${quote(id)}>` : quote(id);
}

function planAdmins(intent: Extract<Intent, { kind: "orgAdmins" }>, conv: Conversation): Decision {
  const org = resolveOrg(intent.org, conv);
  if (isDecision(org)) return org;
  const obs = observed(conv, "listOrganizationMembers").find((o) => o.input.organization_id === org.id);
  if (!obs)
    return calls([
      call("listOrganizationMembers", { organization_id: org.id, role: "org:admin", limit: 100 }),
    ]);
  const stop = failed(obs, `the admins of ${quote(org.name)}`);
  if (stop) return stop;
  const list = listOf(obs.outcome?.status === "ok" ? obs.outcome.value : undefined, ["members", "data"]);
  const admins = (list?.items ?? []).filter(isPlainObject);
  if (admins.length === 0) return say(`${quote(org.name)} has no admin.`);
  const total = list?.total ?? admins.length;
  return say(
    `${quote(org.name)} has ${total} admin${total === 1 ? "" : "s"}:\n${admins.map((a) => `- ${memberLabel(a)}`).join("\n")}`,
  );
}

function planWithoutAdmin(conv: Conversation): Decision {
  const pages = observed(conv, "listOrganizations").filter((o) => o.input.limit === PAGE);
  const orgs: OrgView[] = [];
  let total: number | undefined;
  for (const page of pages) {
    const stop = failed(page, "the organizations");
    if (stop) return stop;
    const read = asOrgs(page.outcome?.status === "ok" ? page.outcome.value : undefined);
    orgs.push(...read.orgs);
    total = read.total ?? total;
  }
  if (pages.length === 0 || (total !== undefined && pages.length * PAGE < total))
    return calls([
      call("listOrganizations", { limit: PAGE, offset: pages.length * PAGE, order_by: "+name" }),
    ]);
  const missing = orgs.filter((o) => o.missingAdmin);
  if (missing.length === 0) return say(`Every organization (${orgs.length}) has at least one admin.`);
  const lines = missing.slice(0, 50).map((o) => `- ${quote(o.name)} (${o.slug ?? o.id})`);
  const more = missing.length > 50 ? `\n…and ${missing.length - 50} more.` : "";
  return say(`${missing.length} of ${orgs.length} organizations have no admin:\n${lines.join("\n")}${more}`);
}

/** The one user a membership change is about; `refuseSeveral: false` takes the first of several matches. */
export function oneUser(
  target: UserTarget,
  conv: Conversation,
  refuseSeveral = true,
): Decision | { id: string; label: string } {
  const resolved = resolveUsers(target, conv);
  if (isDecision(resolved)) return resolved;
  const [user] = resolved.users;
  if (!user)
    return say(`No user found for ${target.by === "email" ? target.emails.join(", ") : "that request"}.`);
  if (refuseSeveral && resolved.users.length > 1)
    return say("That names several users; I change one membership at a time.");
  return { id: user.id, label: user.email ?? user.name ?? user.id };
}

function planAddMember(intent: Extract<Intent, { kind: "orgAddMember" }>, conv: Conversation): Decision {
  const org = resolveOrg(intent.org, conv);
  if (isDecision(org)) return org;
  const user = oneUser(intent.target, conv);
  if (isDecision(user)) return user;
  const obs = observed(conv, "addOrganizationMember")[0];
  if (!obs)
    return calls([
      call("addOrganizationMember", { organization_id: org.id, user_id: user.id, role: intent.role }),
    ]);
  return writeAnswer(obs, `Added ${quote(user.label)} to ${quote(org.name)} as ${intent.role}.`);
}

function planSetRole(intent: Extract<Intent, { kind: "orgSetRole" }>, conv: Conversation): Decision {
  const user = oneUser(intent.target, conv);
  if (isDecision(user)) return user;
  let org: OrgView;
  if (intent.org) {
    const found = resolveOrg(intent.org, conv);
    if (isDecision(found)) return found;
    org = found;
  } else {
    const obs = observed(conv, "listUserOrganizations").find((o) => o.input.user_id === user.id);
    if (!obs) return calls([call("listUserOrganizations", { user_id: user.id, limit: 100 })]);
    const stop = failed(obs, `the organizations of ${quote(user.label)}`);
    if (stop) return stop;
    const list = listOf(obs.outcome?.status === "ok" ? obs.outcome.value : undefined, ["organizations"]);
    const orgs = (list?.items ?? []).flatMap((x): OrgView[] =>
      isPlainObject(x) && ORG_ID.test(String(x.organization_id)) && str(x.organization_name)
        ? [{ id: String(x.organization_id), name: String(x.organization_name) }]
        : [],
    );
    if (orgs.length === 0) return say(`${quote(user.label)} is not a member of any organization.`);
    if (orgs.length > 1) {
      const names = orgs.slice(0, 10).map((o) => `- ${quote(o.name)}`);
      return say(
        `${quote(user.label)} belongs to ${orgs.length} organizations:\n${names.join("\n")}\nIn which one? Say e.g. “make them an admin of ${orgs[0]?.name}”.`,
      );
    }
    org = orgs[0] as OrgView;
  }
  const obs = observed(conv, "updateOrganizationMemberRole")[0];
  if (!obs)
    return calls([
      call("updateOrganizationMemberRole", { organization_id: org.id, user_id: user.id, role: intent.role }),
    ]);
  return writeAnswer(obs, `${quote(user.label)} is now ${intent.role} in ${quote(org.name)}.`);
}

export function planOrganization(intent: Intent, conv: Conversation): Decision | undefined {
  switch (intent.kind) {
    case "orgAdmins":
      return planAdmins(intent, conv);
    case "orgsWithoutAdmin":
      return planWithoutAdmin(conv);
    case "orgAddMember":
      return planAddMember(intent, conv);
    case "orgSetRole":
      return planSetRole(intent, conv);
    default:
      return undefined;
  }
}
