import { seededRandom } from "./faults";
import { ACME_FREE_USERS, COMPANY_BY_DOMAIN, DOMAINS, PLANS } from "./seed-data";
import { newId } from "./state/ids";
import { createOrgInvitations } from "./state/organization-invitation-ops";
import { ADMIN_ROLE, MEMBER_ROLE } from "./state/roles";
import type { State } from "./state/store";

const DAY_MS = 24 * 60 * 60 * 1000;
export const BILLING_ROLE = "org:billing";

const ADJECTIVES = [
  "Blue",
  "Bright",
  "Cedar",
  "Clear",
  "Copper",
  "Crimson",
  "Delta",
  "Eastern",
  "Golden",
  "Granite",
  "Harbor",
  "Iron",
  "Juniper",
  "Lunar",
  "Maple",
  "Northern",
  "Oak",
  "Pine",
  "Quantum",
  "Red",
  "Silver",
  "Summit",
  "True",
  "Vertex",
  "Willow",
];
const NOUNS = [
  "Anchor",
  "Arrow",
  "Beacon",
  "Bridge",
  "Canyon",
  "Compass",
  "Crest",
  "Falcon",
  "Field",
  "Forge",
  "Grove",
  "Harvest",
  "Horizon",
  "Lake",
  "Meadow",
  "Orbit",
  "Peak",
  "River",
  "Signal",
  "Sparrow",
  "Stone",
  "Tide",
  "Valley",
  "Wave",
  "Wind",
];
const SUFFIXES = ["Labs", "Systems", "Group", "Analytics"];
const KNOWN = [
  ...Object.values(COMPANY_BY_DOMAIN),
  "Northwind",
  "Contoso",
  "Tailspin",
  "Fabrikam",
  "Vandelay",
];

export interface OrganizationSeedResult {
  organizations: number;
  memberships: number;
  invitations: number;
}

/** About 40 organizations at 500 users and 2,000 at 100,000 (40 · (users/500)^0.74). */
export function organizationCount(users: number): number {
  return users < 10 ? 0 : Math.max(3, Math.round(40 * (users / 500) ** 0.738));
}

function orgName(i: number): string {
  if (i < KNOWN.length) return KNOWN[i] as string;
  const space = ADJECTIVES.length * NOUNS.length * SUFFIXES.length;
  // 7919 is prime and coprime with the space, so names are unique but not in alphabetical order.
  const j = ((i - KNOWN.length) * 7919) % space;
  const a = ADJECTIVES[j % ADJECTIVES.length];
  const n = NOUNS[Math.floor(j / ADJECTIVES.length) % NOUNS.length];
  const s = SUFFIXES[Math.floor(j / (ADJECTIVES.length * NOUNS.length)) % SUFFIXES.length];
  return `${a} ${n} ${s}`;
}

/**
 * Deterministic organizations over the seeded users, on its own random stream so users,
 * invitations and sessions keep the ids they had before organizations existed. Members hold
 * org:admin (the creator first), org:member and the custom org:billing role; a few pending
 * (and some revoked) invitations. Silent: no webhooks for the seed.
 */
