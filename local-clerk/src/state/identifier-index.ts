import type { UserRecord } from "./types";

/**
 * Email address and phone number -> user id, kept current on every write; identification id ->
 * user id is built on the first lookup (only the email/phone endpoints need it) and then kept current.
 */
export class IdentifierIndex {
  readonly byEmail = new Map<string, string>();
  readonly byPhone = new Map<string, string>();
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
  }

  private addIds(u: UserRecord): void {
    const ids = this.byId as Map<string, string>;
    for (const e of u.emails) ids.set(e.id, u.id);
    for (const p of u.phones ?? []) ids.set(p.id, u.id);
  }
}
