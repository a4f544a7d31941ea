// The eval's own people, added to Local Clerk's random seed: every user a case names is defined here
// (emails with a dotless local part, which the seed's first.last generator never makes), so the cases
// do not depend on what the seed happens to generate. Sets (counts, bulk targets) are computed from
// the whole state at check time, seed included.
import type { Actor } from "@/lib/auth/policy";
import { impersonateUser } from "@/lib/clerk/actions/impersonate-user";
import type { ActionContext } from "@/lib/clerk/define-action";
import type { Db } from "@/lib/db/client";
import { executeWrite } from "@/lib/writes/execute-write";
import type { LocalClerkHandle } from "@/local-clerk/src/index";
import { createOrgInvitations } from "@/local-clerk/src/state/organization-invitation-ops";

interface FixtureUser {
  email: string;
  name: string;
  plan?: string;
  role?: string;
  company?: string;
  /** Further email addresses; a trailing "?" marks one unverified. */
  alsoEmails?: string[];
  phones?: string[];
  externalId?: string;
  banned?: boolean;
  locked?: boolean;
  mfa?: boolean;
  /** Active sessions, one per device. */
  sessions?: number;
  /** Organization memberships: slug -> role. */
  orgs?: Record<string, string>;
}

const U = (email: string, name: string, more: Omit<FixtureUser, "email" | "name"> = {}): FixtureUser => ({
  email,
  name,
  plan: "free",
  role: "member",
  ...more,
});

