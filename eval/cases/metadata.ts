// Metadata: search over the synced index (counts and lists by plan, role, ...), single-user writes in
// every metadata field and phrasing, and bulk changes (one plan card for more than 3 users).
import type { EvalCase, UserSet } from "../types";
import { ask, uid } from "./helpers";

const S = "metadata-search" as const;
const W = "metadata-writes" as const;
const B = "bulk" as const;
const eq = (key: string, value: string | number | boolean) => ({ $set: [{ key, op: "eq", value }] });
/** A metadata search on every one of these values, whose count the answer states. */
const countAll = (id: string, say: string, metadata: Record<string, string>) =>
  ask(S, id, {
    say,
    calls: [
      {
        tool: "searchUsersByMetadata",
        args: { where: { $set: Object.entries(metadata).map(([key, value]) => ({ key, op: "eq", value })) } },
      },
    ],
    answerCount: { publicMetadata: metadata },
  });

const write = (id: string, say: string, email: string, args: Record<string, unknown>, state: object) =>
  ask(W, id, {
    say,
    proposals: [{ tool: "updateUserMetadata", args: { user_id: uid(email), ...args } as never }],
    state: [{ user: email, ...state }],
  });

export const metadataSearchCases: EvalCase[] = [
  ask(S, "count-pro", {
    say: "how many users are on the pro plan?",
    calls: [{ tool: "searchUsersByMetadata", args: { where: eq("plan", "pro") } }],
    answerCount: { publicMetadata: { plan: "pro" } },
  }),
  ask(S, "count-enterprise", {
    say: "how many users are on the enterprise plan?",
    calls: [{ tool: "searchUsersByMetadata", args: { where: eq("plan", "enterprise") } }],
    answerCount: { publicMetadata: { plan: "enterprise" } },
  }),
  ask(S, "list-kv", {
    say: "list users with plan=enterprise",
    calls: [{ tool: "searchUsersByMetadata", args: { where: eq("plan", "enterprise") } }],
    answerCount: { publicMetadata: { plan: "enterprise" } },
  }),
  ask(S, "free-at-domain", {
    say: "users on the free plan at acme.com",
    calls: [{ tool: "searchUsersByMetadata", args: { where: eq("plan", "free") } }],
    answer: "acme\\.com",
  }),
  ask(S, "role-is", {
    say: "whose role is developer?",
    calls: [{ tool: "searchUsersByMetadata", args: { where: eq("role", "developer") } }],
    answerCount: { publicMetadata: { role: "developer" } },
  }),
  ask(S, "list-role-plural", {
    say: "list billing users",
    calls: [{ tool: "searchUsersByMetadata", args: { where: eq("role", "billing") } }],
  }),
  ask(S, "count-company", {
    say: "how many users have company=Globex?",
    calls: [{ tool: "searchUsersByMetadata", args: { where: eq("company", "Globex") } }],
    answerCount: { publicMetadata: { company: "Globex" } },
  }),
  ask(S, "count-owners", {
    say: "how many owners are there?",
    calls: [{ tool: "searchUsersByMetadata", args: { where: eq("role", "owner") } }],
    answerCount: { publicMetadata: { role: "owner" } },
  }),
  countAll("owners-at-company", "who are the owners at Initech?", { role: "owner", company: "Initech" }),
  countAll("count-plan-at-quoted-company", 'how many users from "Stark Industries" are on the pro plan?', {
    plan: "pro",
    company: "Stark Industries",
  }),
  ask(S, "pro-and-banned", {
    say: "which banned users are on the pro plan?",
    calls: [{ tool: "searchUsersByMetadata", args: { where: eq("plan", "pro"), banned: true } }],
    answerCount: { publicMetadata: { plan: "pro" }, banned: true },
  }),
  ask(S, "count-free-signed-up-recent", {
    say: "how many users on the free plan signed up in the last 30 days?",
    calls: [
      {
        tool: "searchUsersByMetadata",
        args: { where: eq("plan", "free"), created_at_after: { $daysAgo: 30 } },
      },
    ],
  }),
];

