import { clerkError, notFound } from "../http/errors";
import type { AdminEvent } from "./admin-types";
import { LOCAL_VERIFICATION_CODE, type OtpVerification, type PhoneRecord } from "./identifier-types";
import { newId } from "./ids";
import type { Clock, EmailRecord, UserRecord } from "./types";
import { assertPhone, phoneRecord, phoneTaken } from "./user-identifiers";
import { assertEmail, identifierTaken } from "./user-validation";
import type { UserStore } from "./users";

export type IdentKind = "email" | "phone";
type Ident = EmailRecord | PhoneRecord;

const CODE_TTL_MS = 10 * 60 * 1000;
const MAX_ATTEMPTS = 3;

/** Where each kind lives on the user record. */
const KINDS = {
  email: {
    list: (u: UserRecord): Ident[] => u.emails,
    with: (u: UserRecord, xs: Ident[]): UserRecord => ({ ...u, emails: xs as EmailRecord[] }),
    primary: "primary_email_address_id",
    value: (x: Ident) => (x as EmailRecord).email_address,
    strategy: "email_code",
    what: "email address",
  },
  phone: {
    list: (u: UserRecord): Ident[] => u.phones ?? [],
    with: (u: UserRecord, xs: Ident[]): UserRecord => ({ ...u, phones: xs as PhoneRecord[] }),
    primary: "primary_phone_number_id",
    value: (x: Ident) => (x as PhoneRecord).phone_number,
    strategy: "phone_code",
    what: "phone number",
  },
} as const;

export interface IdentChange {
  verified?: boolean;
  primary?: boolean;
  reservedForSecondFactor?: boolean;
}

export type ReplaceStatus = "verified" | "reserved" | "unverified";

const mustBeVerified = (kind: IdentKind) =>
  clerkError(
    422,
    "form_param_value_invalid",
    "is invalid",
    `Only a verified ${KINDS[kind].what} can be primary or reserved for second factor.`,
    { param_name: "primary" },
  );

/**
 * Email addresses and phone numbers of users (BAPI `/email_addresses`, `/phone_numbers`): every
 * change validates first and then writes the user once, so a refusal writes nothing. Local Clerk
 * sends no mail or SMS: prepare_verification emits `email.created` / `sms.created` carrying the fixed
 * local code instead.
 */
export class Identifications {
  constructor(
    private readonly users: UserStore,
    private readonly clock: Clock,
    private readonly emit: (e: AdminEvent) => void,
  ) {}

  get(kind: IdentKind, id: string): { user: UserRecord; ident: Ident } {
    const user = this.users.findByIdentification(id);
    const ident = user && KINDS[kind].list(user).find((x) => x.id === id);
    if (!user || !ident) throw notFound(KINDS[kind].what);
    return { user, ident };
  }

  add(kind: IdentKind, userId: string, value: string, change: IdentChange): Ident {
    const k = KINDS[kind];
    this.users.require(userId);
    this.assertFree(kind, value);
    const now = this.clock.now();
    const verified = change.verified ?? false;
    if ((change.primary || change.reservedForSecondFactor) && !verified) throw mustBeVerified(kind);
    const base = { id: newId("idn"), verified, created_at: now, updated_at: now };
    const ident: Ident =
      kind === "email"
        ? { ...base, email_address: value }
        : {
            ...phoneRecord(value, now),
            ...base,
            reserved_for_second_factor: !!change.reservedForSecondFactor,
          };
    this.users.modify(userId, (u) => {
      const next = k.with(u, [...k.list(u), ident]);
      const makePrimary = change.primary || (!u[k.primary] && verified);
      return makePrimary ? { ...next, [k.primary]: ident.id } : next;
    });
    return ident;
  }

  update(kind: IdentKind, id: string, change: IdentChange): Ident {
    const k = KINDS[kind];
    const { user, ident } = this.get(kind, id);
    const verified = change.verified ?? ident.verified;
    if ((change.primary || change.reservedForSecondFactor) && !verified) throw mustBeVerified(kind);
    const now = this.clock.now();
    const next: Ident = {
      ...ident,
      verified,
      ...(change.verified === false ? { verification: null } : {}),
      ...(change.reservedForSecondFactor !== undefined
        ? { reserved_for_second_factor: change.reservedForSecondFactor }
        : {}),
      updated_at: now,
    };
    this.users.modify(user.id, (u) => {
      const out = k.with(
        u,
        k.list(u).map((x) => (x.id === id ? next : x)),
      );
      if (change.primary) return { ...out, [k.primary]: id };
      // An unverified address cannot stay primary.
      if (!verified && u[k.primary] === id) return { ...out, [k.primary]: this.nextPrimary(k.list(out), id) };
      return out;
    });
    return next;
  }

  remove(kind: IdentKind, id: string): Ident {
    const k = KINDS[kind];
    const { user, ident } = this.get(kind, id);
    this.users.modify(user.id, (u) => {
      const rest = k.list(u).filter((x) => x.id !== id);
      const out = k.with(u, rest);
      return u[k.primary] === id ? { ...out, [k.primary]: this.nextPrimary(rest, id) } : out;
    });
    return ident;
  }

