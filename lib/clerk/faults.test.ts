// Fault injection against a real Local Clerk: reads ride out 429s/5xx/timeouts, writes never repeat.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setLogSink } from "@/lib/errors";
import { type ClerkFixture, failure, settle, startClerkFixture } from "@/test/support/clerk-fixture";
import { proposeWrite, runAction } from "./define-action";
import { actions } from "./registry";

setLogSink(() => {});
const TIMEOUT_MS = 1000;
let fx: ClerkFixture;

beforeAll(async () => {
  fx = await startClerkFixture({ seedUsers: 20, timeoutMs: TIMEOUT_MS });
});
afterEach(() => fx.lc.faults.clear());
afterAll(() => fx.stop());

describe("reads are retried", () => {
  it("getUser succeeds through two injected 429s and waits out Retry-After each time", async () => {
    const id = fx.userIdByEmail("admin@example.com");
    fx.lc.faults.configure([{ route: "GET /v1/users/user_*", kind: "429", count: 2, retryAfter: 1 }]);
    const seq = fx.mark();
    const started = performance.now();
    const user = await runAction(actions.getUser, { user_id: id }, fx.ctx);
    const elapsed = performance.now() - started;
    await settle();
    expect(user.id).toBe(id);
    const calls = fx.requestsSince(seq, { method: "GET" });
    expect(calls.map((c) => c.status)).toEqual([429, 429, 200]);
    expect(calls.map((c) => c.fault ?? null)).toEqual(["429", "429", null]);
    // Each retry starts no earlier than Retry-After (1 s) after the 429 it follows.
    const first = calls[0]?.at ?? 0;
    expect((calls[1]?.at ?? 0) - first).toBeGreaterThanOrEqual(1000);
    expect((calls[2]?.at ?? 0) - (calls[1]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeGreaterThanOrEqual(2000);
  });

  it("listUsers retries when only the count request is rate limited", async () => {
    fx.lc.faults.configure([{ route: "GET /v1/users/count", kind: "429", count: 1, retryAfter: 1 }]);
    const seq = fx.mark();
    const out = await runAction(actions.listUsers, { limit: 3 }, fx.ctx);
    await settle();
    expect(out.users).toHaveLength(3);
    expect(out.total_count).toBe(fx.lc.state.users.size);
    expect(fx.requestsSince(seq, { pathPrefix: "/v1/users/count" }).map((c) => c.status)).toEqual([429, 200]);
  });

  it("retries a 500 with backoff", async () => {
    fx.lc.faults.configure([{ route: "GET /v1/invitations", kind: "500", count: 2 }]);
    const seq = fx.mark();
    const out = await runAction(actions.listInvitations, {}, fx.ctx);
    await settle();
    expect(out.total_count).toBeGreaterThan(0);
    expect(fx.requestsSince(seq, { pathPrefix: "/v1/invitations" }).map((c) => c.status)).toEqual([
      500, 500, 200,
    ]);
  });

  it("a hanging read times out and the retry succeeds", async () => {
    const id = fx.userIdByEmail("viewer@example.com");
    fx.lc.faults.configure([{ route: "GET /v1/users/user_*", kind: "timeout", count: 1, hangMs: 3000 }]);
    const started = performance.now();
    const user = await runAction(actions.getUser, { user_id: id }, fx.ctx);
    expect(user.id).toBe(id);
    expect(performance.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS);
  });

  it("gives up after 3 attempts: persistent timeouts become upstream_unavailable", async () => {
    const id = fx.userIdByEmail("viewer@example.com");
    fx.lc.faults.configure([{ route: "GET /v1/users/user_*", kind: "timeout", hangMs: 2500 }]);
    const seq = fx.mark();
    const t0 = Date.now();
    const e = await failure(runAction(actions.getUser, { user_id: id }, fx.ctx));
    expect(e).toMatchObject({ code: "upstream_unavailable", status: 503, retryable: true });
    // Our timer fired, not the server hanging up.
    expect(e.details?.timeout).toBe(true);
    fx.lc.faults.clear();
    await new Promise((r) => setTimeout(r, 2600));
    // Hung requests are logged when their socket closes, so select by start time, not log order.
    const attempts = fx.requestsSince(seq, { pathPrefix: "/v1/users/user_" }).filter((r) => r.at >= t0);
    expect(attempts.map((r) => r.fault)).toEqual(["timeout", "timeout", "timeout"]);
  });

  it("persistent 500s become upstream_unavailable after exactly 3 requests", async () => {
    fx.lc.faults.configure([{ route: "GET /v1/users/count", kind: "500" }]);
    const seq = fx.mark();
    const e = await failure(runAction(actions.countUsers, {}, fx.ctx));
    await settle();
    expect(e.code).toBe("upstream_unavailable");
    expect(fx.requestsSince(seq)).toHaveLength(3);
  });
});

describe("Clerk's rate limit (Local Clerk's fixed window) switched on", () => {
  afterEach(() => fx.lc.context.rateLimiter.set(false));

  it("a burst of reads larger than the window all succeed by waiting out Retry-After", async () => {
    const ids = ["admin@example.com", "viewer@example.com", "member@example.com"].map((e) =>
      fx.userIdByEmail(e),
    );
    fx.lc.context.rateLimiter.set({ requests: 4, windowMs: 1000 });
    const seq = fx.mark();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => runAction(actions.getUser, { user_id: ids[i % 3] }, fx.ctx)),
    );
    await settle();
    expect(results.map((u) => u.id)).toEqual(Array.from({ length: 8 }, (_, i) => ids[i % 3]));
    const log = fx.requestsSince(seq);
    expect(log.filter((r) => r.status === 200)).toHaveLength(8);
    expect(log.filter((r) => r.fault === "rate_limit").length).toBeGreaterThanOrEqual(4);
  });
});