export const metadataWriteCases: EvalCase[] = [
  write(
    "set-kv",
    "set plan=pro for jane@acme.com",
    "jane@acme.com",
    { public_metadata: { plan: "pro" } },
    {
      publicMetadata: { plan: "pro", company: "Acme Corp" },
    },
  ),
  write(
    "possessive",
    "set john@acme.com's plan to enterprise",
    "john@acme.com",
    {
      public_metadata: { plan: "enterprise" },
    },
    { publicMetadata: { plan: "enterprise" } },
  ),
  write(
    "set-the-x-of",
    "set the plan of priya@acme.com to pro",
    "priya@acme.com",
    {
      public_metadata: { plan: "pro" },
    },
    { publicMetadata: { plan: "pro" } },
  ),
  write(
    "typed-values",
    "set seats=5, trial=false for meiharris@gmail.com",
    "meiharris@gmail.com",
    {
      public_metadata: { seats: 5, trial: false },
    },
    { publicMetadata: { seats: 5, trial: false, plan: "free" } },
  ),
  write(
    "nested",
    "set settings.theme=dark for meiperez@proton.me",
    "meiperez@proton.me",
    {
      public_metadata: { settings: { theme: "dark" } },
    },
    { publicMetadata: { settings: { theme: "dark" } } },
  ),
  write(
    "private",
    'set private tier="gold" for camilamoore@yahoo.com',
    "camilamoore@yahoo.com",
    {
      private_metadata: { tier: "gold" },
    },
    { privateMetadata: { tier: "gold" } },
  ),
  write(
    "unsafe",
    "set unsafe onboarding=done for anyalee@umbrella.co",
    "anyalee@umbrella.co",
    {
      unsafe_metadata: { onboarding: "done" },
    },
    { unsafeMetadata: { onboarding: "done" } },
  ),
  write(
    "make-role",
    "make weitaylor@hooli.com an admin",
    "weitaylor@hooli.com",
    {
      public_metadata: { role: "admin" },
    },
    { publicMetadata: { role: "admin" } },
  ),
  write(
    "give-role",
    "give ethansanchez@yahoo.com the editor role",
    "ethansanchez@yahoo.com",
    {
      public_metadata: { role: "editor" },
    },
    { publicMetadata: { role: "editor" } },
  ),
  write(
    "upgrade-plan",
    "upgrade yukinielsen@yahoo.com to the pro plan",
    "yukinielsen@yahoo.com",
    {
      public_metadata: { plan: "pro" },
    },
    { publicMetadata: { plan: "pro" } },
  ),
  write(
    "move-plan",
    "move arjunhernandez@globex.com to free",
    "arjunhernandez@globex.com",
    {
      public_metadata: { plan: "free" },
    },
    { publicMetadata: { plan: "free" } },
  ),
  write(
    "remove-key",
    "remove the plan key from ellaharris@initech.io",
    "ellaharris@initech.io",
    {
      public_metadata: { plan: null },
    },
    { publicMetadata: { plan: { $absent: true }, company: "Initech" } },
  ),
  write(
    "clear-key",
    "clear olivernakamura@piedpiper.net's role",
    "olivernakamura@piedpiper.net",
    {
      public_metadata: { role: null },
    },
    { publicMetadata: { role: { $absent: true }, plan: "enterprise" } },
  ),
  write(
    "private-note",
    'add a private note "called about SSO" for oliviapark@stark-industries.com',
    "oliviapark@stark-industries.com",
    {
      private_metadata: { note: "called about SSO" },
    },
    { privateMetadata: { note: "called about SSO" } },
  ),
  write(
    "by-id",
    "set tier=gold for {id:kairamirez@globex.com}",
    "kairamirez@globex.com",
    {
      public_metadata: { tier: "gold" },
    },
    { publicMetadata: { tier: "gold", plan: "enterprise" } },
  ),
  write(
    "polite",
    "could you please set region=eu for liamjones@stark-industries.com, thanks",
    "liamjones@stark-industries.com",
    {
      public_metadata: { region: "eu" },
    },
    { publicMetadata: { region: "eu" } },
  ),
  {
    id: "denied",
    category: W,
    note: "A denied card writes nothing.",
    turns: [
      {
        say: "set plan=enterprise for chloemiller@yahoo.com",
        proposals: [{ tool: "updateUserMetadata", args: { user_id: uid("chloemiller@yahoo.com") } }],
        approve: false,
        state: [{ user: "chloemiller@yahoo.com", publicMetadata: { plan: "free" } }],
      },
    ],
  },
  ask(W, "two-users", {
    say: "set beta=true for omarsmith@initech.io and ariarodriguez@initech.io",
    proposals: [
      {
        tool: "updateUserMetadata",
        args: { user_id: uid("omarsmith@initech.io"), public_metadata: { beta: true } },
      },
      {
        tool: "updateUserMetadata",
        args: { user_id: uid("ariarodriguez@initech.io"), public_metadata: { beta: true } },
      },
    ],
    state: [
      { user: "omarsmith@initech.io", publicMetadata: { beta: true } },
      { user: "ariarodriguez@initech.io", publicMetadata: { beta: true } },
    ],
  }),
];

