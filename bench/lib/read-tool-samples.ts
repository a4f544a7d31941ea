// For each read tool: 20 sample inputs over a seeded Local Clerk, and the Backend API request that
// returns the same data as raw BAPI JSON (what @clerk/agent-toolkit would hand the model). Tools whose
// data is the console's own store (audit log, impersonations from the audit) have no BAPI counterpart.
// Where a tool's rows name a user by email but the BAPI objects carry only user_id (sessions: the sign-in
// and session lists), a raw agent also reads those users to get the emails: one
// `GET /v1/users?user_id=…&limit=N` for the distinct users the rows name (`emails`, `withUserEmails`);
// nowhere else. The bench counts that lookup in the raw side and also reports the ratio without it,
// since a whole user record (~400 tokens) is read for one email.
import type { ClerkClient } from "@/lib/clerk/client";
import type { LocalClerkHandle } from "@/local-clerk/src/index";

export const SAMPLES = 20;

export interface ReadToolSample {
  input: Record<string, unknown>;
  /** BAPI paths (GET) whose JSON bodies together are the same data; null: none exists. */
  raw: string[] | null;
  /** The users request a raw agent adds for the emails the rows name (counted in raw, reported apart). */
  emails?: string[];
}

export type SampleSpec = (
  lc: LocalClerkHandle,
  visible: (input: Record<string, unknown>) => Promise<unknown>,
) => Promise<ReadToolSample[]>;

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const range = (n = SAMPLES) => Array.from({ length: n }, (_, i) => i);

/**
 * Local Clerk's seed holds one allow-list and one block-list entry, a list no instance that uses
 * one keeps; each gets 15 more of the kinds Clerk takes (emails, domains, `*@` domains, phones).
 */
export async function seedAccessLists(clerk: ClerkClient): Promise<void> {
  const kinds = (n: number, domain: string) =>
    [`user${n}@${domain}`, `${domain}`, `*@sub${n}.${domain}`, `+1415555${String(1000 + n)}`][
      n % 4
    ] as string;
  for (const n of range(15)) {
    await clerk.allowlistIdentifiers.createAllowlistIdentifier({
      identifier: kinds(n, `partner${n}.example`),
      notify: false,
    });
    await clerk.blocklistIdentifiers.createBlocklistIdentifier({ identifier: kinds(n, `spam${n}.example`) });
  }
}

function ids(v: unknown, key: string, field: string): string[] {
  const list = (v as Record<string, unknown> | undefined)?.[key];
  if (!Array.isArray(list)) return [];
  return list.map((x) => String((x as Record<string, unknown>)[field] ?? "")).filter(Boolean);
}

/** One Backend API request for these users (Clerk's user list filtered by id). */
const usersPath = (userIds: string[], limit = userIds.length) =>
  `/v1/users?limit=${limit}&${userIds.map((id) => `user_id=${id}`).join("&")}`;

/** The users one page of rows names by email: the BAPI request a raw agent makes for those emails. */
function withUserEmails(v: unknown, key: string): string[] {
  const list = (v as Record<string, unknown> | undefined)?.[key];
  const rows = Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
  const users = [...new Set(rows.filter((r) => r.user_email).map((r) => String(r.user_id)))];
  if (users.length === 0) return [];
  return [usersPath(users)];
}

