import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertConforms, raw, startTestClerk } from "@/test/support/local-clerk";
import type { LocalClerkHandle } from "./index";

let h: LocalClerkHandle;

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 20 });
});
afterAll(() => h.stop());

function snapshotCounts() {
  return {
    users: h.state.users.size,
    invitations: [...h.state.invitations.all()].length,
    revision: h.state.revision,
  };
}

describe("bad input never crashes and never half-writes", () => {
  it("answers malformed JSON with a Clerk 400", async () => {
    const before = snapshotCounts();
    const r = await raw(h, "POST", "/v1/users", '{"email_address": ["broken@example.org"', {});
    expect(r.status).toBe(400);
    expect(r.contentType).toBe("application/json");
    expect(r.json.errors[0].code).toBe("malformed_request");
    expect(r.json.clerk_trace_id).toEqual(expect.any(String));
    assertConforms(r.json, "POST", "/users", 400);
    expect(snapshotCounts()).toEqual(before);
  });

  it("answers wrong types with Clerk 422s naming the parameter", async () => {
    const before = snapshotCounts();
    const cases: [string, string, unknown, string][] = [
      ["POST", "/v1/users", { email_address: "not-an-array@example.org" }, "email_address"],
      ["POST", "/v1/users", { email_address: ["ok@example.org"], first_name: 42 }, "first_name"],
      [
        "POST",
        "/v1/users",
        { email_address: ["ok@example.org"], public_metadata: [1, 2] },
        "public_metadata",
      ],
      ["POST", "/v1/invitations", { email_address: ["x@example.org"] }, "email_address"],
      ["POST", "/v1/invitations", { email_address: "y@example.org", expires_in_days: 0 }, "expires_in_days"],
    ];
    for (const [method, path, body, param] of cases) {
      const r = await raw(h, method, path, body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.json.errors[0].meta.param_name).toBe(param);
    }
    const arr = await raw(h, "POST", "/v1/users", [1, 2, 3]);
    expect(arr.status).toBe(400);
    expect(snapshotCounts()).toEqual(before);
  });

  it("refuses bodies over 1 MB with a Clerk 413 and keeps serving", async () => {
    const before = snapshotCounts();
    const user = h.state.findUserByEmail("admin@example.com")!;
    const r = await raw(h, "PATCH", `/v1/users/${user.id}/metadata`, {
      public_metadata: { blob: "x".repeat(1_100_000) },
    });
    expect(r.status).toBe(413);
    expect(r.json.errors[0].code).toBe("request_body_too_large");
    expect(snapshotCounts()).toEqual(before);

    // Chunked upload with no Content-Length is cut off too.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${h.url}/v1/users`, {
        method: "POST",
        headers: { Authorization: `Bearer ${h.context.secretKey}`, "Transfer-Encoding": "chunked" },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      const chunk = Buffer.alloc(64 * 1024, "a");
      for (let i = 0; i < 20; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
    expect((await raw(h, "GET", "/__local_clerk/health")).json.ok).toBe(true);
  });

  it("answers unknown paths with a Clerk-shaped 404 and logs loudly", async () => {
    const lines: string[] = [];
    const original = h.context.log;
    h.context.log = (l) => lines.push(l);
    try {
      const r = await raw(h, "GET", "/v1/definitely/not/a/route");
      expect(r.status).toBe(404);
      expect(r.json.errors[0]).toMatchObject({ code: "resource_not_found", meta: {} });
      expect(r.json.errors[0].long_message).toContain("/v1/definitely/not/a/route");
    } finally {
      h.context.log = original;
    }
    expect(lines.some((l) => l.includes("UNKNOWN ROUTE GET /v1/definitely/not/a/route"))).toBe(true);
  });

  it("sets Content-Type to exactly application/json on success and error", async () => {
    expect((await raw(h, "GET", "/v1/users")).contentType).toBe("application/json");
    expect((await fetch(`${h.url}/v1/users`)).headers.get("content-type")).toBe("application/json");
  });
});

describe("request log", () => {
  it("records method, path, status, time and lets tests clear it", async () => {
    await raw(h, "DELETE", "/__local_clerk/requests");
    await raw(h, "GET", "/v1/users?limit=1");
    await raw(h, "GET", "/v1/users/user_nope");
    const log = (await raw(h, "GET", "/__local_clerk/requests?path_prefix=/v1")).json.data;
    expect(
      log.map((e: { method: string; path: string; status: number }) => [e.method, e.path, e.status]),
    ).toEqual([
      ["GET", "/v1/users", 200],
      ["GET", "/v1/users/user_nope", 404],
    ]);
    expect(log[1].errorCode).toBe("resource_not_found");
    expect(log[0].query).toBe("?limit=1");
    expect(typeof log[0].durationMs).toBe("number");
    const noAuth = await fetch(`${h.url}/__local_clerk/requests`);
    expect(noAuth.status).toBe(401);
  });
});

describe("time control", () => {
  it("shifts Local Clerk's clock so sessions expire, and rejects bad bodies", async () => {
    const admin = h.state.findUserByEmail("admin@example.com")!;
    const session = (await raw(h, "POST", "/v1/sessions", { user_id: admin.id })).json;
    try {
      const put = await raw(h, "PUT", "/__local_clerk/time", { offsetMs: 8 * 24 * 3600 * 1000 });
      expect(put.json.offsetMs).toBe(8 * 24 * 3600 * 1000);
      expect((await raw(h, "GET", `/v1/sessions/${session.id}`)).json.status).toBe("expired");
      expect((await raw(h, "PUT", "/__local_clerk/time", { offsetMs: "soon" })).status).toBe(422);
    } finally {
      await raw(h, "PUT", "/__local_clerk/time", { offsetMs: 0 });
    }
    expect((await raw(h, "GET", `/v1/sessions/${session.id}`)).json.status).toBe("active");
  });
});