export const FIXTURE_USERS: FixtureUser[] = [
  U("meiharris@gmail.com", "Mei Harris", { sessions: 3 }),
  U("kailarsen@wayne.enterprises", "Kai Larsen", {
    externalId: "crm_eval_1",
    phones: ["+15550100001"],
    sessions: 2,
  }),
  U("noahharris@globex.com", "Noah Harris"),
  U("lucialewis@outlook.com", "Lucía Lewis", { sessions: 1 }),
  U("priyanguyen@piedpiper.net", "Priya Nguyen", { sessions: 2 }),
  U("omarjohnson@initech.io", "Omar Johnson", { plan: "pro" }),
  U("camilamoore@yahoo.com", "Camila Moore"),
  U("zoelopez@piedpiper.net", "Zoe Lopez", { sessions: 1 }),
  U("weitaylor@hooli.com", "Wei Taylor", { orgs: { "wayne-enterprises": "org:member" } }),
  U("priyamensah@yahoo.com", "Priya Mensah", { phones: ["+15550100024"] }),
  U("leviwilliams@piedpiper.net", "Levi Williams", { alsoEmails: ["leviwilliams@home.example.net"] }),
  U("henrycosta@globex.com", "Henry Costa"),
  U("chloemiller@yahoo.com", "Chloe Miller"),
  U("aishathompson@hooli.com", "Aisha Thompson"),
  U("jameswhite@globex.com", "James White", { phones: ["+15550100002"], sessions: 1 }),
  U("ameliamensah@proton.me", "Amelia Mensah", { phones: ["+15550100016", "+442000100016"] }),
  U("sofiathompson@acme.com", "Sofia Thompson", { alsoEmails: ["sofiathompson@alumni.example.edu"] }),
  U("omarsmith@initech.io", "Omar Smith"),
  U("ariarodriguez@initech.io", "Aria Rodriguez"),
  U("oliviajohnson@initech.io", "Olivia Johnson"),
  U("anyasharma@gmail.com", "Anya Sharma"),
  U("ameliasmith@yahoo.com", "Amelia Smith"),
  U("mikhailjones@stark-industries.com", "Mikhail Jones"),
  U("ethanmoreau@gmail.com", "Ethan Moreau", { plan: "enterprise" }),
  U("emmamuller@yahoo.com", "Emma Müller", { alsoEmails: ["emmamuller@alumni.example.edu?"] }),
  U("ellaperez@hooli.com", "Ella Perez", { alsoEmails: ["ellaperez@home.example.net"] }),
  U("arjundavis@piedpiper.net", "Arjun Davis", { alsoEmails: ["arjundavis@personal.example?"] }),
  U("anyagarcia@yahoo.com", "Anya Garcia", { orgs: { initech: "org:admin" } }),
  U("aisharodriguez@umbrella.co", "Aisha Rodriguez", { orgs: { initech: "org:member" } }),
  U("noradubois@stark-industries.com", "Nora Dubois", { orgs: { hooli: "org:admin" } }),
  U("yukinielsen@yahoo.com", "Yuki Nielsen"),
  U("weilopez@wayne.enterprises", "Wei Lopez"),
  U("tomasobrien@globex.com", "Tomás O'Brien", { plan: "pro" }),
  U("samirmensah@hooli.com", "Samir Mensah", { mfa: true }),
  U("oliviapark@stark-industries.com", "Olivia Park"),
  U("olivernakamura@piedpiper.net", "Oliver Nakamura", { plan: "enterprise" }),
  U("mikhailthomas@acme.com", "Mikhail Thomas", { plan: "pro", role: "developer" }),
  U("meiperez@proton.me", "Mei Perez", { plan: "pro" }),
  U("mayamartinez@acme.com", "Maya Martinez"),
  U("mayagonzalez@stark-industries.com", "Maya Gonzalez", { locked: true }),
  U("lunamartin@wayne.enterprises", "Luna Martin", { banned: true }),
  U("lucasdubois@stark-industries.com", "Lucas Dubois", { banned: true }),
  U("liamjones@stark-industries.com", "Liam Jones"),
  U("leviobrien@stark-industries.com", "Levi O'Brien"),
  U("larsthompson@umbrella.co", "Lars Thompson", { locked: true }),
  U("kairamirez@globex.com", "Kai Ramirez", { plan: "enterprise" }),
  U("hiroshiharris@piedpiper.net", "Hiroshi Harris", { plan: "pro" }),
  U("ethansanchez@yahoo.com", "Ethan Sanchez", { plan: "pro" }),
  U("ellarossi@acme.com", "Ella Rossi", { plan: "pro" }),
  U("ellaharris@initech.io", "Ella Harris", { plan: "pro", company: "Initech" }),
  U("elijahtaylor@stark-industries.com", "Elijah Taylor", { mfa: true }),
  U("chenlee@piedpiper.net", "Chen Lee", { plan: "pro", banned: true }),
  U("chengonzalez@hooli.com", "Chen Gonzalez"),
  U("arjunhernandez@globex.com", "Arjun Hernandez", { plan: "pro" }),
  U("anyaramirez@piedpiper.net", "Anya Ramirez", { plan: "enterprise" }),
  U("anyalee@umbrella.co", "Anya Lee"),
  U("ivanpetrov@outlook.com", "Ivan Petrov"),
  U("ginakim@outlook.com", "Gina Kim"),
  U("hanaito@outlook.com", "Hana Ito"),
];

/** Impersonations the admin started from the console (user email, how many), which cases revoke. */
export const FIXTURE_IMPERSONATIONS: [string, number][] = [
  ["ivanpetrov@outlook.com", 1],
  ["ginakim@outlook.com", 2],
  ["hanaito@outlook.com", 1],
];

/** Pending invitations the invitation cases list and revoke. */
export const FIXTURE_INVITATIONS = [
  "patnew@acme.com",
  "quentinnew@hooli.com",
  "rosanew@yahoo.com",
  "sidnew@proton.me",
];

/** Pending organization invitations (organization slug, email) the organization cases revoke. */
export const FIXTURE_ORG_INVITATIONS: [string, string][] = [
  ["acme-corp", "ursulanew@example.com"],
  ["globex", "victornew@example.com"],
  ["initech", "wandanew@example.com"],
  ["wayne-enterprises", "xaviernew@example.com"],
  ["wayne-enterprises", "yaranew@example.com"],
];

