import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clerkErrorOf, raw, sdk, startTestClerk } from "@/test/support/local-clerk";
import type { LocalClerkHandle } from "./index";

let h: LocalClerkHandle;
let clerk: ReturnType<typeof sdk>;

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 20 });
  clerk = sdk(h);
});
afterEach(async () => {
  await raw(h, "DELETE", "/__local_clerk/faults");
  await raw(h, "PUT", "/__local_clerk/rate-limit", { enabled: false });
});
afterAll(() => h.stop());

async function faultLog(path: string) {
  const log = (await raw(h, "GET", `/__local_clerk/requests?path_prefix=${encodeURIComponent(path)}`)).json
    .data;
  return log as { method: string; path: string; status: number; fault?: string }[];
}

describe("fault injection", () => {
  it("answers the first N matching calls with 429 + Retry-After, then recovers", async () => {
    await raw(h, "DELETE", "/__local_clerk/requests");
    const put = await raw(h, "PUT", "/__local_clerk/faults", [
      { route: "GET /v1/users", kind: "429", count: 2, retryAfter: 3 },
    ]);
    expect(put.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const err = await clerkErrorOf(clerk.users.getUserList());
      expect(err.status).toBe(429);
      expect(err.retryAfter).toBe(3);
      expect(err.clerkTraceId).toEqual(expect.any(String));
    }
    const ok = await clerk.users.getUserList({ limit: 1 });
    expect(ok.data).toHaveLength(1);
    const log = (await faultLog("/v1/users")).filter((e) => e.path === "/v1/users");
    expect(log.map((e) => [e.status, e.fault ?? null])).toEqual([
      [429, "429"],
      [429, "429"],
      [200, null],
    ]);
    expect((await raw(h, "GET", "/__local_clerk/faults")).json.data[0].hits).toBe(2);
  });

  it("fails writes before they reach the store, so nothing is written", async () => {
    const user = h.state.findUserByEmail("viewer@example.com")!;
    await raw(h, "PUT", "/__local_clerk/faults", [{ route: "PATCH /v1/users/*", kind: "500", count: 1 }]);
    const err = await clerkErrorOf(
      clerk.users.updateUserMetadata(user.id, { publicMetadata: { tier: "gold" } }),
    );
    expect(err.status).toBe(500);
    expect(h.state.users.get(user.id)!.public_metadata.tier).toBeUndefined();
    const ok = await clerk.users.updateUserMetadata(user.id, { publicMetadata: { tier: "gold" } });
    expect(ok.publicMetadata.tier).toBe("gold");
  });

  it("refuses with a Clerk-shaped 422 and writes nothing", async () => {
    const user = h.state.findUserByEmail("viewer@example.com")!;
    await raw(h, "PUT", "/__local_clerk/faults", [{ route: "PATCH /v1/users/*", kind: "422", count: 1 }]);
    const err = await clerkErrorOf(
      clerk.users.updateUserMetadata(user.id, { publicMetadata: { refused: true } }),
    );
    expect(err.status).toBe(422);
    expect(err.errors[0]?.code).toBe("form_param_format_invalid");
    expect(h.state.users.get(user.id)!.public_metadata.refused).toBeUndefined();
    const ok = await clerk.users.updateUserMetadata(user.id, { publicMetadata: { refused: false } });
    expect(ok.publicMetadata.refused).toBe(false);
  });

  it("is deterministic for a rate with a seed", async () => {
    const pattern = async () => {
      await raw(h, "PUT", "/__local_clerk/faults", {
        seed: 7,
        faults: [{ route: "GET /v1/users/count", kind: "500", rate: 0.5 }],
      });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await raw(h, "GET", "/v1/users/count")).status);
      return out;
    };
    const a = await pattern();
    const b = await pattern();
    expect(a).toEqual(b);
    expect(a).toContain(500);
    expect(a).toContain(200);
  });

  it("hangs past a timeout and then drops the connection", async () => {
    await raw(h, "PUT", "/__local_clerk/faults", [
      { route: "* /v1/sessions*", kind: "timeout", hangMs: 300 },
    ]);
    const started = Date.now();
    await expect(
      fetch(`${h.url}/v1/sessions`, { headers: { Authorization: `Bearer ${h.context.secretKey}` } }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    const aborted = await fetch(`${h.url}/v1/sessions/x`, {
      headers: { Authorization: `Bearer ${h.context.secretKey}` },
      signal: AbortSignal.timeout(100),
    }).catch((e: Error) => e.name);
    expect(aborted).toBe("TimeoutError");
    const log = await faultLog("/v1/sessions");
    expect(log.filter((e) => e.fault === "timeout").length).toBeGreaterThanOrEqual(1);
  });

  it("rejects malformed fault rules with a 422", async () => {
    for (const body of [
      { route: "GET /v1/users", kind: "418" },
      [{ route: "nospace", kind: "500" }],
      [{ route: "GET /x", kind: "500", rate: 2 }],
    ]) {
      expect((await raw(h, "PUT", "/__local_clerk/faults", body)).status).toBe(422);
    }
  });

  it("reads rules from the faults option (LOCAL_CLERK_FAULTS in the CLI)", async () => {
    const other = await startTestClerk({
      faults: JSON.stringify([{ route: "GET /v1/jwks", kind: "429", count: 1 }]),
    });
    try {
      expect((await raw(other, "GET", "/v1/jwks")).status).toBe(429);
      expect((await raw(other, "GET", "/v1/jwks")).status).toBe(200);
    } finally {
      await other.stop();
    }
  });
});

describe("rate limit", () => {
  it("allows N requests per window, then 429 with Retry-After", async () => {
    await raw(h, "PUT", "/__local_clerk/rate-limit", { requests: 3, windowMs: 10_000 });
    for (let i = 0; i < 3; i++) expect((await raw(h, "GET", "/v1/users/count")).status).toBe(200);
    const err = await clerkErrorOf(clerk.users.getCount());
    expect(err.status).toBe(429);
    expect(err.retryAfter).toBeGreaterThanOrEqual(1);
    expect(err.retryAfter).toBeLessThanOrEqual(10);
    // Control and health endpoints are not limited.
    expect((await raw(h, "GET", "/__local_clerk/health")).status).toBe(200);
  });

  it("starts with Clerk's development default when configured", async () => {
    const limited = await startTestClerk({ rateLimit: { requests: 100, windowMs: 10_000 } });
    try {
      const statuses = await Promise.all(
        Array.from({ length: 101 }, () => raw(limited, "GET", "/v1/jwks").then((r) => r.status)),
      );
      expect(statuses.filter((s) => s === 200)).toHaveLength(100);
      expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    } finally {
      await limited.stop();
    }
  });
});
