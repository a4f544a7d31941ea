import type {
  ExternalAccountRecord,
  OtpVerification,
  PasskeyRecord,
  PhoneRecord,
  Web3WalletRecord,
} from "./identifier-types";
import type { EmailRecord } from "./types";

const ADMIN_VERIFICATION = {
  object: "verification_admin",
  status: "verified",
  strategy: "admin",
  attempts: null,
  expire_at: null,
} as const;

/** A pending or finished OTP verification wins; else verified-by-admin, else none. */
export function verificationJson(verified: boolean, otp: OtpVerification | null | undefined) {
  if (otp) {
    const { id: _id, ...rest } = otp;
    return { object: "verification_otp" as const, ...rest };
  }
  return verified ? ADMIN_VERIFICATION : null;
}

export function emailAddressJson(e: EmailRecord) {
  return {
    id: e.id,
    object: "email_address" as const,
    email_address: e.email_address,
    reserved: !!e.reserved,
    verification: verificationJson(e.verified, e.verification),
    linked_to: [],
    matches_sso_connection: false,
    created_at: e.created_at,
    updated_at: e.updated_at,
  };
}

export function phoneNumberJson(p: PhoneRecord) {
  return {
    id: p.id,
    object: "phone_number" as const,
    phone_number: p.phone_number,
    reserved_for_second_factor: p.reserved_for_second_factor,
    default_second_factor: p.default_second_factor,
    reserved: !!p.reserved,
    verification: verificationJson(p.verified, p.verification),
    linked_to: [],
    backup_codes: null,
    created_at: p.created_at,
    updated_at: p.updated_at,
  };
}

export function web3WalletJson(w: Web3WalletRecord) {
  return {
    id: w.id,
    object: "web3_wallet" as const,
    web3_wallet: w.web3_wallet,
    verification: ADMIN_VERIFICATION,
    created_at: w.created_at,
    updated_at: w.updated_at,
  };
}

export function externalAccountJson(a: ExternalAccountRecord) {
  return {
    object: "external_account" as const,
    id: a.id,
    provider: a.provider,
    identification_id: `idn_${a.id.slice(4)}`,
    provider_user_id: a.provider_user_id,
    approved_scopes: "email profile",
    email_address: a.email_address,
    email_address_verified: true,
    first_name: a.first_name,
    last_name: a.last_name,
    image_url: null,
    username: null,
    phone_number: null,
    public_metadata: {},
    label: null,
    created_at: a.created_at,
    updated_at: a.updated_at,
    verification: {
      object: "verification_oauth",
      status: "verified",
      strategy: a.provider,
      attempts: null,
      expire_at: a.created_at,
    },
  };
}

export function passkeyJson(p: PasskeyRecord) {
  return {
    id: p.id,
    object: "passkey" as const,
    name: p.name,
    last_used_at: p.last_used_at,
    verification: {
      object: "verification_passkey",
      status: "verified",
      strategy: "passkey",
      attempts: null,
      expire_at: null,
    },
  };
}
