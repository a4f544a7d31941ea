import type { UserRecord } from "./types";

/** Email address, phone number and identification id -> user id, kept current on every write. */
export class IdentifierIndex {
  readonly byEmail = new Map<string, string>();
  readonly byPhone = new Map<string, string>();
  /** Email address and phone number ids (`idn_…`). */
  readonly byId = new Map<string, string>();

  add(u: UserRecord): void {
    for (const e of u.emails) {
      this.byEmail.set(e.email_address.toLowerCase(), u.id);
      this.byId.set(e.id, u.id);
    }
    for (const p of u.phones ?? []) {
      this.byPhone.set(p.phone_number, u.id);
      this.byId.set(p.id, u.id);
    }
  }

  remove(u: UserRecord): void {
    for (const e of u.emails) {
      this.byEmail.delete(e.email_address.toLowerCase());
      this.byId.delete(e.id);
    }
    for (const p of u.phones ?? []) {
      this.byPhone.delete(p.phone_number);
      this.byId.delete(p.id);
    }
  }
}
