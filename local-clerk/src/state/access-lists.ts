import { clerkError } from "../http/errors";
import { newId } from "./ids";
import type { Clock } from "./types";

export type AccessListKind = "allowlist" | "blocklist";
export type IdentifierType = "email_address" | "phone_number" | "web3_wallet";

export interface AccessIdentifierRecord {
  id: string;
  list: AccessListKind;
  /** As given, lower-cased: an email, an email domain (`example.com` or `*@example.com`), a phone or a wallet. */
  identifier: string;
  identifier_type: IdentifierType;
  /** Allow-list entries added with `notify: true` invite the address. */
  invitation_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface InstanceRestrictions {
  allowlist: boolean;
  blocklist: boolean;
  allowlist_blocklist_disabled_on_sign_in: boolean;
  block_email_subaddresses: boolean;
  block_disposable_email_domains: boolean;
}

export const RESTRICTION_KEYS = [
  "allowlist",
  "blocklist",
  "allowlist_blocklist_disabled_on_sign_in",
  "block_email_subaddresses",
  "block_disposable_email_domains",
] as const satisfies readonly (keyof InstanceRestrictions)[];

/** Clerk's defaults: both lists exist but are off until the dashboard (or PATCH /instance/restrictions) turns them on. */
export const DEFAULT_RESTRICTIONS: InstanceRestrictions = {
  allowlist: false,
  blocklist: false,
  allowlist_blocklist_disabled_on_sign_in: false,
  block_email_subaddresses: false,
  block_disposable_email_domains: false,
};

export interface AccessSnapshot {
  access_identifiers?: AccessIdentifierRecord[];
  instance_restrictions?: InstanceRestrictions[];
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOMAIN_RE = /^(\*@)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;
const PHONE_RE = /^\+[1-9]\d{6,14}$/;
const WALLET_RE = /^0x[0-9a-f]{40}$/;

/** Normalizes and types an identifier, or refuses it the way Clerk refuses a malformed one. */
export function parseIdentifier(raw: string): { identifier: string; type: IdentifierType } {
  const identifier = raw.trim().toLowerCase();
  if (EMAIL_RE.test(identifier) && !identifier.startsWith("*@")) return { identifier, type: "email_address" };
  if (DOMAIN_RE.test(identifier)) return { identifier, type: "email_address" };
  if (PHONE_RE.test(identifier)) return { identifier, type: "phone_number" };
  if (WALLET_RE.test(identifier)) return { identifier, type: "web3_wallet" };
  throw clerkError(
    422,
    "form_param_format_invalid",
    "is invalid",
    "identifier must be an email address, an email domain, a phone number in E.164 format or a web3 wallet address.",
    { param_name: "identifier" },
  );
}

/** `jane+news@acme.com` -> `jane@acme.com`: a listed address covers its subaddresses, as in Clerk. */
function withoutSubaddress(email: string): string {
  const at = email.lastIndexOf("@");
  return email.slice(0, at).split("+")[0] + email.slice(at);
}

export function notAllowedAccess(identifier: string) {
  return clerkError(
    403,
    "not_allowed_access",
    "Access not allowed.",
    `${identifier} is not allowed to access this application.`,
    { identifiers: [identifier] },
  );
}

/**
 * The instance's allow-list and block-list and its restriction settings. With the allow-list on, only
 * listed identifiers may sign up (and sign in, unless `allowlist_blocklist_disabled_on_sign_in`); it
 * takes precedence over the block-list, whose identifiers may neither sign up, accept an invitation
 * nor sign in.
 */
export class AccessListStore {
  private readonly items = new Map<string, AccessIdentifierRecord>();
  private settings: InstanceRestrictions = { ...DEFAULT_RESTRICTIONS };

  constructor(
    private readonly clock: Clock,
    private readonly touch: () => void,
  ) {}

  get restrictions(): InstanceRestrictions {
    return { ...this.settings };
  }

  snapshot(): Required<AccessSnapshot> {
    return { access_identifiers: [...this.items.values()], instance_restrictions: [this.restrictions] };
  }

  restore(s: AccessSnapshot): void {
    for (const r of s.access_identifiers ?? []) this.items.set(r.id, r);
    const restrictions = s.instance_restrictions?.[0];
    if (restrictions) this.settings = { ...DEFAULT_RESTRICTIONS, ...restrictions };
  }

  /** Refuses a duplicate or malformed identifier without writing. */
  validate(list: AccessListKind, raw: string): { identifier: string; type: IdentifierType } {
    const parsed = parseIdentifier(raw);
    for (const r of this.items.values()) {
      if (r.list === list && r.identifier === parsed.identifier) {
        throw clerkError(
          400,
          "duplicate_record",
          `duplicate ${list} identifier`,
          `the identifier ${parsed.identifier} already exists`,
          { param_name: "identifier" },
        );
      }
    }
    return parsed;
  }

  add(
    list: AccessListKind,
    raw: string,
    opts: { invitationId?: string | null; rand?: () => number; at?: number } = {},
  ): AccessIdentifierRecord {
    const { identifier, type } = this.validate(list, raw);
    const now = opts.at ?? this.clock.now();
    const record: AccessIdentifierRecord = {
      id: newId(list === "allowlist" ? "alid" : "blid", opts.rand),
      list,
      identifier,
      identifier_type: type,
      invitation_id: opts.invitationId ?? null,
      created_at: now,
      updated_at: now,
    };
    this.items.set(record.id, record);
    this.touch();
    return record;
  }

  remove(list: AccessListKind, id: string): AccessIdentifierRecord {
    const record = this.items.get(id);
    if (!record || record.list !== list) {
      throw clerkError(
        404,
        "resource_not_found",
        "Identifier not found",
        `No identifier was found with id ${id}`,
      );
    }
    this.items.delete(id);
    this.touch();
    return record;
  }

  /** Newest first, like Clerk's lists. */
  list(list: AccessListKind): AccessIdentifierRecord[] {
    return [...this.items.values()]
      .filter((r) => r.list === list)
      .sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? 1 : -1));
  }

  updateRestrictions(patch: Partial<InstanceRestrictions>): InstanceRestrictions {
    this.settings = { ...this.settings, ...patch };
    this.touch();
    return this.restrictions;
  }

  /** Whether `identifier` is on `list` (an email also by its domain and without its subaddress). */
  listed(list: AccessListKind, identifier: string): boolean {
    const value = identifier.trim().toLowerCase();
    const candidates = new Set([value]);
    if (value.includes("@")) {
      const domain = value.slice(value.lastIndexOf("@") + 1);
      candidates.add(withoutSubaddress(value));
      candidates.add(domain);
      candidates.add(`*@${domain}`);
    }
    for (const r of this.items.values()) if (r.list === list && candidates.has(r.identifier)) return true;
    return false;
  }

  /** Throws Clerk's 403 `not_allowed_access` when the restrictions refuse `identifier` at this step. */
  assertAllowed(identifier: string, step: "sign_up" | "sign_in"): void {
    const s = this.settings;
    if (step === "sign_in" && s.allowlist_blocklist_disabled_on_sign_in) return;
    if (step === "sign_up" && s.block_email_subaddresses && /[+=#][^@]*@/.test(identifier)) {
      throw clerkError(
        403,
        "not_allowed_access",
        "Email subaddress not allowed.",
        "Email address must not contain the characters '+', '=', or '#'.",
        { name: "email_address" },
      );
    }
    if (s.allowlist) {
      if (this.listed("allowlist", identifier)) return;
      throw notAllowedAccess(identifier);
    }
    if (s.blocklist && this.listed("blocklist", identifier)) throw notAllowedAccess(identifier);
  }
}
