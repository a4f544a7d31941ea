import type { UserSummary } from "@/lib/clerk/projections";
import { METADATA_COLUMNS } from "./users-view";

/** The compact user every lib/clerk action returns; its private and unsafe metadata may be left out. */
export type UserLike = Omit<UserSummary, "private_metadata" | "unsafe_metadata"> &
  Partial<Pick<UserSummary, "private_metadata" | "unsafe_metadata">>;

/** Plain, serializable row for the users table (crosses the server/client boundary). */
export type UserRow = ReturnType<typeof toUserRow>;

export function primaryEmail(user: Pick<UserLike, "primary_email" | "email_addresses">): string | null {
  return user.primary_email ?? user.email_addresses[0] ?? null;
}

export function displayName(user: Pick<UserLike, "first_name" | "last_name">): string {
  return [user.first_name, user.last_name].filter((s) => s?.trim()).join(" ");
}

export function initials(name: string, email: string | null): string {
  const words = name.split(/\s+/).filter(Boolean);
  const fromName = words.length > 1 ? `${words[0]![0]}${words.at(-1)![0]}` : (words[0]?.slice(0, 2) ?? "");
  const source = fromName || (email ?? "").replace(/[^a-z0-9]/gi, "").slice(0, 2);
  return source.toUpperCase() || "?";
}

/** Renders a metadata value for a table cell or CSV field: strings as-is, everything else as JSON. */
export function metadataCell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

export function toUserRow(user: UserLike, keys: readonly string[] = METADATA_COLUMNS) {
  const name = displayName(user);
  const email = primaryEmail(user);
  const metadata: Record<string, string> = {};
  for (const key of keys) metadata[key] = metadataCell(user.public_metadata?.[key]);
  return {
    id: user.id,
    initials: initials(name, email),
    name,
    email,
    createdAt: user.created_at,
    lastSignInAt: user.last_sign_in_at,
    banned: user.banned,
    locked: user.locked,
    metadata,
  };
}

export type UserDetail = ReturnType<typeof toUserDetail>;

export function toUserDetail(user: UserLike) {
  const name = displayName(user);
  const email = primaryEmail(user);
  return {
    id: user.id,
    name,
    initials: initials(name, email),
    emails: user.email_addresses.map((address) => ({ address, primary: address === email })),
    createdAt: user.created_at,
    updatedAt: user.updated_at,
    lastSignInAt: user.last_sign_in_at,
    lastActiveAt: user.last_active_at,
    banned: user.banned,
    locked: user.locked,
    metadata: {
      public: { ...(user.public_metadata ?? {}) },
      private: { ...(user.private_metadata ?? {}) },
      unsafe: { ...(user.unsafe_metadata ?? {}) },
    },
  };
}
