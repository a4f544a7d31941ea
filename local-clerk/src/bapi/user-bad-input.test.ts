import { afterAll, beforeAll, describe, it } from "vitest";
import { raw, startTestClerk } from "@/test/support/local-clerk";
import {
  assertRefusedWithoutWrite,
  type BadInputCase,
  BIG_METADATA as big,
} from "@/test/support/org-bad-input";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 40 });
  ids.admin = h.state.findUserByEmail("admin@example.com")!.id;
  ids.plain = [...h.state.users.all()].find((u) => !u.password_hash)!.id;
  const mfa = await raw(h, "POST", "/v1/users", {
    email_address: ["mfa-bad@example.org"],
    phone_number: ["+15555550199"],
    totp_secret: "AICJ3HCXKO4KOU6NDHOX5Q6CZ5PN36TT",
  });
  ids.mfa = mfa.json.id;
});
afterAll(() => h.stop());

function cases(): BadInputCase[] {
  const u = `/v1/users/${ids.admin}`;
  const nope = "/v1/users/user_nope";
  const tooMany = Array.from({ length: 51 }, (_, i) => `user_${i}`);
  const phones101 = Array.from(
    { length: 101 },
    (_, i) => `phone_number=%2B1555555${String(i).padStart(4, "0")}`,
  );
  return [
    // Bulk ban / unban: all or nothing
    ["POST", "/v1/users/ban", {}, 400, "form_param_missing", "/users/ban"],
    ["POST", "/v1/users/ban", { user_ids: "x" }, 400, "form_param_value_invalid", "/users/ban"],
    ["POST", "/v1/users/ban", { user_ids: [] }, 400, "form_param_value_invalid", "/users/ban"],
    ["POST", "/v1/users/ban", { user_ids: [1] }, 400, "form_param_value_invalid", "/users/ban"],
    ["POST", "/v1/users/ban", { user_ids: tooMany }, 400, "form_param_value_invalid", "/users/ban"],
    [
      "POST",
      "/v1/users/ban",
      { user_ids: [ids.admin, "user_nope"] },
      400,
      "resource_not_found",
      "/users/ban",
    ],
    [
      "POST",
      "/v1/users/unban",
      { user_ids: [ids.admin], extra: 1 },
      400,
      "form_param_unknown",
      "/users/unban",
    ],
    ["POST", "/v1/users/unban", { user_ids: ["user_nope"] }, 400, "resource_not_found", "/users/unban"],
    // Profile image
    [
      "POST",
      `${u}/profile_image`,
      { file: "x" },
      400,
      "form_param_missing",
      "/users/{user_id}/profile_image",
    ],
    ["POST", `${nope}/profile_image`, {}, 404, "resource_not_found"],
    ["DELETE", `${u}/profile_image`, undefined, 404, "image_not_found", "/users/{user_id}/profile_image"],
    // Billing
    [
      "GET",
      `${nope}/billing/credits`,
      undefined,
      404,
      "resource_not_found",
      "/users/{user_id}/billing/credits",
    ],
    ["GET", `${u}/billing/subscription`, undefined, 404, "subscription_not_found"],
    [
      "POST",
      `${u}/billing/credits`,
      { amount: -1, action: "increase", idempotency_key: "k" },
      422,
      "invalid_credit_amount",
    ],
    [
      "POST",
      `${u}/billing/credits`,
      { amount: 1, action: "decrease", idempotency_key: "k" },
      422,
      "insufficient_credit_balance",
    ],
    ["POST", `${u}/billing/credits`, { amount: 1, action: "increase" }, 422, "form_param_missing"],
    // Second factors and accounts
    ["POST", `${u}/verify_totp`, {}, 422, "form_param_missing"],
    ["POST", `${u}/verify_totp`, { code: 5 }, 422, "form_param_value_invalid"],
    ["POST", `${u}/verify_totp`, { code: "424242" }, 400, "totp_not_enabled", "/users/{user_id}/verify_totp"],
    [
      "POST",
      `/v1/users/${ids.mfa}/verify_totp`,
      { code: "000000" },
      422,
      "form_code_incorrect",
      "/users/{user_id}/verify_totp",
    ],
    ["POST", `${nope}/verify_totp`, { code: "424242" }, 404, "resource_not_found"],
    ["DELETE", `${nope}/mfa`, undefined, 404, "resource_not_found", "/users/{user_id}/mfa"],
    ["DELETE", `${u}/totp`, undefined, 404, "resource_not_found", "/users/{user_id}/totp"],
    ["DELETE", `${u}/backup_code`, undefined, 404, "resource_not_found", "/users/{user_id}/backup_code"],
    ["DELETE", `${u}/passkeys/idn_nope`, undefined, 404, "resource_not_found"],
    ["DELETE", `${u}/web3_wallets/idn_nope`, undefined, 404, "resource_not_found"],
    ["DELETE", `${u}/external_accounts/eac_nope`, undefined, 404, "resource_not_found"],
    [
      "GET",
      `${nope}/trusted_devices`,
      undefined,
      404,
      "resource_not_found",
      "/users/{user_id}/trusted_devices",
    ],
    ["GET", `${nope}/oauth_access_tokens/oauth_google`, undefined, 404, "resource_not_found"],
    // Password
    [
      "POST",
      `/v1/users/${ids.plain}/remove_password`,
      {},
      400,
      "no_password_set",
      "/users/{user_id}/remove_password",
    ],
    ["POST", `${u}/remove_password`, { sign_out_of_other_sessions: "yes" }, 422, "form_param_value_invalid"],
    ["POST", `${u}/remove_password`, { everything: true }, 422, "form_param_unknown"],
    ["POST", `${u}/password/set_compromised`, { revoke_all_sessions: 1 }, 422, "form_param_value_invalid"],
    ["POST", `/v1/users/${ids.plain}/password/set_compromised`, {}, 400, "no_password_set"],
    ["POST", `${nope}/password/unset_compromised`, undefined, 404, "resource_not_found"],
    // Create / update with phone numbers, wallets, codes
    ["POST", "/v1/users", { phone_number: ["555"] }, 422, "form_param_format_invalid", "/users"],
    ["POST", "/v1/users", { phone_number: "+15555550100" }, 422, "form_param_value_invalid"],
    ["POST", "/v1/users", { phone_number: ["+15555550199"] }, 422, "form_identifier_exists", "/users"],
    ["POST", "/v1/users", { phone_number: ["+15555550111", "+15555550111"] }, 422, "form_identifier_exists"],
    ["POST", "/v1/users", { web3_wallet: ["0x12"] }, 422, "form_param_format_invalid"],
    ["POST", "/v1/users", { email_address: ["admin@example.com"] }, 422, "form_identifier_exists"],
    [
      "POST",
      "/v1/users",
      { email_address: ["n@example.org"], backup_codes: ["1"] },
      422,
      "form_param_format_invalid",
    ],
    [
      "POST",
      "/v1/users",
      { email_address: ["n@example.org"], public_metadata: big },
      422,
      "form_param_exceeds_allowed_size",
    ],
    [
      "PATCH",
      u,
      { primary_phone_number_id: "idn_nope" },
      422,
      "form_param_value_invalid",
      "/users/{user_id}",
    ],
    ["PATCH", u, { backup_codes: "x" }, 422, "form_param_value_invalid"],
    ["PATCH", u, { totp_secret: 7 }, 422, "form_param_value_invalid"],
    // List filters
    ["GET", "/v1/users?provider=oauth_google", undefined, 422, "form_param_value_invalid", "/users"],
    ["GET", "/v1/users?provider_user_id=1", undefined, 422, "form_param_value_invalid"],
    [
      "GET",
      `/v1/users?starting_after=${ids.admin}&order_by=-first_name`,
      undefined,
      422,
      "form_param_value_invalid",
    ],
    ["GET", `/v1/users?starting_after=${ids.admin}&offset=5`, undefined, 422, "form_param_value_invalid"],
    ["GET", "/v1/users?starting_after=user_nope", undefined, 422, "form_param_value_invalid"],
    [
      "GET",
      `/v1/users/count?${phones101.join("&")}`,
      undefined,
      422,
      "form_param_value_invalid",
      "/users/count",
    ],
    ["GET", "/v1/users/count?last_sign_in_at_before=soon", undefined, 422, "form_param_value_invalid"],
  ];
}

describe("bad input on the Users endpoints beyond the core", () => {
  it("gets Clerk's 4xx error shape and writes nothing", async () => {
    await assertRefusedWithoutWrite(h, cases());
  }, 90_000);
});