/** Memberships of the seed's fixed accounts that the organization cases rely on. */
const SEEDED_MEMBERSHIPS: [string, string, string][] = [
  ["jane@acme.com", "acme-corp", "org:member"],
  ["john@acme.com", "acme-corp", "org:member"],
  ["admin@example.com", "acme-corp", "org:admin"],
];

export function addFixture(lc: LocalClerkHandle): void {
  const s = lc.state;
  for (const f of FIXTURE_USERS) {
    const [first, ...rest] = f.name.split(" ");
    const emails = [f.email, ...(f.alsoEmails ?? []).map((e) => e.replace(/\?$/, ""))];
    const user = s.users.create(
      {
        emailAddresses: emails,
        firstName: first ?? null,
        lastName: rest.join(" ") || null,
        externalId: f.externalId ?? null,
        publicMetadata: { plan: f.plan, role: f.role, ...(f.company ? { company: f.company } : {}) },
        phoneNumbers: f.phones,
        ...(f.mfa ? { totpSecret: "JBSWY3DPEHPK3PXP" } : {}),
      },
      { silent: true },
    );
    const unverified = new Set(
      (f.alsoEmails ?? []).filter((e) => e.endsWith("?")).map((e) => e.slice(0, -1)),
    );
    if (unverified.size > 0)
      s.users.modify(user.id, (u) => ({
        ...u,
        emails: u.emails.map((e) => (unverified.has(e.email_address) ? { ...e, verified: false } : e)),
      }));
    if (f.banned || f.locked) s.users.setFlags(user.id, { banned: !!f.banned, locked: !!f.locked });
    for (let i = 0; i < (f.sessions ?? 0); i++)
      s.sessions.createSession(user.id, s.sessions.createClient().id);
    for (const [slug, role] of Object.entries(f.orgs ?? {}))
      s.organizations.createMembership(slug, { userId: user.id, role }, { silent: true });
  }
  for (const [email, slug, role] of SEEDED_MEMBERSHIPS) {
    const user = s.users.findByEmail(email);
    const org = s.organizations.orgs.findByIdOrSlug(slug);
    if (!user || !org) throw new Error(`the seed has no ${email} or ${slug}`);
    const m = s.organizations.memberships.get(org.id, user.id);
    if (!m) s.organizations.createMembership(slug, { userId: user.id, role }, { silent: true });
    else if (m.role !== role) s.organizations.updateMembershipRole(slug, user.id, role);
  }
  for (const email of FIXTURE_INVITATIONS) s.invitations.create({ emailAddress: email }, { silent: true });
  for (const [slug, email] of FIXTURE_ORG_INVITATIONS)
    createOrgInvitations(s.organizations, slug, [{ emailAddress: email, role: "org:member" }], {
      silent: true,
    });
  // The same email also holds an app invitation: revoking the organization's must leave this one alone.
  s.invitations.create({ emailAddress: "wandanew@example.com" }, { silent: true });
  if (!s.access.listed("blocklist", "tempmail.test")) s.access.add("blocklist", "tempmail.test");
  s.access.updateRestrictions({ blocklist: true });
}

/**
 * Impersonations as the console's "Sign in as this user" starts them (the write executor, audited: the
 * audit log is the console's register of actor tokens), so listImpersonations has active ones to revoke.
 */
export async function addImpersonations(lc: LocalClerkHandle, db: Db, ctx: ActionContext, admin: Actor) {
  for (const [email, count] of FIXTURE_IMPERSONATIONS) {
    const user = lc.state.users.findByEmail(email);
    if (!user) throw new Error(`the fixture has no ${email}`);
    for (let i = 1; i <= count; i++)
      await executeWrite({
        db,
        ctx,
        action: impersonateUser,
        input: { user_id: user.id, reason: `Eval fixture: support ticket ${i}`, expires_in_seconds: 3600 },
        actor: { userId: admin.userId, email: admin.email },
        source: "console",
      });
  }
}
