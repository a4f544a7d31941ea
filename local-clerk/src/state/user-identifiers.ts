import { clerkError } from "../http/errors";
import type { PhoneRecord, UserIdentifierFields, Web3WalletRecord } from "./identifier-types";
import { newId } from "./ids";
import type { UserRecord } from "./types";

/** E.164, which is how Clerk stores phone numbers. */
const PHONE_RE = /^\+[1-9]\d{6,14}$/;
const WALLET_RE = /^0x[0-9a-fA-F]{40}$/;

const formatInvalid = (param: string, what: string) =>
  clerkError(422, "form_param_format_invalid", "is invalid", `${param} must be ${what}.`, {
    param_name: param,
  });

export function assertPhone(param: string, phone: string): void {
  if (!PHONE_RE.test(phone)) throw formatInvalid(param, "a phone number in E.164 format, e.g. +15555550100");
}

export function phoneTaken() {
  return clerkError(
    422,
    "form_identifier_exists",
    "That phone number is taken. Please try another.",
    "That phone number is taken. Please try another.",
    { param_name: "phone_number" },
  );
}

export interface IdentifierInput {
  phoneNumbers?: string[];
  web3Wallets?: string[];
  totpSecret?: string | null;
  backupCodes?: string[];
}

export interface IdentifierLookup {
  phoneTaken(phone: string): boolean;
  walletTaken(wallet: string): boolean;
}

export function identifierLookup(
  users: Map<string, UserRecord>,
  byPhone: Map<string, string>,
): IdentifierLookup {
  return {
    phoneTaken: (p) => byPhone.has(p),
    walletTaken: (w) => {
      const lower = w.toLowerCase();
      for (const u of users.values()) {
        if (u.web3_wallets?.some((x) => x.web3_wallet.toLowerCase() === lower)) return true;
      }
      return false;
    },
  };
}

export function phoneRecord(phone: string, now: number, rand?: () => number): PhoneRecord {
  return {
    id: newId("idn", rand),
    phone_number: phone,
    verified: true,
    reserved_for_second_factor: false,
    default_second_factor: false,
    created_at: now,
    updated_at: now,
  };
}

/** Phone numbers, web3 wallets, TOTP and backup codes of POST /users, validated before anything is written. */
export function identifierFields(
  input: IdentifierInput,
  now: number,
  lookup: IdentifierLookup,
  rand?: () => number,
): UserIdentifierFields {
  const phones = input.phoneNumbers ?? [];
  const seen = new Set<string>();
  for (const p of phones) {
    assertPhone("phone_number", p);
    if (seen.has(p) || lookup.phoneTaken(p)) throw phoneTaken();
    seen.add(p);
  }
  const wallets = input.web3Wallets ?? [];
  for (const w of wallets) {
    if (!WALLET_RE.test(w)) throw formatInvalid("web3_wallet", "a 0x-prefixed 40-digit hex address");
    if (seen.has(w.toLowerCase()) || lookup.walletTaken(w)) {
      throw clerkError(
        422,
        "form_identifier_exists",
        "That web3 wallet is taken.",
        "That web3 wallet is taken.",
        {
          param_name: "web3_wallet",
        },
      );
    }
    seen.add(w.toLowerCase());
  }
  const codes = input.backupCodes ?? [];
  if (codes.some((c) => c.length < 4)) throw formatInvalid("backup_codes", "codes of at least 4 characters");
  const phoneRecords = phones.map((p) => phoneRecord(p, now, rand));
  const walletRecords: Web3WalletRecord[] = wallets.map((w) => ({
    id: newId("idn", rand),
    web3_wallet: w,
    created_at: now,
    updated_at: now,
  }));
  const mfa = !!input.totpSecret || codes.length > 0;
  return {
    ...(phoneRecords.length ? { phones: phoneRecords, primary_phone_number_id: phoneRecords[0]?.id } : {}),
    ...(walletRecords.length ? { web3_wallets: walletRecords } : {}),
    ...(input.totpSecret ? { totp_enabled: true } : {}),
    ...(codes.length ? { backup_codes: codes } : {}),
    ...(mfa ? { mfa_enabled_at: now } : {}),
  };
}
