import { userJson } from "../state/serialize";
import type { ClientRecord, SessionActivityRecord, SessionRecord, UserRecord } from "../state/types";
import type { SignInRecord } from "./sign-in-store";

/** FAPI User JSON: the BAPI shape without what the browser must never see. */
export function fapiUserJson(user: UserRecord, organizationMemberships: unknown[] = []) {
  const { private_metadata: _private, ...rest } = userJson(user);
  return { ...rest, organization_memberships: organizationMemberships };
}

export function primaryEmail(user: UserRecord): string {
  const primary = user.emails.find((e) => e.id === user.primary_email_address_id) ?? user.emails[0];
  return primary?.email_address ?? "";
}

export function publicUserDataJson(user: UserRecord) {
  return {
    first_name: user.first_name,
    last_name: user.last_name,
    image_url: "",
    has_image: false,
    identifier: primaryEmail(user),
    user_id: user.id,
    username: user.username ?? undefined,
  };
}

export function fapiSessionJson(
  session: SessionRecord,
  user: UserRecord,
  lastActiveJwt: string | null,
  organizationMemberships: unknown[] = [],
) {
  return {
    object: "session" as const,
    id: session.id,
    status: session.status,
    expire_at: session.expire_at,
    abandon_at: session.abandon_at,
    last_active_at: session.last_active_at,
    last_active_organization_id: session.last_active_organization_id ?? null,
    actor: session.actor ?? null,
    tasks: null,
    factor_verification_age: [0, -1] as [number, number],
    last_active_token: lastActiveJwt ? { object: "token" as const, jwt: lastActiveJwt } : null,
    user: fapiUserJson(user, organizationMemberships),
    public_user_data: publicUserDataJson(user),
    created_at: session.created_at,
    updated_at: session.updated_at,
  };
}

/** The "Active devices" list of UserProfile; `user` is null by Clerk's contract. */
export function sessionWithActivitiesJson(
  session: SessionRecord,
  user: UserRecord,
  activity: SessionActivityRecord,
) {
  return {
    ...fapiSessionJson(session, user, null),
    user: null,
    latest_activity: {
      object: "session_activity" as const,
      id: `sess_activity_${session.id.slice(5)}`,
      ...activity,
    },
  };
}

function verificationJson(v: SignInRecord["first_factor_verification"]) {
  if (!v) return null;
  return {
    object: "verification" as const,
    status: v.status,
    strategy: v.strategy,
    attempts: v.attempts,
    expire_at: null,
    error: v.error ?? null,
  };
}

export function signInJson(signIn: SignInRecord, user: UserRecord | undefined) {
  // Local Clerk sends no email, so password is the only first factor it can offer.
  const factors = user?.password_hash ? [{ strategy: "password" as const }] : [];
  return {
    object: "sign_in" as const,
    id: signIn.id,
    status: signIn.status,
    identifier: signIn.identifier,
    supported_identifiers: ["email_address"],
    supported_first_factors: factors,
    supported_second_factors: null,
    first_factor_verification: verificationJson(signIn.first_factor_verification),
    second_factor_verification: null,
    user_data: user
      ? { first_name: user.first_name, last_name: user.last_name, image_url: "", has_image: false }
      : null,
    created_session_id: signIn.created_session_id,
    timezone: signIn.timezone,
    abandon_at: signIn.abandon_at,
  };
}

export interface ClientView {
  client: ClientRecord;
  sessions: Array<{ session: SessionRecord; user: UserRecord; jwt: string | null; memberships?: unknown[] }>;
  signIn: { record: SignInRecord; user: UserRecord | undefined } | null;
}

export function fapiClientJson(view: ClientView) {
  const { client } = view;
  return {
    object: "client" as const,
    id: client.id,
    sessions: view.sessions.map((s) => fapiSessionJson(s.session, s.user, s.jwt, s.memberships)),
    sign_in: view.signIn ? signInJson(view.signIn.record, view.signIn.user) : null,
    sign_up: null,
    last_active_session_id: client.last_active_session_id,
    last_authentication_strategy: null,
    // null: ClerkJS would otherwise do a full-page /v1/client/touch redirect near expiry.
    cookie_expires_at: null,
    captcha_bypass: false,
    created_at: client.created_at,
    updated_at: client.updated_at,
  };
}
