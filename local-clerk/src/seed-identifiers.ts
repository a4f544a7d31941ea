import { SEEDED_ACCOUNTS } from "./app-env";
import { seededRandom } from "./faults";
import { ACME_FREE_USERS, DOMAINS, INJECTION_USERS } from "./seed-data";
import type { ExternalAccountRecord, PhoneRecord } from "./state/identifier-types";
import { newId } from "./state/ids";
import type { State } from "./state/store";
import type { EmailRecord, UserRecord } from "./state/types";
import { phoneRecord } from "./state/user-identifiers";

const DAY_MS = 24 * 60 * 60 * 1000;
const DEVICES = ["MacBook Pro", "iPhone", "Pixel 9", "YubiKey 5C", "Windows Hello"];
const ALT_DOMAINS = ["personal.example", "home.example.net", "alumni.example.edu"];

export interface IdentifierSeedResult {
  phones: number;
  extraEmails: number;
  externalAccounts: number;
  waitlistEntries: number;
  jwtTemplates: number;
}

const hex = (rand: () => number, n: number) =>
  Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join("");
const digits = (rand: () => number, n: number) =>
  Array.from({ length: n }, (_, i) => Math.floor(rand() * (i === 0 ? 9 : 10)) + (i === 0 ? 1 : 0)).join("");

/**
 * Second emails, phone numbers (some reserved for MFA), web3 wallets, Google/GitHub accounts,
 * passkeys and TOTP with backup codes on the generated users (never on the fixed accounts), then
 * waitlist entries and one JWT template. Its own random stream, so the user seed stays as it was.
 */
export function seedIdentifiers(state: State, opts: { seed: number; anchor: number }): IdentifierSeedResult {
  const rand = seededRandom((opts.seed ^ 0x1de27) >>> 0);
  const fixed = new Set(
    [...SEEDED_ACCOUNTS, ...ACME_FREE_USERS, ...INJECTION_USERS].map((a) => a.email.toLowerCase()),
  );
  const result: IdentifierSeedResult = {
    phones: 0,
    extraEmails: 0,
    externalAccounts: 0,
    waitlistEntries: 0,
    jwtTemplates: 0,
  };
  let n = 0;
  for (const u of [...state.users.all()]) {
    const primary = u.emails[0];
    if (!primary || fixed.has(primary.email_address.toLowerCase())) continue;
    n++;
    const at = u.created_at;
    const next: UserRecord = { ...u };
    let changed = false;
    if (rand() < 0.15) {
      const [local] = primary.email_address.split("@");
      const alt = `${local}@${ALT_DOMAINS[Math.floor(rand() * ALT_DOMAINS.length)]}`;
      if (!state.users.findByEmail(alt)) {
        const email: EmailRecord = {
          id: newId("idn", rand),
          email_address: alt,
          verified: rand() < 0.8,
          created_at: at,
          updated_at: at,
        };
        changed = true;
        next.emails = [...u.emails, email];
        result.extraEmails++;
      }
    }
    if (rand() < 0.4) {
      const phones: PhoneRecord[] = [{ ...phoneRecord(`+1555${String(n).padStart(7, "0")}`, at, rand) }];
      if (rand() < 0.12) phones.push(phoneRecord(`+4420${String(n).padStart(8, "0")}`, at, rand));
      if (rand() < 0.2)
        phones[0] = {
          ...(phones[0] as PhoneRecord),
          reserved_for_second_factor: true,
          default_second_factor: true,
        };
      changed = true;
      next.phones = phones;
      next.primary_phone_number_id = phones[0]?.id ?? null;
      result.phones += phones.length;
    }
    if (rand() < 0.03) {
      changed = true;
      next.web3_wallets = [
        { id: newId("idn", rand), web3_wallet: `0x${hex(rand, 40)}`, created_at: at, updated_at: at },
      ];
    }
    const accounts: ExternalAccountRecord[] = [];
    const account = (provider: string, providerUserId: string) =>
      accounts.push({
        id: newId("eac", rand),
        provider,
        provider_user_id: providerUserId,
        email_address: primary.email_address,
        first_name: u.first_name ?? "",
        last_name: u.last_name ?? "",
        created_at: at,
        updated_at: at,
      });
    if (rand() < 0.2) account("oauth_google", digits(rand, 21));
    if (rand() < 0.05) account("oauth_github", digits(rand, 8));
    if (accounts.length > 0) {
      changed = true;
      next.external_accounts = accounts;
      result.externalAccounts += accounts.length;
    }
    if (rand() < 0.05) {
      const name = DEVICES[Math.floor(rand() * DEVICES.length)] as string;
      changed = true;
      next.passkeys = [
        { id: newId("idn", rand), name, last_used_at: u.last_active_at ?? at, created_at: at },
      ];
    }
    if (rand() < 0.08) {
      changed = true;
      next.totp_enabled = true;
      next.backup_codes = Array.from({ length: 10 }, () => hex(rand, 8));
      next.mfa_enabled_at = at;
    }
    if (changed) state.users.load(next);
  }

  const waitlist = state.admin.waitlist;
  const count = Math.min(500, Math.max(8, Math.floor(state.users.size / 200)));
  for (let i = 0; i < count; i++) {
    const domain = DOMAINS[Math.floor(rand() * DOMAINS.length)] as string;
    const at = opts.anchor - Math.floor(rand() * 60 * DAY_MS);
    const [entry] = waitlist.createMany([`waiting${i + 1}@${domain}`], { silent: true, at, rand });
    if (!entry) continue;
    result.waitlistEntries++;
    const r = rand();
    if (r < 0.15) {
      const inv = state.invitations.create(
        { emailAddress: entry.email_address, createdAt: at + DAY_MS },
        { silent: true, rand },
      );
      waitlist.load({ ...entry, status: "invited", invitation_id: inv.id, updated_at: at + DAY_MS });
    } else if (r < 0.25) {
      waitlist.load({ ...entry, status: "rejected", updated_at: at + DAY_MS });
    }
  }

  if (!state.admin.jwtTemplates.byName("supabase")) {
    state.admin.jwtTemplates.create(
      {
        name: "supabase",
        claims: {
          aud: "authenticated",
          role: "authenticated",
          email: "{{user.primary_email_address}}",
          app_metadata: { plan: "{{user.public_metadata.plan || 'free'}}" },
          user_metadata: "{{user.public_metadata}}",
        },
        lifetime: 3600,
      },
      { id: newId("jtmp", rand), at: opts.anchor - 30 * DAY_MS },
    );
    result.jwtTemplates++;
  }
  return result;
}