describe("writes are never repeated", () => {
  const metadataWrite = (id: string, value: string) => ({
    user_id: id,
    public_metadata: { fault_probe: value },
  });

  it.each([
    ["500", "upstream_unavailable"],
    ["429", "rate_limited"],
    ["timeout", "upstream_unavailable"],
  ] as const)(
    "a %s on PATCH metadata reaches Clerk exactly once and is reported as %s",
    async (kind, code) => {
      const id = fx.userIdByEmail("member@example.com");
      const before = structuredClone(fx.lc.state.users.get(id)?.public_metadata);
      fx.lc.faults.configure([
        { route: "PATCH /v1/users/*/metadata", kind, count: 1, retryAfter: 2, hangMs: 2000 },
      ]);
      const seq = fx.mark();
      const e = await failure(runAction(actions.updateUserMetadata, metadataWrite(id, kind), fx.ctx));
      expect(e.code).toBe(code);
      if (kind === "timeout") expect(e.details).toMatchObject({ timeout: true, outcome: "unknown" });
      if (kind === "429") expect(e.retryAfter).toBe(2);
      else expect(e.message).toMatch(/may or may not have been applied/);
      if (kind === "timeout") await new Promise((r) => setTimeout(r, 2100));
      await settle();
      expect(fx.requestsSince(seq, { method: "PATCH" })).toHaveLength(1);
      expect(fx.lc.state.users.get(id)?.public_metadata).toEqual(before);
    },
  );

  it("a 429 on the pre-write read is retried, and the write still goes out once", async () => {
    const id = fx.userIdByEmail("member@example.com");
    fx.lc.faults.configure([{ route: "GET /v1/users/user_*", kind: "429", count: 1, retryAfter: 1 }]);
    const seq = fx.mark();
    const out = await runAction(actions.updateUserMetadata, metadataWrite(id, "after-429"), fx.ctx);
    await settle();
    expect(out.public_metadata.fault_probe).toBe("after-429");
    expect(fx.requestsSince(seq, { method: "GET" }).map((c) => c.status)).toEqual([429, 200]);
    expect(fx.requestsSince(seq, { method: "PATCH" })).toHaveLength(1);
  });

  it("a failed pre-write read is not reported as 'may have been applied'", async () => {
    const id = fx.userIdByEmail("member@example.com");
    fx.lc.faults.configure([{ route: "GET /v1/users/user_*", kind: "500" }]);
    const seq = fx.mark();
    const e = await failure(runAction(actions.updateUserMetadata, metadataWrite(id, "never"), fx.ctx));
    await settle();
    expect(e.code).toBe("upstream_unavailable");
    expect(e.message).not.toMatch(/may or may not/);
    expect(fx.requestsSince(seq, { method: "PATCH" })).toHaveLength(0);
  });

  it("a failed staleness re-read refuses the write without 'may have been applied'", async () => {
    const id = fx.userIdByEmail("viewer@example.com");
    const proposal = await proposeWrite(actions.banUser, { user_id: id }, fx.ctx);
    fx.lc.faults.configure([{ route: "GET /v1/users/user_*", kind: "500" }]);
    const seq = fx.mark();
    const e = await failure(
      runAction(actions.banUser, { user_id: id }, fx.ctx, { expectedSnapshot: proposal.before }),
    );
    await settle();
    expect(e.code).toBe("upstream_unavailable");
    expect(e.details?.phase).toBe("pre_write_read");
    expect(e.message).not.toMatch(/may or may not/);
    expect(fx.requestsSince(seq, { method: "POST" })).toHaveLength(0);
    expect(fx.lc.state.users.get(id)?.banned).toBe(false);
  });

  it.each([
    ["createInvitation", "POST /v1/invitations", { email: "fault.probe@invite-test.example" }],
    ["banUser", "POST /v1/users/*/ban", { user_id: "" }],
    ["lockUser", "POST /v1/users/*/lock", { user_id: "" }],
  ] as const)("%s hit by a 500 is sent once and not applied twice", async (name, route, rawInput) => {
    const id = fx.userIdByEmail("viewer@example.com");
    const input = "user_id" in rawInput ? { user_id: id } : rawInput;
    fx.lc.faults.configure([{ route, kind: "500", count: 1 }]);
    const seq = fx.mark();
    const e = await failure(runAction(actions[name], input, fx.ctx));
    await settle();
    expect(e.code).toBe("upstream_unavailable");
    expect(e.retryable).toBe(false);
    expect(fx.requestsSince(seq, { method: "POST" })).toHaveLength(1);
  });
});
