import type { Invitation, Session, User } from "@clerk/backend";

// The compact shapes every adapter returns (console, agent tools, MCP, REST), as the builders below make them.
export type UserSummary = ReturnType<typeof toUserSummary>;
export type InvitationSummary = ReturnType<typeof toInvitationSummary>;
export type SessionSummary = ReturnType<typeof toSessionSummary>;

/** The primary email address, else the first one (a user may have none). */
export function primaryEmail(user: User): string | null {
  const primary =
    user.emailAddresses.find((e) => e.id === user.primaryEmailAddressId) ?? user.emailAddresses[0];
  return primary?.emailAddress ?? null;
}

export function toUserSummary(user: User) {
  return {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    primary_email: primaryEmail(user),
    email_addresses: user.emailAddresses.map((e) => e.emailAddress),
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    last_sign_in_at: user.lastSignInAt,
    last_active_at: user.lastActiveAt,
    banned: user.banned,
    locked: user.locked,
    ...userMetadata(user),
  };
}

/** A user's three metadata objects, copied. */
export function userMetadata(user: User) {
  return {
    public_metadata: { ...user.publicMetadata },
    /** Shown to admins; the agent layer redacts it before the model sees it. */
    private_metadata: { ...user.privateMetadata },
    unsafe_metadata: { ...user.unsafeMetadata },
  };
}

export function toUserStatus(user: User) {
  return { id: user.id, banned: user.banned, locked: user.locked, updated_at: user.updatedAt };
}

/** A field of the raw BAPI JSON that the SDK's class drops, when it has the expected type. */
export function rawField<T>(raw: unknown, key: string, guard: (v: unknown) => v is T): T | null {
  if (typeof raw !== "object" || raw === null) return null;
  const value = (raw as Record<string, unknown>)[key];
  return guard(value) ? value : null;
}
export const isNumber = (v: unknown): v is number => typeof v === "number";

export function toInvitationSummary(inv: Invitation) {
  return {
    id: inv.id,
    email_address: inv.emailAddress,
    status: inv.status,
    public_metadata: { ...(inv.publicMetadata ?? {}) },
    // The SDK's Invitation class drops expires_at; BAPI sends it.
    expires_at: rawField(inv.raw, "expires_at", isNumber),
    created_at: inv.createdAt,
    updated_at: inv.updatedAt,
  };
}

export function toSessionSummary(s: Session) {
  const a = s.latestActivity;
  return {
    id: s.id,
    user_id: s.userId,
    client_id: s.clientId,
    status: s.status,
    last_active_at: s.lastActiveAt,
    expire_at: s.expireAt,
    abandon_at: s.abandonAt,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    latest_activity: a
      ? {
          browser_name: a.browserName,
          device_type: a.deviceType,
          is_mobile: a.isMobile,
          city: a.city,
          country: a.country,
          ip_address: a.ipAddress,
        }
      : null,
  };
}
