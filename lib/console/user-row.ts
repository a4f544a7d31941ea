import { METADATA_COLUMNS } from "./users-view";

/** The structural subset of @clerk/backend's `User` the console reads. */
export type UserLike = {
  id: string;
  firstName: string | null;
  lastName: string | null;
  username?: string | null;
  primaryEmailAddressId: string | null;
  emailAddresses: ReadonlyArray<{
    id: string;
    emailAddress: string;
    verification?: { status?: string } | null;
  }>;
  createdAt: number;
  updatedAt: number;
  lastSignInAt: number | null;
  lastActiveAt?: number | null;
  banned: boolean;
  locked: boolean;
  publicMetadata: Record<string, unknown> | null;
  privateMetadata?: Record<string, unknown> | null;
  unsafeMetadata?: Record<string, unknown> | null;
};

/** Plain, serializable row for the users table (crosses the server/client boundary). */
export type UserRow = {
  id: string;
  initials: string;
  name: string;
  email: string | null;
  createdAt: number;
  lastSignInAt: number | null;
  banned: boolean;
  locked: boolean;
  metadata: Record<string, string>;
};

export function primaryEmail(
  user: Pick<UserLike, "primaryEmailAddressId" | "emailAddresses">,
): string | null {
  const primary = user.emailAddresses.find((e) => e.id === user.primaryEmailAddressId);
  return (primary ?? user.emailAddresses[0])?.emailAddress ?? null;
}

export function displayName(user: Pick<UserLike, "firstName" | "lastName" | "username">): string {
  const full = [user.firstName, user.lastName].filter((s) => s?.trim()).join(" ");
  return full || user.username || "";
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

export function toUserRow(user: UserLike, keys: readonly string[] = METADATA_COLUMNS): UserRow {
  const name = displayName(user);
  const email = primaryEmail(user);
  const metadata: Record<string, string> = {};
  for (const key of keys) metadata[key] = metadataCell(user.publicMetadata?.[key]);
  return {
    id: user.id,
    initials: initials(name, email),
    name,
    email,
    createdAt: user.createdAt,
    lastSignInAt: user.lastSignInAt,
    banned: user.banned,
    locked: user.locked,
    metadata,
  };
}

export type UserDetail = {
  id: string;
  name: string;
  initials: string;
  username: string | null;
  emails: { id: string; address: string; primary: boolean; verified: boolean }[];
  createdAt: number;
  updatedAt: number;
  lastSignInAt: number | null;
  lastActiveAt: number | null;
  banned: boolean;
  locked: boolean;
  metadata: {
    public: Record<string, unknown>;
    private: Record<string, unknown>;
    unsafe: Record<string, unknown>;
  };
};

export function toUserDetail(user: UserLike): UserDetail {
  const name = displayName(user);
  const email = primaryEmail(user);
  return {
    id: user.id,
    name,
    initials: initials(name, email),
    username: user.username ?? null,
    emails: user.emailAddresses.map((e) => ({
      id: e.id,
      address: e.emailAddress,
      primary: e.id === user.primaryEmailAddressId,
      verified: e.verification?.status === "verified",
    })),
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    lastSignInAt: user.lastSignInAt,
    lastActiveAt: user.lastActiveAt ?? null,
    banned: user.banned,
    locked: user.locked,
    metadata: {
      public: { ...(user.publicMetadata ?? {}) },
      private: { ...(user.privateMetadata ?? {}) },
      unsafe: { ...(user.unsafeMetadata ?? {}) },
    },
  };
}
