import { SEEDED_ACCOUNTS } from "./app-env";
import { seededRandom } from "./faults";
import { seedAccessLists } from "./seed-access-lists";
import {
  ACME_FREE_USERS,
  COMPANY_BY_DOMAIN,
  DOMAINS,
  FIRST_NAMES,
  FREE_MAIL_COMPANIES,
  INJECTION_USERS,
  LAST_NAMES,
  PLANS,
  ROLES,
} from "./seed-data";
import { type IdentifierSeedResult, seedIdentifiers } from "./seed-identifiers";
import { type OrganizationSeedResult, seedOrganizations } from "./seed-organizations";
import { seedSignIns } from "./seed-sign-ins";
import { hashPassword } from "./state/password";
import type { State } from "./state/store";
import type { Metadata } from "./state/types";

const DAY_MS = 24 * 60 * 60 * 1000;
const TWO_YEARS_MS = 730 * DAY_MS;

export interface SeedOptions {
  users: number;
  seed?: number;
  /** End of the seeded timeline; default is the start of the current UTC day, so reruns on one day are identical. */
  anchor?: number;
}

export interface SeedResult {
  users: number;
  invitations: number;
  sessions: number;
  organizations: OrganizationSeedResult;
  identifiers: IdentifierSeedResult;
  ms: number;
}

function startOfUtcDay(t: number): number {
  return t - (t % DAY_MS);
}

function ascii(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-zA-Z]/g, "")
    .toLowerCase();
}

/** Deterministic: the same (users, seed, anchor) always yields the same ids, names, emails and timestamps. */
export function seedState(state: State, opts: SeedOptions): SeedResult {
  const started = performance.now();
  const rand = seededRandom(opts.seed ?? 20_261_126);
  const anchor = opts.anchor ?? startOfUtcDay(Date.now());
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const users = state.users;
  const silent = { silent: true, rand };
  const start = anchor - TWO_YEARS_MS;

  // Fixed salt keeps the seeded password hashes deterministic too.
  const salt = Buffer.from("local-clerk-seed");
  SEEDED_ACCOUNTS.forEach((acct, i) => {
    const [local] = acct.email.split("@");
    users.create(
      {
        emailAddresses: [acct.email],
        firstName: `${acct.role[0]?.toUpperCase()}${acct.role.slice(1)}`,
        lastName: "User",
        username: local,
        passwordHash: hashPassword(acct.password, salt),
        publicMetadata: acct.role === "member" ? { plan: "pro" } : { role: acct.role, plan: "enterprise" },
        createdAt: start + i * 60_000,
      },
      silent,
    );
  });

  const extras: { email: string; firstName: string; lastName: string; publicMetadata: Metadata }[] = [
    ...ACME_FREE_USERS.map((u) => ({
      ...u,
      publicMetadata: { plan: "free", company: "Acme Corp", role: "member" },
    })),
    ...INJECTION_USERS.map((u) => ({ ...u, publicMetadata: { ...u.publicMetadata } })),
  ];
  extras.forEach((u, i) => {
    users.create(
      {
        emailAddresses: [u.email],
        firstName: u.firstName,
        lastName: u.lastName,
        publicMetadata: u.publicMetadata,
        createdAt: start + DAY_MS + i * 60_000,
      },
      silent,
    );
  });

  const bulk = Math.max(0, opts.users - SEEDED_ACCOUNTS.length - extras.length);
  const offsets = Array.from({ length: bulk }, () => Math.floor(rand() * TWO_YEARS_MS)).sort((a, b) => a - b);
  const taken = new Map<string, number>();
  for (let i = 0; i < bulk; i++) {
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const domain = pick(DOMAINS);
    const base = `${ascii(first)}.${ascii(last)}`;
    const n = (taken.get(`${base}@${domain}`) ?? 0) + 1;
    taken.set(`${base}@${domain}`, n);
    const email = `${base}${n > 1 ? n : ""}@${domain}`;
    const createdAt = start + (offsets[i] as number);
    const company = COMPANY_BY_DOMAIN[domain] ?? pick(FREE_MAIL_COMPANIES);
    const publicMetadata: Metadata = { plan: pick(PLANS), company, role: pick(ROLES) };
    const privateMetadata: Metadata =
      rand() < 0.3
        ? {
            stripe_customer_id: `cus_${Math.floor(rand() * 1e12).toString(36)}`,
            seats: 1 + Math.floor(rand() * 50),
          }
        : {};
    if (rand() < 0.05) privateMetadata.support_note = "Asked about SSO pricing on the last call.";
    const u = users.create(
      {
        emailAddresses: [email],
        firstName: first,
        lastName: last,
        externalId: rand() < 0.2 ? `crm_${100_000 + i}` : null,
        publicMetadata,
        privateMetadata,
        createdAt,
      },
      silent,
    );
    const signedIn = rand() < 0.85;
    const lastSignIn = signedIn ? createdAt + Math.floor(rand() * (anchor - createdAt)) : null;
    const lastActive = lastSignIn === null ? null : lastSignIn + Math.floor(rand() * (anchor - lastSignIn));
    const r = rand();
    users.load({
      ...u,
      banned: r < 0.02,
      locked: r >= 0.02 && r < 0.03,
      last_sign_in_at: lastSignIn,
      last_active_at: lastActive,
      updated_at: lastActive ?? createdAt,
    });
  }

  let invitations = 0;
  const invCount = Math.min(200, Math.max(6, Math.floor(opts.users / 50)));
  for (let i = 0; i < invCount; i++) {
    const inv = state.invitations.create(
      {
        emailAddress: `invitee${i + 1}@${pick(DOMAINS)}`,
        publicMetadata: { plan: pick(PLANS), invited_by: "admin@example.com" },
        createdAt: anchor - Math.floor(rand() * 20 * DAY_MS),
      },
      silent,
    );
    invitations++;
    if (i % 4 === 3)
      state.invitations.load({ ...inv, status: "revoked", updated_at: inv.created_at + DAY_MS });
  }

  const organizations = seedOrganizations(state, { seed: opts.seed ?? 20_261_126, anchor });
  seedAccessLists(state, { seed: opts.seed ?? 20_261_126, anchor });
  const identifiers = seedIdentifiers(state, { seed: opts.seed ?? 20_261_126, anchor });

  let sessions = 0;
  const accounts = new Set<string>();
  for (const acct of SEEDED_ACCOUNTS) {
    const user = users.findByEmail(acct.email);
    if (!user) continue;
    const client = state.sessions.createClient(rand);
    state.sessions.createSession(user.id, client.id, { silent: true, at: anchor - DAY_MS, rand });
    sessions++;
    accounts.add(user.id);
  }
  sessions += seedSignIns(state, { seed: opts.seed ?? 20_261_126, anchor, skip: accounts });
  state.touch();
  return {
    users: users.size,
    invitations,
    sessions,
    organizations,
    identifiers,
    ms: Math.round(performance.now() - started),
  };
}
