import {
  emailAddressJson,
  externalAccountJson,
  passkeyJson,
  phoneNumberJson,
  web3WalletJson,
} from "./serialize-identifiers";
import type { ClientRecord, InvitationRecord, SessionRecord, UserRecord } from "./types";

export { emailAddressJson } from "./serialize-identifiers";

/** TOTP, or a phone number reserved as a second factor, turns two-factor on (backup codes alone do not). */
export function twoFactor(u: UserRecord): boolean {
  return !!u.totp_enabled || (u.phones ?? []).some((p) => p.reserved_for_second_factor);
}

/** BAPI User JSON (spec `User`); FAPI can reuse it and drop private_metadata. */
export function userJson(u: UserRecord) {
  return {
    id: u.id,
    object: "user" as const,
    external_id: u.external_id,
    primary_email_address_id: u.primary_email_address_id,
    primary_phone_number_id: u.primary_phone_number_id ?? null,
    primary_web3_wallet_id: u.web3_wallets?.[0]?.id ?? null,
    username: u.username,
    first_name: u.first_name,
    last_name: u.last_name,
    locale: null,
    image_url: u.image?.url ?? "",
    has_image: !!u.image,
    public_metadata: u.public_metadata,
    private_metadata: u.private_metadata,
    unsafe_metadata: u.unsafe_metadata,
    email_addresses: u.emails.map(emailAddressJson),
    phone_numbers: (u.phones ?? []).map(phoneNumberJson),
    web3_wallets: (u.web3_wallets ?? []).map(web3WalletJson),
    passkeys: (u.passkeys ?? []).map(passkeyJson),
    password_enabled: u.password_hash !== null,
    two_factor_enabled: twoFactor(u),
    totp_enabled: !!u.totp_enabled,
    backup_code_enabled: (u.backup_codes?.length ?? 0) > 0,
    mfa_enabled_at: u.mfa_enabled_at ?? null,
    mfa_disabled_at: u.mfa_disabled_at ?? null,
    password_last_updated_at: u.password_last_updated_at,
    external_accounts: (u.external_accounts ?? []).map(externalAccountJson),
    saml_accounts: [],
    enterprise_accounts: [],
    organization_memberships: [],
    last_sign_in_at: u.last_sign_in_at,
    banned: u.banned,
    locked: u.locked,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: null,
    updated_at: u.updated_at,
    created_at: u.created_at,
    delete_self_enabled: true,
    create_organization_enabled: true,
    create_organizations_limit: null,
    last_active_at: u.last_active_at,
    legal_accepted_at: null,
    bypass_client_trust: false,
  };
}

export function invitationJson(i: InvitationRecord, baseUrl: string) {
  return {
    object: "invitation" as const,
    id: i.id,
    email_address: i.email_address,
    public_metadata: i.public_metadata,
    revoked: i.status === "revoked",
    status: i.status,
    url: `${baseUrl}/v1/tickets/accept?ticket=${encodeURIComponent(i.id)}${
      i.redirect_url ? `&redirect_url=${encodeURIComponent(i.redirect_url)}` : ""
    }`,
    expires_at: i.expires_at,
    created_at: i.created_at,
    updated_at: i.updated_at,
  };
}

export function sessionJson(s: SessionRecord) {
  return {
    object: "session" as const,
    id: s.id,
    user_id: s.user_id,
    client_id: s.client_id,
    actor: s.actor ?? null,
    status: s.status,
    last_active_organization_id: s.last_active_organization_id ?? null,
    last_active_at: s.last_active_at,
    latest_activity: s.activity
      ? { object: "session_activity" as const, id: `sess_activity_${s.id.slice(5)}`, ...s.activity }
      : null,
    expire_at: s.expire_at,
    abandon_at: s.abandon_at,
    updated_at: s.updated_at,
    created_at: s.created_at,
    tasks: null,
  };
}

export function clientJson(c: ClientRecord, sessions: SessionRecord[]) {
  return {
    object: "client" as const,
    id: c.id,
    session_ids: c.session_ids,
    sessions: sessions.map(sessionJson),
    sign_in_id: c.sign_in_id,
    sign_up_id: c.sign_up_id,
    last_active_session_id: c.last_active_session_id,
    last_authentication_strategy: null,
    updated_at: c.updated_at,
    created_at: c.created_at,
  };
}

export function deletedJson(object: string, id: string) {
  return { object, id, deleted: true };
}