  /** PUT /users/{id}/email_address|phone_number: every existing one goes, the new one is primary. */
  replace(kind: IdentKind, userId: string, value: string, status: ReplaceStatus): Ident {
    const k = KINDS[kind];
    const user = this.users.require(userId);
    this.assertFree(kind, value, user.id);
    const now = this.clock.now();
    const verified = status === "verified";
    const ident: Ident =
      kind === "email"
        ? { id: newId("idn"), email_address: value, verified, created_at: now, updated_at: now }
        : { ...phoneRecord(value, now), verified };
    const withReserved = status === "reserved" ? { ...ident, reserved: true } : ident;
    this.users.modify(user.id, (u) => ({ ...k.with(u, [withReserved]), [k.primary]: withReserved.id }));
    return withReserved;
  }

  /** A fresh OTP verification (the fixed local code) and the email.created / sms.created event. */
  prepare(kind: IdentKind, id: string): OtpVerification {
    const { user } = this.get(kind, id);
    const now = this.clock.now();
    const verification: OtpVerification = {
      id: newId("ver"),
      strategy: KINDS[kind].strategy,
      status: "unverified",
      attempts: 0,
      expire_at: now + CODE_TTL_MS,
    };
    const next = this.write(kind, user.id, id, (x) => ({ ...x, verification }));
    this.emit(
      kind === "email"
        ? emailEvent(user, next as EmailRecord, now)
        : smsEvent(user, next as PhoneRecord, now),
    );
    return verification;
  }

  /** Wrong or expired codes are reported through the status (Clerk's 200), not as errors. */
  attempt(kind: IdentKind, id: string, verificationId: string, code: string): OtpVerification {
    const { user, ident } = this.get(kind, id);
    const current = ident.verification;
    if (!current || current.id !== verificationId) throw notFound("verification");
    if (current.status === "verified") {
      throw clerkError(
        400,
        "verification_already_verified",
        "already verified",
        "This verification has already been verified.",
      );
    }
    const now = this.clock.now();
    let verification: OtpVerification;
    if (current.status === "failed") verification = current;
    else if (current.expire_at <= now) verification = { ...current, status: "expired" };
    else if (code === LOCAL_VERIFICATION_CODE)
      verification = { ...current, status: "verified", attempts: current.attempts + 1 };
    else {
      const attempts = current.attempts + 1;
      verification = { ...current, attempts, status: attempts >= MAX_ATTEMPTS ? "failed" : "unverified" };
    }
    const verified = verification.status === "verified";
    this.write(kind, user.id, id, (x) => ({ ...x, verification, verified: x.verified || verified }));
    return verification;
  }

  private write(kind: IdentKind, userId: string, id: string, change: (x: Ident) => Ident): Ident {
    const k = KINDS[kind];
    let written: Ident | undefined;
    this.users.modify(userId, (u, now) =>
      k.with(
        u,
        k.list(u).map((x) => {
          if (x.id !== id) return x;
          written = { ...change(x), updated_at: now };
          return written;
        }),
      ),
    );
    return written as Ident;
  }

  /** Format, and no other user holds it (`owner` may: replacing with one of its own). */
  private assertFree(kind: IdentKind, value: string, owner?: string): void {
    if (kind === "email") assertEmail("email_address", value);
    else assertPhone("phone_number", value);
    const holder = kind === "email" ? this.users.findByEmail(value) : this.users.findByPhone(value);
    if (holder && holder.id !== owner) throw kind === "email" ? identifierTaken() : phoneTaken();
  }

  private nextPrimary(list: Ident[], leaving: string): string | null {
    return list.find((x) => x.id !== leaving && x.verified)?.id ?? null;
  }

  value(kind: IdentKind, x: Ident): string {
    return KINDS[kind].value(x);
  }
}

function emailEvent(user: UserRecord, email: EmailRecord, now: number): AdminEvent {
  return {
    type: "email.created",
    payload: () => ({
      object: "email",
      id: newId("ema"),
      slug: "verification_code",
      from_email_name: "notifications",
      reply_to_email_name: null,
      to_email_address: email.email_address,
      email_address_id: email.id,
      user_id: user.id,
      subject: `${LOCAL_VERIFICATION_CODE} is your verification code`,
      body: `<p>Your verification code is <strong>${LOCAL_VERIFICATION_CODE}</strong>.</p>`,
      body_plain: `Your verification code is ${LOCAL_VERIFICATION_CODE}.`,
      status: "queued",
      data: { otp_code: LOCAL_VERIFICATION_CODE, requested_at: new Date(now).toISOString() },
      // Local Clerk delivers nothing; the app gets the message through this event.
      delivered_by_clerk: false,
    }),
  };
}

function smsEvent(user: UserRecord, phone: PhoneRecord, now: number): AdminEvent {
  return {
    type: "sms.created",
    payload: () => ({
      object: "sms_message",
      id: newId("sms"),
      slug: "verification_code",
      from_phone_number: "+15555550000",
      to_phone_number: phone.phone_number,
      phone_number_id: phone.id,
      user_id: user.id,
      message: `${LOCAL_VERIFICATION_CODE} is your verification code.`,
      status: "queued",
      data: { otp_code: LOCAL_VERIFICATION_CODE },
      delivered_by_clerk: false,
      created_at_ms: now,
    }),
  };
}
