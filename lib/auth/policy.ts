// Pure authorization policy: which console role may do what. No I/O here, so it is unit-tested exhaustively.
// POLICY below is the one table every surface reads (pages, server actions, route handlers, chat tools,
// MCP, REST, the approvals gate); the README shows it (policy-table.test.ts keeps the two in sync).

export const CONSOLE_ROLES = ["admin", "support", "viewer", "none"] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

/** Who acts, and with which console role now (a console session, a token's owner, a proposer). */
export interface Actor {
  userId: string;
  email: string | null;
  role: ConsoleRole;
}

export const PERMISSIONS = [
  "read",
  "revoke_access",
  "sign_in_links",
  "impersonate",
  "write",
  "approve",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** `approval`: the role may propose it; it runs only once an admin (never the proposer) approves it. */
export type Grant = "yes" | "approval" | "no";

type Row = { what: string; grants: Record<Exclude<ConsoleRole, "none">, Grant> };

export const POLICY: Record<Permission, Row> = {
  read: {
    what: "Pages and every read action (users, organizations, sessions, audit, ...)",
    grants: { admin: "yes", support: "yes", viewer: "yes" },
  },
  revoke_access: {
    what: "Revoke sessions and impersonation links (revokeSession, revokeAllSessions, revokeImpersonation)",
    grants: { admin: "yes", support: "yes", viewer: "no" },
  },
  sign_in_links: {
    what: "One-time sign-in links (createSignInToken)",
    grants: { admin: "yes", support: "yes", viewer: "no" },
  },
  impersonate: {
    what: "Sign in as a user (impersonateUser)",
    grants: { admin: "yes", support: "approval", viewer: "no" },
  },
  write: {
    what: "Every other write: metadata, profile, ban/lock, invitations, organizations, access lists, deletion, bulk jobs",
    grants: { admin: "yes", support: "no", viewer: "no" },
  },
  approve: {
    what: "Approve or deny proposals (inbox, bulk jobs)",
    grants: { admin: "yes", support: "no", viewer: "no" },
  },
};

/** Registry writes that need less than `write`. Every other write, including any added later, needs `write`. */
export const WRITE_PERMISSIONS: Readonly<Record<string, Permission>> = {
  revokeSession: "revoke_access",
  revokeAllSessions: "revoke_access",
  revokeImpersonation: "revoke_access",
  createSignInToken: "sign_in_links",
  impersonateUser: "impersonate",
};

/** The permission a registry action needs: reads `read`, writes their WRITE_PERMISSIONS entry or `write`. */
export function permissionFor(action: { name: string; kind: "read" | "write" }): Permission {
  if (action.kind === "read") return "read";
  return Object.hasOwn(WRITE_PERMISSIONS, action.name) ? WRITE_PERMISSIONS[action.name]! : "write";
}

export function grantOf(role: ConsoleRole, permission: Permission): Grant {
  return role === "none" ? "no" : POLICY[permission].grants[role];
}

/** May do it on their own say-so (their click, or their approval of their own chat card). */
export function can(role: ConsoleRole, permission: Permission): boolean {
  return grantOf(role, permission) === "yes";
}

/** May do it or propose it (a `approval` grant still needs an admin before anything runs). */
export function mayAsk(role: ConsoleRole, permission: Permission): boolean {
  return grantOf(role, permission) !== "no";
}

/** Whether the role may ask for any write at all (viewers and role-less users may not). */
export function mayAskAnyWrite(role: ConsoleRole): boolean {
  return PERMISSIONS.some((p) => p !== "read" && mayAsk(role, p));
}

/** What a user's page lets this role do (buttons enabled; the server checks again). */
export type UserPageAccess = ReturnType<typeof userPageAccess>;

export function userPageAccess(role: ConsoleRole) {
  return {
    write: can(role, "write"),
    revoke: can(role, "revoke_access"),
    signInLinks: can(role, "sign_in_links"),
    impersonate: grantOf(role, "impersonate"),
  };
}

const ROLE_VALUES: ReadonlySet<string> = new Set(CONSOLE_ROLES.filter((r) => r !== "none"));

/** Reads `role` out of a user's public metadata; anything but "admin" / "support" / "viewer" means no console access. */
export function roleFromMetadata(metadata: unknown): ConsoleRole {
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) return "none";
  const role = (metadata as Record<string, unknown>).role;
  return typeof role === "string" && ROLE_VALUES.has(role) ? (role as ConsoleRole) : "none";
}

/** Parses CONSOLE_ADMIN_EMAILS ("a@x.com, B@y.com") into a normalised set. */
export function parseAdminEmails(raw: string | undefined): ReadonlySet<string> {
  if (!raw) return new Set();
  return new Set(
    raw
      .split(",")
      .map((email) => email.trim().toLowerCase())
      .filter((email) => email.length > 0),
  );
}

export function isBootstrapAdmin(
  email: string | null | undefined,
  adminEmails: ReadonlySet<string>,
): boolean {
  return !!email && adminEmails.has(email.trim().toLowerCase());
}

/** The bootstrap allow-list can only raise a role to admin, never lower one. */
export function effectiveRole(
  metadataRole: ConsoleRole,
  email: string | null | undefined,
  adminEmails: ReadonlySet<string>,
): ConsoleRole {
  return isBootstrapAdmin(email, adminEmails) ? "admin" : metadataRole;
}

export type AccessDecision =
  | { allowed: true }
  | { allowed: false; reason: "unauthenticated" | "forbidden"; message: string };

/**
 * One decision function shared by pages, server actions, route handlers, tools and MCP: the caller may
 * reach the surface when the role may at least propose (an `approval` grant is then enforced where the
 * write would run: lib/console/audited-write and the approvals gate).
 */
export function decideAccess(
  subject: { userId: string; role: ConsoleRole } | null,
  permission: Permission,
): AccessDecision {
  if (!subject) return { allowed: false, reason: "unauthenticated", message: "Sign in to use the console." };
  if (mayAsk(subject.role, permission)) return { allowed: true };
  return { allowed: false, reason: "forbidden", message: refusalMessage(subject.role, permission) };
}

export function refusalMessage(role: ConsoleRole, permission: Permission): string {
  if (role === "none")
    return 'Your account has no console role. Ask an admin to set public_metadata.role to "admin", "support" or "viewer".';
  if (role === "viewer") return "Viewers have read-only access; this change needs the admin role.";
  if (grantOf(role, permission) === "approval")
    return `The ${role} role may only propose this; an admin has to approve it.`;
  return `The ${role} role may not do this (${POLICY[permission].what}); it needs the admin role.`;
}

/** The policy as a Markdown table (the README's copy is checked against it). */
export function policyTableMarkdown(): string {
  const mark: Record<Grant, string> = { yes: "yes", approval: "propose; an admin approves", no: "no" };
  const lines = [
    "| permission | what | admin | support | viewer |",
    "| --- | --- | --- | --- | --- |",
    ...PERMISSIONS.map((p) => {
      const { what, grants } = POLICY[p];
      return `| \`${p}\` | ${what} | ${mark[grants.admin]} | ${mark[grants.support]} | ${mark[grants.viewer]} |`;
    }),
  ];
  return lines.join("\n");
}
