import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdk, startTestClerk } from "@/test/support/local-clerk";
import { assertRefusedWithoutWrite, type BadInputCase, BIG_METADATA } from "@/test/support/org-bad-input";
import { conformanceCaller, specOperations } from "@/test/support/org-conformance";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 30 });
});
afterAll(() => h.stop());

const TAGS = ["Actor Tokens", "Sign-in Tokens", "Testing Tokens", "Allow-list / Block-list"];
const EXTRA = ["PATCH /instance/restrictions"];

describe("actor, sign-in and testing tokens, allow-list and block-list conform to the BAPI spec (2026-05-12)", () => {
  it("covers all 11 operations of those tags and the restrictions switch, success and error bodies", async () => {
    const { call, called } = conformanceCaller(h);
    const admin = h.state.findUserByEmail("admin@example.com")!.id;
    const member = h.state.findUserByEmail("member@example.com")!.id;

    const actor = await call("POST", "/v1/actor_tokens", "/actor_tokens", {
      user_id: member,
      actor: { sub: admin },
      expires_in_seconds: 600,
      session_max_duration_in_seconds: 1200,
    });
    expect(actor).toMatchObject({
      object: "actor_token",
      status: "pending",
      user_id: member,
      actor: { sub: admin },
    });
    expect(actor.url).toContain("/v1/tickets/accept?ticket=");
    await call("POST", "/v1/actor_tokens", "/actor_tokens", { user_id: member, actor: {} }, 422);
    await call(
      "POST",
      "/v1/actor_tokens",
      "/actor_tokens",
      { user_id: "user_missing", actor: { sub: admin } },
      422,
    );
    const revoked = await call(
      "POST",
      `/v1/actor_tokens/${actor.id}/revoke`,
      "/actor_tokens/{actor_token_id}/revoke",
    );
    expect(revoked.status).toBe("revoked");
    await call(
      "POST",
      `/v1/actor_tokens/${actor.id}/revoke`,
      "/actor_tokens/{actor_token_id}/revoke",
      undefined,
      400,
    );
    await call(
      "POST",
      "/v1/actor_tokens/act_missing/revoke",
      "/actor_tokens/{actor_token_id}/revoke",
      undefined,
      404,
    );

    const sit = await call("POST", "/v1/sign_in_tokens", "/sign_in_tokens", {
      user_id: member,
      expires_in_seconds: 60,
    });
    expect(sit).toMatchObject({ object: "sign_in_token", status: "pending", user_id: member });
    await call("POST", "/v1/sign_in_tokens", "/sign_in_tokens", { user_id: "user_missing" }, 404);
    await call(
      "POST",
      "/v1/sign_in_tokens",
      "/sign_in_tokens",
      { user_id: member, expires_in_seconds: 0 },
      422,
    );
    await call("POST", `/v1/sign_in_tokens/${sit.id}/revoke`, "/sign_in_tokens/{sign_in_token_id}/revoke");
    await call(
      "POST",
      `/v1/sign_in_tokens/${sit.id}/revoke`,
      "/sign_in_tokens/{sign_in_token_id}/revoke",
      undefined,
      400,
    );
    await call(
      "POST",
      "/v1/sign_in_tokens/sit_missing/revoke",
      "/sign_in_tokens/{sign_in_token_id}/revoke",
      undefined,
      404,
    );

    const testing = await call("POST", "/v1/testing_tokens", "/testing_tokens");
    expect(testing.expires_at).toBeGreaterThan(Date.now() / 1000);

    const allowed = await call("POST", "/v1/allowlist_identifiers", "/allowlist_identifiers", {
      identifier: "Partner.Test",
    });
    expect(allowed).toMatchObject({
      object: "allowlist_identifier",
      identifier: "partner.test",
      identifier_type: "email_address",
    });
    await call(
      "POST",
      "/v1/allowlist_identifiers",
      "/allowlist_identifiers",
      { identifier: "partner.test" },
      400,
    );
    await call(
      "POST",
      "/v1/allowlist_identifiers",
      "/allowlist_identifiers",
      { identifier: "not an identifier" },
      422,
    );
    const invited = await call("POST", "/v1/allowlist_identifiers", "/allowlist_identifiers", {
      identifier: "new.hire@partner.test",
      notify: true,
    });
    expect(h.state.invitations.get(invited.invitation_id)?.email_address).toBe("new.hire@partner.test");
    const list = await call("GET", "/v1/allowlist_identifiers", "/allowlist_identifiers");
    expect(list.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([allowed.id, invited.id]));
    await call("DELETE", `/v1/allowlist_identifiers/${allowed.id}`, "/allowlist_identifiers/{identifier_id}");
    await call(
      "DELETE",
      `/v1/allowlist_identifiers/${allowed.id}`,
      "/allowlist_identifiers/{identifier_id}",
      undefined,
      404,
    );

    const blocked = await call("POST", "/v1/blocklist_identifiers", "/blocklist_identifiers", {
      identifier: "+15555550123",
    });
    expect(blocked).toMatchObject({ object: "blocklist_identifier", identifier_type: "phone_number" });
    await call(
      "POST",
      "/v1/blocklist_identifiers",
      "/blocklist_identifiers",
      { identifier: "+15555550123" },
      400,
    );
    await call("POST", "/v1/blocklist_identifiers", "/blocklist_identifiers", { identifier: 42 }, 422);
    const blockList = await call("GET", "/v1/blocklist_identifiers?limit=1", "/blocklist_identifiers");
    expect(blockList.data).toHaveLength(1);
    expect(blockList.total_count).toBeGreaterThanOrEqual(1);
    await call("DELETE", `/v1/blocklist_identifiers/${blocked.id}`, "/blocklist_identifiers/{identifier_id}");
    await call(
      "DELETE",
      "/v1/blocklist_identifiers/blid_missing",
      "/blocklist_identifiers/{identifier_id}",
      undefined,
      404,
    );

    const restrictions = await call("PATCH", "/v1/instance/restrictions", "/instance/restrictions", {
      blocklist: true,
    });
    expect(restrictions).toMatchObject({
      object: "instance_restrictions",
      blocklist: true,
      allowlist: false,
    });
    await call("PATCH", "/v1/instance/restrictions", "/instance/restrictions", { allowlist: "yes" }, 422);

    expect([...called].filter((op) => !op.startsWith("PATCH /instance")).sort()).toEqual(
      specOperations(TAGS).filter((op) => !EXTRA.includes(op)),
    );
    expect(specOperations(TAGS)).toHaveLength(11);
    // Compiling the spec's schemas takes seconds, far more when the whole suite shares two cores.
  }, 90_000);

  it("the @clerk/backend client reads every new object", async () => {
    const clerk = sdk(h);
    const member = h.state.findUserByEmail("member@example.com")!.id;
    const a = await clerk.allowlistIdentifiers.createAllowlistIdentifier({
      identifier: "sdk@allowed.test",
      notify: false,
    });
    expect(a.identifier).toBe("sdk@allowed.test");
    const list = await clerk.allowlistIdentifiers.getAllowlistIdentifierList();
    expect(list.totalCount).toBe(list.data.length);
    expect(list.data.map((i) => i.id)).toContain(a.id);
    expect((await clerk.allowlistIdentifiers.deleteAllowlistIdentifier(a.id)).deleted).toBe(true);
    const b = await clerk.blocklistIdentifiers.createBlocklistIdentifier({ identifier: "sdk@blocked.test" });
    expect((await clerk.blocklistIdentifiers.getBlocklistIdentifierList()).data.map((i) => i.id)).toContain(
      b.id,
    );
    expect((await clerk.blocklistIdentifiers.deleteBlocklistIdentifier(b.id)).deleted).toBe(true);
    const r = await clerk.instance.updateRestrictions({ allowlist: false, blocklist: true });
    expect([r.allowlist, r.blocklist]).toEqual([false, true]);
    const sit = await clerk.signInTokens.createSignInToken({ userId: member, expiresInSeconds: 60 });
    expect((await clerk.signInTokens.revokeSignInToken(sit.id)).status).toBe("revoked");
    expect((await clerk.testingTokens.createTestingToken()).token).toMatch(/^\d+-/);
  });
});

