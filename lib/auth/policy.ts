// Pure authorization policy: which console role may do what. No I/O here, so it is unit-tested exhaustively.

export const CONSOLE_ROLES = ["admin", "viewer", "none"] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

/** Who acts, and with which console role now (a console session, a token's owner, a proposer). */
export interface Actor {
  userId: string;
  email: string | null;
  role: ConsoleRole;
}

export const PERMISSIONS = ["read", "write"] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<ConsoleRole, readonly Permission[]> = {
  admin: ["read", "write"],
  viewer: ["read"],
  none: [],
};

export function can(role: ConsoleRole, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** Reads `role` out of a user's public metadata; anything but "admin" / "viewer" means no console access. */
export function roleFromMetadata(metadata: unknown): ConsoleRole {
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) return "none";
  const role = (metadata as Record<string, unknown>).role;
  return role === "admin" || role === "viewer" ? role : "none";
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

/** One decision function shared by pages, server actions, route handlers, tools and MCP. */
export function decideAccess(
  subject: { userId: string; role: ConsoleRole } | null,
  permission: Permission,
): AccessDecision {
  if (!subject) return { allowed: false, reason: "unauthenticated", message: "Sign in to use the console." };
  if (can(subject.role, permission)) return { allowed: true };
  const message =
    subject.role === "none"
      ? 'Your account has no console role. Ask an admin to set public_metadata.role to "admin" or "viewer".'
      : "Viewers have read-only access; this change needs the admin role.";
  return { allowed: false, reason: "forbidden", message };
}
