import type { LocalClerkContext } from "../context";
import { type JsonObject, jsonObjectBody, optBool, optString, reqString } from "../http/body";
import { invalidParam } from "../http/errors";
import type { Router } from "../http/router";
import type { IdentChange, IdentKind, ReplaceStatus } from "../state/identifications";
import type { OtpVerification, PhoneRecord } from "../state/identifier-types";
import { deletedJson } from "../state/serialize";
import { emailAddressJson, phoneNumberJson } from "../state/serialize-identifiers";
import type { EmailRecord } from "../state/types";
import { rejectUnknown } from "./organization-params";

const ROUTES = {
  email: {
    base: "/v1/email_addresses",
    replace: "/v1/users/:id/email_address",
    value: "email_address",
    object: "email_address",
    json: (x: EmailRecord | PhoneRecord) => emailAddressJson(x as EmailRecord),
    create: ["user_id", "email_address", "verified", "primary", "notify_primary_email_address_changed"],
    update: ["verified", "primary", "notify_primary_email_address_changed"],
    replaceKeys: ["email_address", "identification_status", "notify_primary_email_address_changed"],
  },
  phone: {
    base: "/v1/phone_numbers",
    replace: "/v1/users/:id/phone_number",
    value: "phone_number",
    object: "phone_number",
    json: (x: EmailRecord | PhoneRecord) => phoneNumberJson(x as PhoneRecord),
    create: ["user_id", "phone_number", "verified", "primary", "reserved_for_second_factor"],
    update: ["verified", "primary", "reserved_for_second_factor"],
    replaceKeys: ["phone_number", "identification_status"],
  },
} as const;

const STATUSES: readonly ReplaceStatus[] = ["verified", "reserved", "unverified"];

function change(body: JsonObject): IdentChange {
  return {
    verified: optBool(body, "verified"),
    primary: optBool(body, "primary"),
    reservedForSecondFactor: optBool(body, "reserved_for_second_factor"),
  };
}

function verificationResponse(v: OtpVerification) {
  return {
    object: "verification",
    id: v.id,
    status: v.status,
    strategy: v.strategy,
    attempts: v.attempts,
    expire_at: v.expire_at,
  };
}

/** Email addresses (7 operations) and phone numbers (7): the same rules, on `emails` / `phones`. */
export function registerIdentificationRoutes(router: Router, ctx: LocalClerkContext): void {
  const ids = ctx.state.admin.identifications;
  for (const kind of ["email", "phone"] as IdentKind[]) {
    const r = ROUTES[kind];

    router.post(r.base, (rc) => {
      const body = jsonObjectBody(rc);
      rejectUnknown(body, r.create);
      optBool(body, "notify_primary_email_address_changed");
      const userId = reqString(body, "user_id");
      const value = reqString(body, r.value).trim();
      return r.json(ids.add(kind, userId, value, change(body)));
    });

    router.get(`${r.base}/:id`, ({ params }) => r.json(ids.get(kind, params.id as string).ident));

    router.patch(`${r.base}/:id`, (rc) => {
      const body = jsonObjectBody(rc);
      rejectUnknown(body, r.update);
      optBool(body, "notify_primary_email_address_changed");
      return r.json(ids.update(kind, rc.params.id as string, change(body)));
    });

    router.delete(`${r.base}/:id`, ({ params }) => {
      const removed = ids.remove(kind, params.id as string);
      return deletedJson(r.object, removed.id);
    });

    router.post(`${r.base}/:id/prepare_verification`, ({ params }) =>
      verificationResponse(ids.prepare(kind, params.id as string)),
    );

    router.post(`${r.base}/:id/attempt_verification`, (rc) => {
      const body = jsonObjectBody(rc);
      rejectUnknown(body, ["verification_id", "code"]);
      const verificationId = reqString(body, "verification_id");
      const code = reqString(body, "code");
      return verificationResponse(ids.attempt(kind, rc.params.id as string, verificationId, code));
    });

    router.put(r.replace, (rc) => {
      const body = jsonObjectBody(rc);
      rejectUnknown(body, r.replaceKeys);
      optBool(body, "notify_primary_email_address_changed");
      const value = reqString(body, r.value).trim();
      const status = (optString(body, "identification_status") ?? "verified") as ReplaceStatus;
      if (!STATUSES.includes(status)) {
        throw invalidParam(
          "identification_status",
          `identification_status must be one of ${STATUSES.join(", ")}.`,
        );
      }
      return r.json(ids.replace(kind, rc.params.id as string, value, status));
    });
  }
}
