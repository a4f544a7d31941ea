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
  const admin = h.state.findUserByEmail("admin@example.com")!;
  const session = await raw(h, "POST", "/v1/sessions", { user_id: admin.id });
  ids.session = session.json.id;
  ids.jwt = (await raw(h, "POST", `/v1/sessions/${ids.session}/tokens`)).json.jwt;
  const revoked = await raw(h, "POST", "/v1/sessions", { user_id: admin.id });
  ids.revoked = revoked.json.id;
  await raw(h, "POST", `/v1/sessions/${ids.revoked}/revoke`);
  ids.template = (await raw(h, "POST", "/v1/jwt_templates", { name: "taken", claims: { a: 1 } })).json.id;
  ids.entry = (await raw(h, "POST", "/v1/waitlist_entries", { email_address: "queued@example.org" })).json.id;
  ids.rejected = (await raw(h, "POST", "/v1/waitlist_entries", { email_address: "no@example.org" })).json.id;
  await raw(h, "POST", `/v1/waitlist_entries/${ids.rejected}/reject`);
});
afterAll(() => h.stop());

function cases(): BadInputCase[] {
  const s = `/v1/sessions/${ids.session}`;
  const refresh = { expired_token: "x.y.z", refresh_token: "r", request_origin: "http://localhost:3000" };
  const jt = "/v1/jwt_templates";
  const w = "/v1/waitlist_entries";
  return [
    // Session tokens and refresh
    ["POST", "/v1/sessions/sess_nope/tokens", {}, 404, "resource_not_found", "/sessions/{session_id}/tokens"],
    [
      "POST",
      `/v1/sessions/${ids.revoked}/tokens`,
      {},
      401,
      "authentication_invalid",
      "/sessions/{session_id}/tokens",
    ],
    ["POST", `${s}/tokens`, { expires_in_seconds: 5 }, 422, "form_param_value_invalid"],
    ["POST", `${s}/tokens`, { expires_in_seconds: "60" }, 422, "form_param_value_invalid"],
    [
      "POST",
      `${s}/tokens/nope`,
      {},
      404,
      "resource_not_found",
      "/sessions/{session_id}/tokens/{template_name}",
    ],
    ["POST", `${s}/tokens/taken`, { lifetime: 60 }, 422, "form_param_unknown"],
    ["POST", `${s}/refresh`, refresh, 401, "authentication_invalid", "/sessions/{session_id}/refresh"],
    [
      "POST",
      `${s}/refresh`,
      { ...refresh, expired_token: ids.jwt, format: "xml" },
      422,
      "form_param_value_invalid",
    ],
    ["POST", `${s}/refresh`, { expired_token: ids.jwt }, 422, "form_param_missing"],
    [
      "POST",
      `/v1/sessions/${ids.revoked}/refresh`,
      { ...refresh, expired_token: ids.jwt },
      401,
      "authentication_invalid",
    ],
    ["POST", "/v1/sessions", { user_id: 5 }, 422, "form_param_value_invalid"],
    ["POST", "/v1/sessions", { user_id: "user_nope" }, 404, "resource_not_found"],
    // JWT templates
    ["POST", jt, { name: "taken", claims: {} }, 422, "form_identifier_exists", "/jwt_templates"],
    ["POST", jt, { name: "x" }, 422, "form_param_missing", "/jwt_templates"],
    ["POST", jt, { claims: {} }, 422, "form_param_missing"],
    ["POST", jt, { name: "x", claims: "{}" }, 422, "form_param_value_invalid"],
    ["POST", jt, { name: "x", claims: { sub: "me" } }, 422, "form_param_value_invalid"],
    ["POST", jt, { name: "x", claims: big }, 422, "form_param_exceeds_allowed_size"],
    ["POST", jt, { name: "x", claims: {}, lifetime: 10 }, 422, "form_param_value_invalid"],
    ["POST", jt, { name: "x", claims: {}, allowed_clock_skew: 301 }, 422, "form_param_value_invalid"],
    ["POST", jt, { name: "x", claims: {}, custom_signing_key: true }, 422, "form_param_value_invalid"],
    ["POST", jt, { name: "x", claims: {}, colour: "red" }, 422, "form_param_unknown"],
    ["GET", `${jt}/jtmp_nope`, undefined, 404, "resource_not_found", "/jwt_templates/{template_id}"],
    ["PATCH", `${jt}/jtmp_nope`, { name: "x", claims: {} }, 404, "resource_not_found"],
    [
      "PATCH",
      `${jt}/${ids.template}`,
      { name: "y" },
      422,
      "form_param_missing",
      "/jwt_templates/{template_id}",
    ],
    ["DELETE", `${jt}/jtmp_nope`, undefined, 404, "resource_not_found", "/jwt_templates/{template_id}"],
    ["GET", `${jt}?limit=0`, undefined, 422, "form_param_value_invalid"],
    // Clients
    ["GET", "/v1/clients/client_nope", undefined, 404, "resource_not_found", "/clients/{client_id}"],
    ["POST", "/v1/clients/verify", { token: "client_nope" }, 404, "resource_not_found", "/clients/verify"],
    ["POST", "/v1/clients/verify", {}, 422, "form_param_missing"],
    ["GET", "/v1/clients?offset=-1", undefined, 422, "form_param_value_invalid", "/clients"],
    // Waitlist
    ["POST", w, { email_address: "queued@example.org" }, 422, "form_identifier_exists", "/waitlist_entries"],
    ["POST", w, { email_address: "admin@example.com" }, 422, "form_identifier_exists"],
    ["POST", w, { email_address: "nope" }, 422, "form_param_format_invalid"],
    ["POST", w, { email_address: 1 }, 422, "form_param_value_invalid"],
    ["POST", w, { email_address: "a@example.org", notify: "yes" }, 422, "form_param_value_invalid"],
    ["POST", w, {}, 422, "form_param_missing"],
    ["POST", `${w}/bulk`, [], 400, "malformed_request", "/waitlist_entries/bulk"],
    ["POST", `${w}/bulk`, { email_address: "a@example.org" }, 400, "malformed_request"],
    [
      "POST",
      `${w}/bulk`,
      [{ email_address: "ok@example.org" }, { email_address: "queued@example.org" }],
      422,
      "form_identifier_exists",
      "/waitlist_entries/bulk",
    ],
    [
      "POST",
      `${w}/bulk`,
      [{ email_address: "d@example.org" }, { email_address: "D@example.org" }],
      422,
      "form_identifier_exists",
    ],
    [
      "POST",
      `${w}/bulk`,
      Array.from({ length: 51 }, (_, i) => ({ email_address: `b${i}@example.org` })),
      400,
      "malformed_request",
    ],
    ["GET", `${w}?status=lost`, undefined, 422, "form_param_value_invalid"],
    ["GET", `${w}?order_by=name`, undefined, 422, "form_param_value_invalid"],
    [
      "DELETE",
      `${w}/wle_nope`,
      undefined,
      404,
      "resource_not_found",
      "/waitlist_entries/{waitlist_entry_id}",
    ],
    [
      "POST",
      `${w}/wle_nope/invite`,
      {},
      404,
      "resource_not_found",
      "/waitlist_entries/{waitlist_entry_id}/invite",
    ],
    ["POST", `${w}/${ids.entry}/invite`, { ignore_existing: "no" }, 422, "form_param_value_invalid"],
    [
      "POST",
      `${w}/${ids.rejected}/reject`,
      undefined,
      409,
      "conflict",
      "/waitlist_entries/{waitlist_entry_id}/reject",
    ],
    ["POST", `${w}/wle_nope/reject`, undefined, 404, "resource_not_found"],
  ];
}

describe("bad input on session token, JWT template, client and waitlist endpoints", () => {
  it("gets Clerk's 4xx error shape and writes nothing", async () => {
    await assertRefusedWithoutWrite(h, cases());
  }, 90_000);
});