export function seedOrganizations(
  state: State,
  opts: { seed: number; anchor: number },
): OrganizationSeedResult {
  const rand = seededRandom((opts.seed ^ 0x5eed0) >>> 0);
  const silent = { silent: true, rand };
  const d = state.organizations;
  const at = opts.anchor - 730 * DAY_MS;
  if (!d.roles.roleByKeyOrUndefined(BILLING_ROLE)) {
    const read = d.roles.createPermission(
      { key: "org:billing:read", name: "Read invoices", description: "See invoices and the payment method." },
      { ...silent, at },
    );
    const manage = d.roles.createPermission(
      {
        key: "org:billing:manage",
        name: "Manage billing",
        description: "Change the plan and the payment method.",
      },
      { ...silent, at },
    );
    const sys = ["org:sys_memberships:read", "org:sys_billing:read", "org:sys_billing:manage"].map(
      (k) => [...d.roles.permissions.values()].find((p) => p.key === k)?.id as string,
    );
    d.roles.createRole(
      {
        key: BILLING_ROLE,
        name: "Billing",
        description: "Manages the organization's plan and invoices.",
        permissionIds: [read.id, manage.id, ...sys],
      },
      { ...silent, at },
    );
  }

  const users = [...state.users.all()];
  const count = organizationCount(users.length);
  if (count === 0) return { organizations: 0, memberships: 0, invitations: 0 };
  const avg = (0.6 * users.length) / count;
  const spread = Math.max(0, 3 * (avg - 2));
  const pick = () => users[Math.floor(rand() * users.length)] as (typeof users)[number];
  const fixed = new Map<string, [string, string][]>([
    [
      KNOWN[0] as string,
      [
        ["admin@example.com", ADMIN_ROLE],
        ["member@example.com", MEMBER_ROLE],
        ...ACME_FREE_USERS.map((u): [string, string] => [u.email, MEMBER_ROLE]),
      ],
    ],
    [KNOWN[1] as string, [["admin@example.com", ADMIN_ROLE]]],
  ]);
  let memberships = 0;
  const orgIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = orgName(i);
    const members = new Map<string, string>();
    for (const [email, role] of fixed.get(name) ?? []) {
      const u = state.findUserByEmail(email);
      if (u) members.set(u.id, role);
    }
    const size = 2 + Math.floor(rand() ** 2 * spread);
    for (let tries = 0; members.size < size && tries < size * 3; tries++) {
      const r = rand();
      members.set(
        pick().id,
        members.size === 0 || r < 0.1 ? ADMIN_ROLE : r < 0.18 ? BILLING_ROLE : MEMBER_ROLE,
      );
    }
    const [creatorId] = [...members.entries()].find(([, role]) => role === ADMIN_ROLE) ?? [];
    const creator = creatorId ? state.users.get(creatorId) : undefined;
    const createdAt = Math.max(creator?.created_at ?? at, at) + Math.floor(rand() * 30 * DAY_MS);
    const org = d.createOrganization(
      {
        name,
        publicMetadata: { plan: PLANS[Math.floor(rand() * PLANS.length)] },
        privateMetadata: rand() < 0.3 ? { crm_account_id: `acct_${10_000 + i}` } : {},
        createdAt: Math.min(createdAt, opts.anchor - DAY_MS),
      },
      silent,
    );
    d.orgs.load({ ...org, created_by: creatorId ?? null });
    for (const [userId, role] of members) {
      const joined = org.created_at + Math.floor(rand() * Math.max(1, opts.anchor - org.created_at));
      const createdAt = userId === creatorId ? org.created_at : joined;
      // Known-good input: stored directly, skipping createMembership's per-call checks (seed speed).
      d.memberships.put({
        id: newId("orgmem", rand),
        organization_id: org.id,
        user_id: userId,
        role,
        public_metadata: {},
        private_metadata: {},
        activated_at: null,
        created_at: createdAt,
        updated_at: createdAt,
      });
      memberships++;
    }
    orgIds.push(org.id);
  }

  let invitations = 0;
  const invCount = Math.min(200, Math.max(3, Math.floor(count / 10)));
  for (let i = 0; i < invCount; i++) {
    const org = d.orgs.get(orgIds[Math.floor(rand() * orgIds.length)] as string);
    if (!org) continue;
    const inviter = [...d.memberships.ofOrganization(org.id).values()].find((m) => m.role === ADMIN_ROLE);
    const [inv] = createOrgInvitations(
      d,
      org.id,
      [
        {
          emailAddress: `org.invitee${i + 1}@${DOMAINS[Math.floor(rand() * DOMAINS.length)]}`,
          role: rand() < 0.2 ? BILLING_ROLE : MEMBER_ROLE,
          inviterUserId: inviter?.user_id ?? null,
          createdAt: opts.anchor - Math.floor(rand() * 10 * DAY_MS),
        },
      ],
      silent,
    );
    invitations++;
    if (inv && i % 5 === 4)
      d.invitations.put({ ...inv, status: "revoked", updated_at: inv.created_at + DAY_MS });
  }
  return { organizations: count, memberships, invitations };
}
