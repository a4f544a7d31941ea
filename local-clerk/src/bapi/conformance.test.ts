import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertConforms, raw, startTestClerk } from "@/test/support/local-clerk";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 40 });
});
afterAll(() => h.stop());

/** Every BAPI endpoint Local Clerk implements, called raw, its body validated against Clerk's OpenAPI spec. */
describe("raw responses conform to the BAPI OpenAPI spec (2026-05-12)", () => {
  it("covers users, invitations, sessions and jwks, success and error bodies", async () => {
    const checks: [string, string, string, unknown, string, number][] = [];
    const call = async (method: string, path: string, template: string, body?: unknown, expected = 200) => {
      const r = await raw(h, method, path, body);
      expect(r.status, `${method} ${path}`).toBe(expected);
      expect(r.contentType).toBe("application/json");
      // The spec only describes the plain-array form; with paginated=true (what the SDK sends) the
      // same array is wrapped as {data, total_count}.
      if (path.includes("paginated=true")) {
        expect(Object.keys(r.json).sort()).toEqual(["data", "total_count"]);
        expect(Number.isInteger(r.json.total_count)).toBe(true);
        assertConforms(r.json.data, method, template, expected);
      } else {
        assertConforms(r.json, method, template, expected);
      }
      checks.push([method, path, template, body, String(r.status), expected]);
      return r.json;
    };

    const user = await call("POST", "/v1/users", "/users", {
      email_address: ["conform@example.org"],
      first_name: "Con",
      last_name: "Form",
      username: "conform",
      external_id: "ext_1",
      password: "conform-password",
      public_metadata: { plan: "pro" },
      private_metadata: { note: 1 },
      unsafe_metadata: { theme: "dark" },
    });
    await call("POST", "/v1/users", "/users", { email_address: ["conform@example.org"] }, 422);
    await call("GET", "/v1/users?limit=5&offset=1&order_by=-last_sign_in_at", "/users");
    await call(
      "GET",
      `/v1/users?email_address=conform@example.org&email_address=admin@example.com`,
      "/users",
    );
    await call("GET", "/v1/users?order_by=nope", "/users", undefined, 422);
    await call("GET", "/v1/users/count?query=example", "/users/count");
    await call("GET", `/v1/users/${user.id}`, "/users/{user_id}");
    await call("GET", "/v1/users/user_missing", "/users/{user_id}", undefined, 404);
    await call("PATCH", `/v1/users/${user.id}`, "/users/{user_id}", { first_name: "Conny", username: null });
    await call("PATCH", "/v1/users/user_missing", "/users/{user_id}", { first_name: "x" }, 404);
    await call("PATCH", `/v1/users/${user.id}/metadata`, "/users/{user_id}/metadata", {
      public_metadata: { a: { b: 1 } },
    });
    await call("PUT", `/v1/users/${user.id}/metadata`, "/users/{user_id}/metadata", {
      private_metadata: { replaced: true },
    });
    await call(
      "PATCH",
      `/v1/users/${user.id}/metadata`,
      "/users/{user_id}/metadata",
      { public_metadata: { x: "y".repeat(9000) } },
      422,
    );
    for (const action of ["ban", "unban", "lock", "unlock"]) {
      await call("POST", `/v1/users/${user.id}/${action}`, `/users/{user_id}/${action}`);
    }
    await call("POST", `/v1/users/${user.id}/verify_password`, "/users/{user_id}/verify_password", {
      password: "conform-password",
    });

    const inv = await call("POST", "/v1/invitations", "/invitations", {
      email_address: "conform-invite@example.org",
      public_metadata: { plan: "free" },
      redirect_url: "http://localhost:3000/accept",
      notify: false,
      ignore_existing: false,
      expires_in_days: 3,
    });
    await call(
      "POST",
      "/v1/invitations",
      "/invitations",
      { email_address: "conform-invite@example.org" },
      400,
    );
    await call("GET", "/v1/invitations?status=pending&query=conform", "/invitations");
    await call("GET", "/v1/invitations?paginated=true&order_by=expires_at", "/invitations");
    await call("POST", "/v1/invitations/bulk", "/invitations/bulk", [
      { email_address: "conform-bulk@example.org" },
    ]);
    await call("POST", `/v1/invitations/${inv.id}/revoke`, "/invitations/{invitation_id}/revoke");
    await call(
      "POST",
      `/v1/invitations/${inv.id}/revoke`,
      "/invitations/{invitation_id}/revoke",
      undefined,
      400,
    );
    await call(
      "POST",
      "/v1/invitations/inv_missing/revoke",
      "/invitations/{invitation_id}/revoke",
      undefined,
      404,
    );

    const session = await call("POST", "/v1/sessions", "/sessions", { user_id: user.id });
    await call("GET", `/v1/sessions?user_id=${user.id}&status=active`, "/sessions");
    await call("GET", `/v1/sessions?user_id=${user.id}&paginated=true`, "/sessions");
    await call("GET", "/v1/sessions?status=weird", "/sessions", undefined, 422);
    await call("GET", `/v1/sessions/${session.id}`, "/sessions/{session_id}");
    await call("POST", `/v1/sessions/${session.id}/revoke`, "/sessions/{session_id}/revoke");
    await call("POST", `/v1/sessions/${session.id}/revoke`, "/sessions/{session_id}/revoke", undefined, 400);
    await call("POST", "/v1/sessions/sess_missing/revoke", "/sessions/{session_id}/revoke", undefined, 404);
    await call("GET", "/v1/jwks", "/jwks");
    await call("DELETE", `/v1/users/${user.id}`, "/users/{user_id}");

    const unauth = await fetch(`${h.url}/v1/sessions?user_id=x`);
    expect(unauth.status).toBe(401);
    assertConforms(await unauth.json(), "GET", "/sessions", 401);
    expect(checks.length).toBeGreaterThanOrEqual(35);
  });
});
