import type { CreditLedgerEntry } from "./organization-types";

/** An identification's pending OTP verification (prepare_verification → attempt_verification). */
export interface OtpVerification {
  /** `ver_…`: attempt_verification names it. */
  id: string;
  strategy: "email_code" | "phone_code";
  status: "unverified" | "verified" | "failed" | "expired";
  attempts: number;
  expire_at: number;
}

export interface PhoneRecord {
  id: string;
  phone_number: string;
  verified: boolean;
  reserved_for_second_factor: boolean;
  default_second_factor: boolean;
  /** PUT /users/{id}/phone_number with `identification_status: reserved`. */
  reserved?: boolean;
  verification?: OtpVerification | null;
  created_at: number;
  updated_at: number;
}

export interface Web3WalletRecord {
  id: string;
  web3_wallet: string;
  created_at: number;
  updated_at: number;
}

export interface ExternalAccountRecord {
  id: string;
  /** e.g. `oauth_google`. */
  provider: string;
  provider_user_id: string;
  email_address: string;
  first_name: string;
  last_name: string;
  created_at: number;
  updated_at: number;
}

export interface PasskeyRecord {
  id: string;
  name: string;
  last_used_at: number;
  created_at: number;
}

export interface ImageRecord {
  content_type: string;
  data_base64: string;
  /** Absolute URL Local Clerk serves it at, fixed when uploaded. */
  url: string;
}

/** Second factors and identifiers beyond email; optional so older snapshots still load. */
export interface UserIdentifierFields {
  phones?: PhoneRecord[];
  primary_phone_number_id?: string | null;
  web3_wallets?: Web3WalletRecord[];
  external_accounts?: ExternalAccountRecord[];
  passkeys?: PasskeyRecord[];
  image?: ImageRecord | null;
  totp_enabled?: boolean;
  /** Unused backup codes; verify_totp consumes one. */
  backup_codes?: string[];
  mfa_enabled_at?: number | null;
  mfa_disabled_at?: number | null;
  password_compromised?: boolean;
  /** Billing credit adjustments (`POST /users/{id}/billing/credits`). */
  credit_ledger?: CreditLedgerEntry[];
}

/** Local Clerk sends no email or SMS: every OTP (email/phone verification, TOTP) is this code. */
export const LOCAL_VERIFICATION_CODE = "424242";