export const READ_TOOL_SAMPLES: Record<string, SampleSpec> = {
  getUser: async (lc) =>
    [...lc.state.users.all()]
      .slice(0, SAMPLES)
      .map((u) => ({ input: { user_id: u.id }, raw: [`/v1/users/${u.id}`] })),
  listUsers: async () =>
    range().map((i) => ({
      input: { limit: 20, offset: i * 20 },
      raw: [`/v1/users?limit=20&offset=${i * 20}`],
    })),
  countUsers: async () => {
    const queries = [
      "acme.com",
      "globex.com",
      "gmail.com",
      "yahoo.com",
      "a",
      "e",
      "jane",
      "smith",
      "hooli.com",
      "o",
    ];
    return range().map((i) => {
      const query = queries[i % queries.length] as string;
      const banned = i >= queries.length;
      const q = `query=${encodeURIComponent(query)}${banned ? "&banned=true" : ""}`;
      return { input: { query, ...(banned ? { banned: true } : {}) }, raw: [`/v1/users/count?${q}`] };
    });
  },
  // The same users as raw JSON: Clerk has no metadata search, so this is the least a raw agent reads.
  searchUsersByMetadata: async (_lc, visible) => {
    const out: ReadToolSample[] = [];
    for (const i of range()) {
      const input = {
        where: [{ key: "plan", op: "eq", value: ["free", "pro", "enterprise"][i % 3] }],
        limit: 20,
        offset: i * 20,
      };
      const ids20 = ids(await visible(input), "users", "id");
      out.push({ input, raw: [usersPath(ids20, 20)] });
    }
    return out;
  },
  listInvitations: async () =>
    range().map((i) => ({
      input: { limit: 10, offset: i * 5 },
      raw: [`/v1/invitations?limit=10&offset=${i * 5}&paginated=true`],
    })),
  listSessions: async (lc) => {
    const users = [...new Set([...lc.state.sessions.allSessions()].map((s) => s.user_id))].slice(0, SAMPLES);
    return users.map((id) => ({
      input: { user_id: id },
      raw: [`/v1/sessions?user_id=${id}&paginated=true`],
    }));
  },
  listActiveSessions: async (_lc, visible) => {
    const out: ReadToolSample[] = [];
    for (const i of range()) {
      const input = { limit: 20, offset: i * 2 };
      out.push({
        input,
        raw: [`/v1/sessions?status=active&limit=20&offset=${i * 2}&paginated=true`],
        emails: withUserEmails(await visible(input), "sessions"),
      });
    }
    return out;
  },
  // The recorded sign-ins (backfilled from Clerk's sessions) vs those sessions as Clerk returns them.
  listSignIns: async (_lc, visible) => {
    const out: ReadToolSample[] = [];
    for (const i of range()) {
      const input = { limit: 20, offset: i * 5 };
      const shown = await visible(input);
      out.push({
        input,
        raw: ids(shown, "sign_ins", "session_id").map((id) => `/v1/sessions/${id}`),
        emails: withUserEmails(shown, "sign_ins"),
      });
    }
    return out;
  },
  countSignInsPerDay: async () =>
    range().map((i) => ({
      input: { from: daysAgo(7 + i) },
      raw: ["/v1/sessions?limit=500&offset=0&paginated=true"],
    })),
  listSuspiciousSignIns: async (_lc, visible) => {
    const out: ReadToolSample[] = [];
    for (const i of range()) {
      const input = { from: daysAgo(14), more_than: 1 + (i % 3) };
      const shown = await visible(input);
      // BAPI lists sessions without a time filter: a raw agent reads each shown user's sessions and
      // picks those in the window itself.
      out.push({
        input,
        raw: ids(shown, "users", "user_id").map((u) => `/v1/sessions?user_id=${u}&paginated=true`),
        emails: withUserEmails(shown, "users"),
      });
    }
    return out;
  },
  listOrganizations: async () =>
    range().map((i) => ({
      input: { limit: 10, offset: i % 18 },
      raw: [`/v1/organizations?limit=10&offset=${i % 18}&include_members_count=true`],
    })),
  getOrganization: async (lc) =>
    [...lc.state.organizations.orgs.all()].slice(0, SAMPLES).map((o) => ({
      input: { organization_id: o.id },
      raw: [`/v1/organizations/${o.id}?include_members_count=true`],
    })),
  listOrganizationMembers: async (lc) =>
    [...lc.state.organizations.orgs.all()].slice(0, SAMPLES).map((o) => ({
      input: { organization_id: o.id, limit: 100 },
      raw: [`/v1/organizations/${o.id}/memberships?limit=100`],
    })),
  listOrganizationInvitations: async (lc) =>
    [...lc.state.organizations.orgs.all()].slice(0, SAMPLES).map((o) => ({
      input: { organization_id: o.id, limit: 100 },
      raw: [`/v1/organizations/${o.id}/invitations?limit=100`],
    })),
  listOrganizationRoles: async () =>
    range().map(() => ({ input: { limit: 20 }, raw: ["/v1/organization_roles?limit=20"] })),
  listUserOrganizations: async (lc) => {
    const members = [...new Set([...lc.state.organizations.memberships.all()].map((m) => m.user_id))].slice(
      0,
      SAMPLES,
    );
    return members.map((id) => ({
      input: { user_id: id, limit: 100 },
      raw: [`/v1/users/${id}/organization_memberships?limit=100`],
    }));
  },
  listAllowlistIdentifiers: async () =>
    range().map(() => ({ input: {}, raw: ["/v1/allowlist_identifiers"] })),
  listBlocklistIdentifiers: async () =>
    range().map(() => ({ input: {}, raw: ["/v1/blocklist_identifiers"] })),
  listAuditEntries: async () => range().map(() => ({ input: { limit: 20 }, raw: null })),
  proposeUndo: async () => range().map(() => ({ input: { actor: "me" }, raw: null })),
  listImpersonations: async () => range().map(() => ({ input: {}, raw: null })),
};
