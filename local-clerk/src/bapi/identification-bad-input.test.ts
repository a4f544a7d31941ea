import { afterAll, beforeAll, describe, it } from "vitest";
import { raw, startTestClerk } from "@/test/support/local-clerk";
import { assertRefusedWithoutWrite, type BadInputCase } from "@/test/support/org-bad-input";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 40 });
  const admin = h.state.findUserByEmail("admin@example.com")!;
  ids.admin = admin.id;
  ids.adminEmail = admin.emails[0]!.id;
  const user = await raw(h, "POST", "/v1/users", {
    email_address: ["ident-bad@example.org"],
    phone_number: ["+15555550177"],
  });
  ids.user = user.json.id;
  ids.phone = user.json.phone_numbers[0].id;
  const unverified = await raw(h, "POST", "/v1/email_addresses", {
    user_id: ids.user,
    email_address: "ident-bad.unverified@example.org",
  });
  ids.unverified = unverified.json.id;
  const prep = await raw(h, "POST", `/v1/email_addresses/${ids.unverified}/prepare_verification`);
  ids.verification = prep.json.id;
  const done = await raw(h, "POST", `/v1/phone_numbers/${ids.phone}/prepare_verification`);
  await raw(h, "POST", `/v1/phone_numbers/${ids.phone}/attempt_verification`, {
    verification_id: done.json.id,
    code: "424242",
  });
  ids.phoneVerification = done.json.id;
});
afterAll(() => h.stop());

function cases(): BadInputCase[] {
  const e = "/v1/email_addresses";
  const p = "/v1/phone_numbers";
  return [
    // Email addresses
    [
      "POST",
      e,
      { user_id: ids.user, email_address: "admin@example.com" },
      422,
      "form_identifier_exists",
      "/email_addresses",
    ],
    ["POST", e, { user_id: ids.user, email_address: "ADMIN@example.com" }, 422, "form_identifier_exists"],
    ["POST", e, { user_id: ids.user, email_address: "not-an-email" }, 422, "form_param_format_invalid"],
    ["POST", e, { user_id: ids.user, email_address: 7 }, 422, "form_param_value_invalid"],
    ["POST", e, { user_id: ids.user }, 422, "form_param_missing"],
    [
      "POST",
      e,
      { user_id: "user_nope", email_address: "x@example.org" },
      404,
      "resource_not_found",
      "/email_addresses",
    ],
    [
      "POST",
      e,
      { user_id: ids.user, email_address: "y@example.org", verified: "yes" },
      422,
      "form_param_value_invalid",
    ],
    [
      "POST",
      e,
      { user_id: ids.user, email_address: "y@example.org", primary: true, verified: false },
      422,
      "form_param_value_invalid",
    ],
    ["POST", e, { user_id: ids.user, email_address: "y@example.org", extra: 1 }, 422, "form_param_unknown"],
    ["GET", `${e}/idn_nope`, undefined, 404, "resource_not_found", "/email_addresses/{email_address_id}"],
    ["GET", `${e}/${ids.phone}`, undefined, 404, "resource_not_found"],
    ["PATCH", `${e}/${ids.unverified}`, { primary: true }, 422, "form_param_value_invalid"],
    ["PATCH", `${e}/${ids.unverified}`, { verified: 1 }, 422, "form_param_value_invalid"],
    ["PATCH", `${e}/idn_nope`, { verified: true }, 404, "resource_not_found"],
    ["DELETE", `${e}/idn_nope`, undefined, 404, "resource_not_found", "/email_addresses/{email_address_id}"],
    ["POST", `${e}/idn_nope/prepare_verification`, undefined, 404, "resource_not_found"],
    [
      "POST",
      `${e}/${ids.unverified}/attempt_verification`,
      { verification_id: "ver_nope", code: "424242" },
      404,
      "resource_not_found",
      "/email_addresses/{email_address_id}/attempt_verification",
    ],
    [
      "POST",
      `${e}/${ids.unverified}/attempt_verification`,
      { verification_id: ids.verification },
      422,
      "form_param_missing",
    ],
    [
      "PUT",
      `/v1/users/${ids.user}/email_address`,
      { email_address: "admin@example.com" },
      422,
      "form_identifier_exists",
      "/users/{user_id}/email_address",
    ],
    [
      "PUT",
      `/v1/users/${ids.user}/email_address`,
      { email_address: "z@example.org", identification_status: "maybe" },
      422,
      "form_param_value_invalid",
    ],
    [
      "PUT",
      "/v1/users/user_nope/email_address",
      { email_address: "z@example.org" },
      404,
      "resource_not_found",
    ],
    // Phone numbers
    [
      "POST",
      p,
      { user_id: ids.user, phone_number: "+15555550177" },
      422,
      "form_identifier_exists",
      "/phone_numbers",
    ],
    ["POST", p, { user_id: ids.user, phone_number: "555-0177" }, 422, "form_param_format_invalid"],
    ["POST", p, { user_id: ids.user, phone_number: ["+15555550178"] }, 422, "form_param_value_invalid"],
    ["POST", p, { user_id: "user_nope", phone_number: "+15555550178" }, 404, "resource_not_found"],
    [
      "POST",
      p,
      { user_id: ids.user, phone_number: "+15555550178", reserved_for_second_factor: true },
      422,
      "form_param_value_invalid",
    ],
    ["GET", `${p}/idn_nope`, undefined, 404, "resource_not_found", "/phone_numbers/{phone_number_id}"],
    ["GET", `${p}/${ids.unverified}`, undefined, 404, "resource_not_found"],
    ["PATCH", `${p}/${ids.phone}`, { reserved_for_second_factor: "yes" }, 422, "form_param_value_invalid"],
    ["DELETE", `${p}/idn_nope`, undefined, 404, "resource_not_found", "/phone_numbers/{phone_number_id}"],
    [
      "POST",
      `${p}/${ids.phone}/attempt_verification`,
      { verification_id: ids.phoneVerification, code: "424242" },
      400,
      "verification_already_verified",
      "/phone_numbers/{phone_number_id}/attempt_verification",
    ],
    [
      "PUT",
      `/v1/users/${ids.admin}/phone_number`,
      { phone_number: "+15555550177" },
      422,
      "form_identifier_exists",
      "/users/{user_id}/phone_number",
    ],
    ["PUT", `/v1/users/${ids.admin}/phone_number`, { phone_number: "12" }, 422, "form_param_format_invalid"],
  ];
}

describe("bad input on email address and phone number endpoints", () => {
  it("gets Clerk's 4xx error shape and writes nothing", async () => {
    await assertRefusedWithoutWrite(h, cases());
  }, 90_000);
});