describe("bad input on the new endpoints gets Clerk's 4xx shape and writes nothing", () => {
  it("refuses wrong types, unknown ids, duplicates and oversize actors", async () => {
    const member = h.state.findUserByEmail("member@example.com")!.id;
    const existing = await sdk(h).allowlistIdentifiers.createAllowlistIdentifier({
      identifier: "dup@allowed.test",
      notify: false,
    });
    const used = await sdk(h).blocklistIdentifiers.createBlocklistIdentifier({
      identifier: "dup@blocked.test",
    });
    const spent = await sdk(h).signInTokens.createSignInToken({ userId: member, expiresInSeconds: 60 });
    await sdk(h).signInTokens.revokeSignInToken(spent.id);
    const cases: BadInputCase[] = [
      ["POST", "/v1/actor_tokens", "{nope", 400, "malformed_request"],
      ["POST", "/v1/actor_tokens", { actor: { sub: "x" } }, 422, "form_param_missing", "/actor_tokens"],
      ["POST", "/v1/actor_tokens", { user_id: member }, 422, "form_param_missing", "/actor_tokens"],
      [
        "POST",
        "/v1/actor_tokens",
        { user_id: member, actor: "admin" },
        422,
        "form_param_value_invalid",
        "/actor_tokens",
      ],
      [
        "POST",
        "/v1/actor_tokens",
        { user_id: 7, actor: { sub: "x" } },
        422,
        "form_param_value_invalid",
        "/actor_tokens",
      ],
      [
        "POST",
        "/v1/actor_tokens",
        { user_id: member, actor: { sub: "x", ...BIG_METADATA } },
        422,
        "form_param_exceeds_allowed_size",
      ],
      [
        "POST",
        "/v1/actor_tokens",
        { user_id: member, actor: { sub: "x" }, expires_in_seconds: "600" },
        422,
        "form_param_value_invalid",
      ],
      [
        "POST",
        "/v1/actor_tokens",
        { user_id: member, actor: { sub: "x" }, extra: 1 },
        422,
        "form_param_unknown",
      ],
      ["POST", "/v1/actor_tokens/act_nope/revoke", undefined, 404, "resource_not_found"],
      [
        "POST",
        "/v1/sign_in_tokens",
        { user_id: member, expires_in_seconds: -5 },
        422,
        "form_param_value_invalid",
      ],
      [
        "POST",
        "/v1/sign_in_tokens",
        { user_id: member, org_id: "org_nope" },
        422,
        "form_param_value_invalid",
      ],
      ["POST", "/v1/sign_in_tokens", { user_id: "user_nope" }, 404, "resource_not_found", "/sign_in_tokens"],
      [
        "POST",
        `/v1/sign_in_tokens/${spent.id}/revoke`,
        undefined,
        400,
        "sign_in_token_cannot_be_revoked_code",
      ],
      ["POST", "/v1/allowlist_identifiers", {}, 422, "form_param_missing", "/allowlist_identifiers"],
      [
        "POST",
        "/v1/allowlist_identifiers",
        { identifier: "dup@allowed.test" },
        400,
        "duplicate_record",
        "/allowlist_identifiers",
      ],
      [
        "POST",
        "/v1/allowlist_identifiers",
        { identifier: "x@y.z", notify: "yes" },
        422,
        "form_param_value_invalid",
      ],
      [
        "POST",
        "/v1/allowlist_identifiers",
        { identifier: "admin@example.com", notify: true },
        422,
        "duplicate_record",
      ],
      ["POST", "/v1/allowlist_identifiers", { identifier: "<script>@x" }, 422, "form_param_format_invalid"],
      ["POST", "/v1/blocklist_identifiers", { identifier: "dup@blocked.test" }, 400, "duplicate_record"],
      ["POST", "/v1/blocklist_identifiers", { identifier: "a@b.c", notify: true }, 422, "form_param_unknown"],
      ["DELETE", `/v1/allowlist_identifiers/${used.id}`, undefined, 404, "resource_not_found"],
      ["DELETE", `/v1/blocklist_identifiers/${existing.id}`, undefined, 404, "resource_not_found"],
      [
        "PATCH",
        "/v1/instance/restrictions",
        { allowlist: 1 },
        422,
        "form_param_value_invalid",
        "/instance/restrictions",
      ],
      ["PATCH", "/v1/instance/restrictions", { sign_up_mode: "public" }, 422, "form_param_unknown"],
    ];
    await assertRefusedWithoutWrite(h, cases);
  });
});
