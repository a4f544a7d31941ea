import type { UserRecord } from "./types";

/**
 * Email address and phone number -> user id, kept current on every write; identification id ->
 * user id is built on the first lookup (only the email/phone endpoints need it) and then kept current.
 */
export class IdentifierIndex {
  readonly byEmail = new Map<string, string>();
  readonly byPhone = new Map<string, string>();
  readonly byUsername = new Map<string, string>();
  readonly byWallet = new Map<string, string>();
  /** External ids and `provider\0provider_user_id` need not be unique. */
  readonly byExternalId = new Map<string, Set<string>>();
  readonly byProviderUid = new Map<string, Set<string>>();
  /** Banned users are few (Clerk's ban is rare), so `banned=true` is a lookup and `banned=false` a subtraction. */
  readonly banned = new Set<string>();
  private byId: Map<string, string> | undefined;

  constructor(private readonly all: () => Iterable<UserRecord>) {}

  userIdOf(identificationId: string): string | undefined {
    if (!this.byId) {
      this.byId = new Map();
      for (const u of this.all()) this.addIds(u);
    }
    return this.byId.get(identificationId);
  }

  add(u: UserRecord): void {
    for (const e of u.emails) this.byEmail.set(e.email_address.toLowerCase(), u.id);
    for (const p of u.phones ?? []) this.byPhone.set(p.phone_number, u.id);
    if (u.username) this.byUsername.set(u.username.toLowerCase(), u.id);
    if (u.banned) this.banned.add(u.id);
    for (const w of u.web3_wallets ?? []) this.byWallet.set(w.web3_wallet.toLowerCase(), u.id);
    if (u.external_id) addTo(this.byExternalId, u.external_id, u.id);
    for (const a of u.external_accounts ?? [])
      addTo(this.byProviderUid, providerKey(a.provider, a.provider_user_id), u.id);
    if (this.byId) this.addIds(u);
  }

  remove(u: UserRecord): void {
    for (const e of u.emails) {
      this.byEmail.delete(e.email_address.toLowerCase());
      this.byId?.delete(e.id);
    }
    for (const p of u.phones ?? []) {
      this.byPhone.delete(p.phone_number);
      this.byId?.delete(p.id);
    }
    if (u.username) this.byUsername.delete(u.username.toLowerCase());
    this.banned.delete(u.id);
    for (const w of u.web3_wallets ?? []) this.byWallet.delete(w.web3_wallet.toLowerCase());
    if (u.external_id) removeFrom(this.byExternalId, u.external_id, u.id);
    for (const a of u.external_accounts ?? [])
      removeFrom(this.byProviderUid, providerKey(a.provider, a.provider_user_id), u.id);
  }

  private addIds(u: UserRecord): void {
    const ids = this.byId as Map<string, string>;
    for (const e of u.emails) ids.set(e.id, u.id);
    for (const p of u.phones ?? []) ids.set(p.id, u.id);
  }
}

export const providerKey = (provider: string, providerUserId: string) => `${provider}\u0000${providerUserId}`;

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  if (set) set.add(id);
  else map.set(key, new Set([id]));
}

function removeFrom(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  set?.delete(id);
  if (set?.size === 0) map.delete(key);
}