/** One plan card over exactly these users, whose count the answer states (both from Local Clerk). */
const plan = (id: string, say: string, targets: UserSet, approve?: boolean) =>
  ask(B, id, {
    say,
    bulkPlan: { action: "updateUserMetadata", targets, ...(approve === undefined ? {} : { approve }) },
    answerCount: targets,
  });

export const bulkCases: EvalCase[] = [
  plan("everyone-at-domain", "set plan=pro for everyone at acme.com", {
    domain: "acme.com",
    notPublicMetadata: { plan: "pro" },
  }),
  plan("conditional-upgrade", "upgrade everyone at globex.com who is on free to pro", {
    domain: "globex.com",
    publicMetadata: { plan: "free" },
  }),
  plan("all-users-with-kv", "set plan=pro for all users at hooli.com with plan=free", {
    domain: "hooli.com",
    publicMetadata: { plan: "free" },
  }),
  plan("flag-domain", "set beta=true for everyone at initech.io", {
    domain: "initech.io",
    notPublicMetadata: { beta: true },
  }),
  plan("role-domain", "give everyone at umbrella.co the support role", {
    domain: "umbrella.co",
    notPublicMetadata: { role: "support" },
  }),
  // Approved on the card and run: keys no other case reads, so later cases see the state they expect.
  plan(
    "approved-domain",
    "set cohort=spring for everyone at wayne.enterprises",
    { domain: "wayne.enterprises", notPublicMetadata: { cohort: "spring" } },
    true,
  ),
  plan(
    "approved-company",
    "set segment=emea for everyone at Initech",
    { publicMetadata: { company: "Initech" }, notPublicMetadata: { segment: "emea" } },
    true,
  ),
  plan(
    "approved-conditional",
    "set trial=true for all users at stark-industries.com with plan=free",
    { domain: "stark-industries.com", publicMetadata: { plan: "free" }, notPublicMetadata: { trial: true } },
    true,
  ),
  {
    ...ask(B, "invite-many-to-org", {
      say: "invite annenew@example.com, bennew@example.com, calnew@example.com, deenew@example.com and victornew@example.com to Globex",
      bulkPlan: {
        action: "createOrganizationInvitation",
        targets: {
          organization: "globex",
          emails: [
            "annenew@example.com",
            "bennew@example.com",
            "calnew@example.com",
            "deenew@example.com",
            "victornew@example.com",
          ],
        },
        approve: true,
      },
      answer: "\\b4 invitations",
      state: ["annenew", "bennew", "calnew", "deenew"].map((name) => ({
        orgInvitation: `${name}@example.com`,
        organization: "globex",
        status: "pending" as const,
      })),
    }),
    note: "victornew@example.com is invited already (the fixture): the plan leaves it out.",
  },
  plan(
    "denied-plan",
    "set cohort=autumn for everyone at hooli.com",
    { domain: "hooli.com", notPublicMetadata: { cohort: "autumn" } },
    false,
  ),
];
